import {
  CreateVirtualRouterCommand,
  DeleteVirtualRouterCommand,
  DescribeVirtualRouterCommand,
  UpdateVirtualRouterCommand,
} from '@aws-sdk/client-app-mesh';
import { appMeshHandler } from './app-mesh-common.js';
import { sendOptions } from './common.js';

export const virtualRouterHandler = appMeshHandler<'virtualRouter'>({
  name: (input) => input.virtualRouterName ?? '',
  describe: async (input, ctx) =>
    (
      await ctx.clients.appMesh.send(
        new DescribeVirtualRouterCommand({
          virtualRouterName: input.virtualRouterName,
          meshName: input.meshName,
          meshOwner: input.meshOwner,
        }),
        sendOptions(ctx),
      )
    ).virtualRouter,
  create: async (input, ctx) =>
    (await ctx.clients.appMesh.send(new CreateVirtualRouterCommand(input), sendOptions(ctx))).virtualRouter,
  update: async (input, clientToken, ctx) =>
    (
      await ctx.clients.appMesh.send(
        new UpdateVirtualRouterCommand({
          virtualRouterName: input.virtualRouterName,
          meshName: input.meshName,
          meshOwner: input.meshOwner,
          spec: input.spec,
          clientToken,
        }),
        sendOptions(ctx),
      )
    ).virtualRouter,
  delete: (input, ctx) =>
    ctx.clients.appMesh.send(
      new DeleteVirtualRouterCommand({
        virtualRouterName: input.virtualRouterName,
        meshName: input.meshName,
        meshOwner: input.meshOwner,
      }),
      sendOptions(ctx),
    ),
});
