/**
 * The color tutorial moved to Amazon ECS Service Connect, on the built-in local cloud (no AWS
 * account): what `npx tsx examples/color-service-connect.ts` (or `npm run color-service-connect`)
 * runs.
 *
 *   1. the Service Connect plan, its warnings and its files (out/color-service-connect);
 *   2. apply it, beside where the App Mesh one would run (its names end in -sc);
 *   3. the tutorial's curl checks on Service Connect, each next to App Mesh's answer: a check passes
 *      when Service Connect answers as the plan says it will, and every difference says why;
 *   4. the behaviour diff: every caller and name whose answer changes;
 *   5. destroy it (unless --keep).
 *
 * Importing this module runs nothing: call runColorServiceConnect.
 */
import {
  apply,
  createSimulator,
  destroy,
  diffBehaviour,
  formatBehaviourDiff,
  meshViewFromPlan,
  type Plan,
  renderAll,
  renderPlanTable,
  writeFiles,
} from 'appmesh-builder';
import { colorMesh } from './color-mesh.ts';
import {
  answer,
  Checks,
  connect,
  endpointChecks,
  type Flags,
  runTutorial,
  say,
  serviceConnectSimulator,
  shares,
} from './tutorial-support.ts';

const USAGE = 'Usage: color-service-connect [--keep] [--aws | --endpoint <url>] [--region <region>]';

/**
 * Runs the migration with the command line's flags (`process.argv.slice(2)`); resolves to the exit
 * code: 0 when Service Connect answered every check as planned, 1 when not or an AWS call failed,
 * 2 for unknown flags.
 */
export function runColorServiceConnect(argv: readonly string[]): Promise<number> {
  return runTutorial(argv, USAGE, migration);
}

/** The migration's steps; resolves to the number of checks Service Connect did not answer as planned. */
async function migration(flags: Flags): Promise<number> {
  const checks = new Checks();
  const target = await connect(flags);
  await new Promise((resolve) => setImmediate(resolve)); // the SDK's Node 20 notice, before the output
  const appMesh = createSimulator(meshViewFromPlan(colorMesh(target.params).plan()), { seed: 1 });

  say('1. The Service Connect plan of the color mesh, and its files for the AWS CLI');
  const plan: Plan = colorMesh(target.params).plan({ target: 'service-connect' });
  say(renderPlanTable(plan));
  const written = await writeFiles('out/color-service-connect', renderAll(plan));
  say(
    `Wrote ${written.length} files to out/color-service-connect. The migration report: appmesh-builder migrate examples/color-mesh.ts --to service-connect`,
  );

  say(`\n2. Apply to ${target.where}, beside the App Mesh environment (every name ends in -sc)`);
  const applied = await apply(plan, target.options);
  if (!applied.ok) throw applied.error;

  say('\n3. The tutorial on Service Connect, next to App Mesh');
  const sim = await endpointChecks(target, checks, appMesh, {
    beforeRedeploy:
      "Service Connect refuses too, for another reason: red's tasks started before blue's endpoint existed (blue's service comes after red's, one of its backends)",
    afterRedeploy:
      'Differs: Service Connect has no backends allow-list and no egress filter; every task of the namespace reaches every name',
  });

  const n = 10_000;
  const split = sim.from('red').sample('http://router.colors.local/', n);
  const allGreen = checks.count(split.answers.green === n);
  say(
    `  ${allGreen ? 'ok  ' : 'FAIL'} (red) $ while true; do curl router.colors.local; done   # ${n} requests`,
  );
  say(`         ${shares(split.answers, n)}`);
  say(
    `         App Mesh: ${shares(appMesh.from('red').sample('http://router.colors.local/', n).answers, n)}. Differs: Service Connect cannot split traffic; router.colors.local is green's name. A VPC Lattice rule keeps the split: forward to target groups green (weight 800) and yellow (200).`,
  );
  const gateway = appMesh.gateway('color-gateway').get('/');
  say(`  --   (internet) $ curl http://<nlb>/`);
  say(
    `         App Mesh: ${answer(gateway)}. Differs: Service Connect has no gateway; the plan has no NLB. Put an ALB in front of blue-sc, with a rule per gateway route.`,
  );

  say('\n4. Every difference from App Mesh (behaviour diff, as deployed)');
  const { view } = await serviceConnectSimulator(target);
  say(
    formatBehaviourDiff(
      diffBehaviour(meshViewFromPlan(colorMesh(target.params).plan()), view, { samples: 1000 }),
    ),
  );

  if (flags.keep) {
    say(`5. Kept on ${target.where} (--keep).`);
  } else {
    say('5. Destroy');
    const destroyed = await destroy(plan, target.options);
    if (!destroyed.ok) throw destroyed.error;
  }
  const { failures } = checks;
  say(
    failures === 0
      ? '\nService Connect answered every check as the plan says it would.'
      : `\n${failures} check(s) did not answer as planned.`,
  );
  return failures;
}
