import {
  CreateRouteCommand,
  DeleteRouteCommand,
  DescribeRouteCommand,
  UpdateRouteCommand,
} from '@aws-sdk/client-app-mesh';
import { appMeshHandler } from './app-mesh-common.js';
import { sendOptions } from './common.js';

export const routeHandler = appMeshHandler<'route'>({
  name: (input) => input.routeName ?? '',
  describe: async (input, ctx) =>
    (
      await ctx.clients.appMesh.send(
        new DescribeRouteCommand({
          routeName: input.routeName,
          meshName: input.meshName,
          meshOwner: input.meshOwner,
          virtualRouterName: input.virtualRouterName,
        }),
        sendOptions(ctx),
      )
    ).route,
  create: async (input, ctx) =>
    (await ctx.clients.appMesh.send(new CreateRouteCommand(input), sendOptions(ctx))).route,
  update: async (input, clientToken, ctx) =>
    (
      await ctx.clients.appMesh.send(
        new UpdateRouteCommand({
          routeName: input.routeName,
          meshName: input.meshName,
          meshOwner: input.meshOwner,
          virtualRouterName: input.virtualRouterName,
          spec: input.spec,
          clientToken,
        }),
        sendOptions(ctx),
      )
    ).route,
  delete: (input, ctx) =>
    ctx.clients.appMesh.send(
      new DeleteRouteCommand({
        routeName: input.routeName,
        meshName: input.meshName,
        meshOwner: input.meshOwner,
        virtualRouterName: input.virtualRouterName,
      }),
      sendOptions(ctx),
    ),
});
