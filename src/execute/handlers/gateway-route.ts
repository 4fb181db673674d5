import {
  CreateGatewayRouteCommand,
  DeleteGatewayRouteCommand,
  DescribeGatewayRouteCommand,
  UpdateGatewayRouteCommand,
} from '@aws-sdk/client-app-mesh';
import { appMeshHandler } from './app-mesh-common.js';
import { sendOptions } from './common.js';

export const gatewayRouteHandler = appMeshHandler<'gatewayRoute'>({
  name: (input) => input.gatewayRouteName ?? '',
  describe: async (input, ctx) =>
    (
      await ctx.clients.appMesh.send(
        new DescribeGatewayRouteCommand({
          gatewayRouteName: input.gatewayRouteName,
          meshName: input.meshName,
          meshOwner: input.meshOwner,
          virtualGatewayName: input.virtualGatewayName,
        }),
        sendOptions(ctx),
      )
    ).gatewayRoute,
  create: async (input, ctx) =>
    (await ctx.clients.appMesh.send(new CreateGatewayRouteCommand(input), sendOptions(ctx))).gatewayRoute,
  update: async (input, clientToken, ctx) =>
    (
      await ctx.clients.appMesh.send(
        new UpdateGatewayRouteCommand({
          gatewayRouteName: input.gatewayRouteName,
          meshName: input.meshName,
          meshOwner: input.meshOwner,
          virtualGatewayName: input.virtualGatewayName,
          spec: input.spec,
          clientToken,
        }),
        sendOptions(ctx),
      )
    ).gatewayRoute,
  delete: (input, ctx) =>
    ctx.clients.appMesh.send(
      new DeleteGatewayRouteCommand({
        gatewayRouteName: input.gatewayRouteName,
        meshName: input.meshName,
        meshOwner: input.meshOwner,
        virtualGatewayName: input.virtualGatewayName,
      }),
      sendOptions(ctx),
    ),
});
