/**
 * The color tutorial's mesh (examples/color-mesh.ts) compiled to Amazon ECS Service Connect: the
 * same definition, the `service-connect` target. Its default export is the Service Connect plan.
 *
 * Run as a program, it runs the migration on the built-in local cloud
 * (examples/run-color-service-connect.ts): the migration report, the plan, apply, the tutorial's
 * curl checks answered by Service Connect next to what App Mesh answered, and why they differ:
 *
 *   npx tsx examples/color-service-connect.ts [--keep] [--aws | --endpoint <url>] [--region <region>]
 */
import { colorMesh, exampleParams } from './color-mesh.ts';
import { isEntryPoint } from './entry-point.ts';

export default colorMesh(exampleParams).plan({ target: 'service-connect' });

if (isEntryPoint(import.meta.url, 'color-service-connect')) {
  // Loaded only here: importing the plan must not pull in the runner and its clients.
  import('./run-color-service-connect.ts')
    .then(async ({ runColorServiceConnect }) => {
      process.exitCode = await runColorServiceConnect(process.argv.slice(2));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
