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
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { colorMesh, exampleParams } from './color-mesh.ts';

export default colorMesh(exampleParams).plan({ target: 'service-connect' });

/** Whether node was started with this file, rather than importing it (see color-mesh.ts). */
function isEntryPoint(moduleUrl: string): boolean {
  const main = process.argv[1];
  if (main === undefined || !/\/color-service-connect\.[cm]?[jt]s$/.test(new URL(moduleUrl).pathname))
    return false;
  try {
    return pathToFileURL(realpathSync(main)).href === moduleUrl;
  } catch {
    return false;
  }
}

if (isEntryPoint(import.meta.url)) {
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
