import {
  CreateVirtualServiceCommand,
  DeleteVirtualServiceCommand,
  DescribeVirtualServiceCommand,
  UpdateVirtualServiceCommand,
} from '@aws-sdk/client-app-mesh';
import { appMeshHandler } from './app-mesh-common.js';
import { sendOptions } from './common.js';

export const virtualServiceHandler = appMeshHandler<'virtualService'>({
  name: (input) => input.virtualServiceName ?? '',
  describe: async (input, ctx) =>
    (
      await ctx.clients.appMesh.send(
        new DescribeVirtualServiceCommand({
          virtualServiceName: input.virtualServiceName,
          meshName: input.meshName,
          meshOwner: input.meshOwner,
        }),
        sendOptions(ctx),
      )
    ).virtualService,
  create: async (input, ctx) =>
    (await ctx.clients.appMesh.send(new CreateVirtualServiceCommand(input), sendOptions(ctx))).virtualService,
  update: async (input, clientToken, ctx) =>
    (
      await ctx.clients.appMesh.send(
        new UpdateVirtualServiceCommand({
          virtualServiceName: input.virtualServiceName,
          meshName: input.meshName,
          meshOwner: input.meshOwner,
          spec: input.spec,
          clientToken,
        }),
        sendOptions(ctx),
      )
    ).virtualService,
  delete: (input, ctx) =>
    ctx.clients.appMesh.send(
      new DeleteVirtualServiceCommand({
        virtualServiceName: input.virtualServiceName,
        meshName: input.meshName,
        meshOwner: input.meshOwner,
      }),
      sendOptions(ctx),
    ),
});
