/**
 * The whole color tutorial, on the built-in local cloud (no AWS account): what
 * `npx tsx examples/color-mesh.ts` (or `npm run color-mesh`) runs.
 *
 *   1. plan the mesh and write its JSON files (out/color-mesh), as the tutorial's CLI steps would;
 *   2. apply it, with progress;
 *   3. the tutorial's curl checks, answered by the traffic simulator from what was applied:
 *      blue reaches red, red cannot reach blue until blue is its backend (a live edit, then undone),
 *      the router's 4:1 split, green at weight 0, and the gateway's two routes;
 *   4. destroy it (unless --keep).
 *
 * The same tutorial deploys to AWS with `--aws` (default credential chain; COLOR_MESH_* variables
 * for the VPC and subnets), or to any AWS-compatible endpoint with `--endpoint <url>`.
 * Importing this module runs nothing: call runColorMeshTutorial.
 */
import {
  apply,
  createSimulator,
  destroy,
  type Plan,
  readMeshView,
  renderAll,
  renderPlanTable,
  writeFiles,
} from 'appmesh-builder';
import { type ColorMeshStage, colorMesh } from './color-mesh.ts';
import {
  Checks,
  connect,
  type Flags,
  runTutorial,
  say,
  shares,
  type Deployment as Target,
} from './tutorial-support.ts';

const USAGE = 'Usage: color-mesh [--keep] [--aws | --endpoint <url>] [--region <region>]';

async function applyStage(target: Target, stage: ColorMeshStage, quiet = false): Promise<Plan> {
  const plan = colorMesh(target.params, stage).plan();
  const result = await apply(plan, quiet ? { ...target.options, onEvent: () => {} } : target.options);
  if (!result.ok) throw result.error;
  const changed = result.results.filter((r) => r.outcome !== 'unchanged').map((r) => `${r.outcome} ${r.id}`);
  if (quiet) say(`  apply: ${changed.length === 0 ? 'nothing to change' : changed.join('; ')}`);
  return plan;
}

async function simulator(target: Target) {
  await target.cloud?.settle();
  return createSimulator(await readMeshView(target.clients, 'color-mesh'), { seed: 1 });
}

/**
 * Runs the tutorial with the command line's flags (`process.argv.slice(2)`); resolves to the exit
 * code: 0 when every check passed, 1 when one failed or an AWS call did, 2 for unknown flags.
 */
export function runColorMeshTutorial(argv: readonly string[]): Promise<number> {
  return runTutorial(argv, USAGE, tutorial);
}

/** The tutorial's steps; resolves to the number of failed checks. */
async function tutorial(flags: Flags): Promise<number> {
  const checks = new Checks();
  const target = await connect(flags);
  // On Node 20 the AWS SDK warns about the Node version on the tick after its first client: let
  // that come out now, before the tutorial's output, not in the middle of the plan table.
  await new Promise((resolve) => setImmediate(resolve));
  const { where } = target;

  say('1. The plan, and its files for the AWS CLI');
  const plan = colorMesh(target.params).plan();
  say(renderPlanTable(plan));
  const written = await writeFiles('out/color-mesh', renderAll(plan));
  say(
    `Wrote ${written.length} files to out/color-mesh (--cli-input-json files, apply.sh, destroy.sh, task definitions, mesh.mmd).`,
  );

  say(`\n2. Apply to ${where}`);
  await applyStage(target, {});

  say('\n3. The tutorial, step by step');
  let sim = await simulator(target);
  checks.curl('blue', 'curl red.colors.local', sim.from('blue').get('http://red.colors.local/'), 'red');
  checks.curl('red', 'curl blue.colors.local', sim.from('red').get('http://blue.colors.local/'), 'fail');

  say("  Live edit: add blue.colors.local to red's backends");
  await applyStage(target, { redBackends: ['router.colors.local', 'blue.colors.local'] }, true);
  sim = await simulator(target);
  checks.curl('red', 'curl blue.colors.local', sim.from('red').get('http://blue.colors.local/'), 'blue');

  say('  Live edit: remove it again');
  await applyStage(target, {}, true);
  sim = await simulator(target);
  checks.curl('red', 'curl blue.colors.local', sim.from('red').get('http://blue.colors.local/'), 'fail');

  const n = 10_000;
  const split = sim.from('red').sample('http://router.colors.local/', n);
  const green = (split.answers.green ?? 0) / n;
  const splitOk = checks.count(
    Math.abs(green - 0.8) <= 0.02 && (split.answers.yellow ?? 0) + (split.answers.green ?? 0) === n,
  );
  say(
    `  ${splitOk ? 'ok  ' : 'FAIL'} (red) $ while true; do curl router.colors.local; done   # ${n} requests`,
  );
  say(`         ${shares(split.answers, n)} (route weights green 4, yellow 1)`);

  say("  Live edit: green's weight to 0");
  await applyStage(target, { routeTargets: { green: 0, yellow: 1 } }, true);
  sim = await simulator(target);
  const onlyYellow = sim.from('red').sample('http://router.colors.local/', 1000);
  const yellowOk = checks.count(onlyYellow.answers.yellow === 1000);
  say(`  ${yellowOk ? 'ok  ' : 'FAIL'} (red) $ curl router.colors.local   # 1000 requests`);
  say(`         ${shares(onlyYellow.answers, 1000)}`);

  say('  Live edit: back to 4:1');
  await applyStage(target, {}, true);
  sim = await simulator(target);
  const gateway = sim.gateway('color-gateway');
  checks.curl('internet', 'curl http://<nlb>/', gateway.get('/'), 'blue');
  const viaGateway = gateway.sample('/router', n);
  const gatewayOk = checks.count(Math.abs((viaGateway.answers.green ?? 0) / n - 0.8) <= 0.02);
  say(`  ${gatewayOk ? 'ok  ' : 'FAIL'} (internet) $ curl http://<nlb>/router   # ${n} requests`);
  say(`         ${shares(viaGateway.answers, n)}`);

  if (flags.keep) {
    say(`\n4. Kept on ${where} (--keep).`);
  } else {
    say(`\n4. Destroy`);
    const destroyed = await destroy(plan, target.options);
    if (!destroyed.ok) throw destroyed.error;
  }
  const { failures } = checks;
  say(failures === 0 ? '\nEvery tutorial check passed.' : `\n${failures} tutorial check(s) FAILED.`);
  return failures;
}
