import {
  CreateVirtualNodeCommand,
  DeleteVirtualNodeCommand,
  DescribeVirtualNodeCommand,
  UpdateVirtualNodeCommand,
} from '@aws-sdk/client-app-mesh';
import { appMeshHandler } from './app-mesh-common.js';
import { sendOptions } from './common.js';

export const virtualNodeHandler = appMeshHandler<'virtualNode'>({
  name: (input) => input.virtualNodeName ?? '',
  describe: async (input, ctx) =>
    (
      await ctx.clients.appMesh.send(
        new DescribeVirtualNodeCommand({
          virtualNodeName: input.virtualNodeName,
          meshName: input.meshName,
          meshOwner: input.meshOwner,
        }),
        sendOptions(ctx),
      )
    ).virtualNode,
  create: async (input, ctx) =>
    (await ctx.clients.appMesh.send(new CreateVirtualNodeCommand(input), sendOptions(ctx))).virtualNode,
  update: async (input, clientToken, ctx) =>
    (
      await ctx.clients.appMesh.send(
        new UpdateVirtualNodeCommand({
          virtualNodeName: input.virtualNodeName,
          meshName: input.meshName,
          meshOwner: input.meshOwner,
          spec: input.spec,
          clientToken,
        }),
        sendOptions(ctx),
      )
    ).virtualNode,
  delete: (input, ctx) =>
    ctx.clients.appMesh.send(
      new DeleteVirtualNodeCommand({
        virtualNodeName: input.virtualNodeName,
        meshName: input.meshName,
        meshOwner: input.meshOwner,
      }),
      sendOptions(ctx),
    ),
});
