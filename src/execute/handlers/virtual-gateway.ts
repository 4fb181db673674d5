import {
  CreateVirtualGatewayCommand,
  DeleteVirtualGatewayCommand,
  DescribeVirtualGatewayCommand,
  UpdateVirtualGatewayCommand,
} from '@aws-sdk/client-app-mesh';
import { appMeshHandler } from './app-mesh-common.js';
import { sendOptions } from './common.js';

export const virtualGatewayHandler = appMeshHandler<'virtualGateway'>({
  name: (input) => input.virtualGatewayName ?? '',
  describe: async (input, ctx) =>
    (
      await ctx.clients.appMesh.send(
        new DescribeVirtualGatewayCommand({
          virtualGatewayName: input.virtualGatewayName,
          meshName: input.meshName,
          meshOwner: input.meshOwner,
        }),
        sendOptions(ctx),
      )
    ).virtualGateway,
  create: async (input, ctx) =>
    (await ctx.clients.appMesh.send(new CreateVirtualGatewayCommand(input), sendOptions(ctx))).virtualGateway,
  update: async (input, clientToken, ctx) =>
    (
      await ctx.clients.appMesh.send(
        new UpdateVirtualGatewayCommand({
          virtualGatewayName: input.virtualGatewayName,
          meshName: input.meshName,
          meshOwner: input.meshOwner,
          spec: input.spec,
          clientToken,
        }),
        sendOptions(ctx),
      )
    ).virtualGateway,
  delete: (input, ctx) =>
    ctx.clients.appMesh.send(
      new DeleteVirtualGatewayCommand({
        virtualGatewayName: input.virtualGatewayName,
        meshName: input.meshName,
        meshOwner: input.meshOwner,
      }),
      sendOptions(ctx),
    ),
});
