/**
 * The color tutorial's mesh (examples/color-mesh.ts) compiled to ECS Service Connect with its
 * router and gateway on VPC Lattice and an Application Load Balancer: the same definition, the
 * `service-connect+vpc-lattice` target. Its default export is that plan.
 *
 * Run as a program, it runs the tutorial on the built-in local cloud
 * (examples/run-color-vpc-lattice.ts): the plan, apply, the tutorial's curl checks next to what App
 * Mesh answered, the live weight changes (each one rule), the gateway's routes through the ALB, the
 * behaviour diff, destroy:
 *
 *   npx tsx examples/color-vpc-lattice.ts [--keep] [--aws | --endpoint <url>] [--region <region>]
 */
import { colorMesh, exampleParams } from './color-mesh.ts';
import { isEntryPoint } from './entry-point.ts';

export default colorMesh(exampleParams).plan({ target: 'service-connect+vpc-lattice' });

if (isEntryPoint(import.meta.url, 'color-vpc-lattice')) {
  // Loaded only here: importing the plan must not pull in the runner and its clients.
  import('./run-color-vpc-lattice.ts')
    .then(async ({ runColorVpcLattice }) => {
      process.exitCode = await runColorVpcLattice(process.argv.slice(2));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
