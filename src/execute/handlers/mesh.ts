import {
  CreateMeshCommand,
  DeleteMeshCommand,
  DescribeMeshCommand,
  UpdateMeshCommand,
} from '@aws-sdk/client-app-mesh';
import { appMeshHandler } from './app-mesh-common.js';
import { sendOptions } from './common.js';

export const meshHandler = appMeshHandler<'mesh'>({
  name: (input) => input.meshName ?? '',
  describe: async (input, ctx) =>
    (await ctx.clients.appMesh.send(new DescribeMeshCommand({ meshName: input.meshName }), sendOptions(ctx)))
      .mesh,
  create: async (input, ctx) =>
    (await ctx.clients.appMesh.send(new CreateMeshCommand(input), sendOptions(ctx))).mesh,
  update: async (input, clientToken, ctx) =>
    (
      await ctx.clients.appMesh.send(
        new UpdateMeshCommand({ meshName: input.meshName, spec: input.spec, clientToken }),
        sendOptions(ctx),
      )
    ).mesh,
  delete: (input, ctx) =>
    ctx.clients.appMesh.send(new DeleteMeshCommand({ meshName: input.meshName }), sendOptions(ctx)),
});
