/**
 * The color tutorial with its routes kept: nodes on ECS Service Connect, the router on VPC Lattice,
 * the gateway on an Application Load Balancer, on the built-in local cloud (no AWS account). What
 * `npx tsx examples/color-vpc-lattice.ts` (or `npm run color-vpc-lattice`) runs.
 *
 *   1. the plan, its warnings and its files (out/color-vpc-lattice);
 *   2. apply it, beside where the App Mesh one would run (its names end in -sc);
 *   3. the tutorial's curl checks, each next to App Mesh's answer: the router's 4:1 split, the live
 *      weight changes (each writes the rules that carry the weights, and a second apply writes
 *      nothing), the gateway's two routes through the ALB;
 *   4. the behaviour diff: every caller and name whose answer still changes;
 *   5. destroy it (unless --keep).
 *
 * Importing this module runs nothing: call runColorVpcLattice.
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
import { type ColorMeshStage, colorMesh } from './color-mesh.ts';
import {
  answer,
  Checks,
  connect,
  type Deployment,
  endpointChecks,
  type Flags,
  runTutorial,
  say,
  serviceConnectSimulator,
  shares,
} from './tutorial-support.ts';

const USAGE = 'Usage: color-vpc-lattice [--keep] [--aws | --endpoint <url>] [--region <region>]';
const TARGET = 'service-connect+vpc-lattice';
const GATEWAY_LOAD_BALANCER = 'color-gateway-nlb';
const SAMPLES = 10_000;

/**
 * Runs the tutorial with the command line's flags (`process.argv.slice(2)`); resolves to the exit
 * code: 0 when every check answered as planned, 1 when not or an AWS call failed, 2 for unknown flags.
 */
export function runColorVpcLattice(argv: readonly string[]): Promise<number> {
  return runTutorial(argv, USAGE, tutorial);
}

function planOf(target: Deployment, stage: ColorMeshStage = {}): Plan {
  return colorMesh(target.params, stage).plan({ target: TARGET });
}

/**
 * Applies a stage; answers the write calls it made: from the local cloud's call log, or the
 * resources that changed when deployed elsewhere.
 */
async function applyStage(target: Deployment, stage: ColorMeshStage, quiet = true): Promise<string[]> {
  const mark = target.cloud?.callLog().length ?? 0;
  const options = quiet ? { ...target.options, onEvent: () => {} } : target.options;
  const result = await apply(planOf(target, stage), options);
  if (!result.ok) throw result.error;
  if (target.cloud === undefined)
    return result.results.filter((r) => r.outcome !== 'unchanged').map((r) => `${r.outcome} ${r.id}`);
  return target.cloud
    .callLog()
    .slice(mark)
    .filter((call) => call.write)
    .map((call) => `${call.service}:${call.command}`);
}

/** The tutorial's steps; resolves to the number of checks not answered as planned. */
async function tutorial(flags: Flags): Promise<number> {
  const checks = new Checks();
  const target = await connect(flags);
  await new Promise((resolve) => setImmediate(resolve)); // the SDK's Node 20 notice, before the output
  const appMeshView = (stage: ColorMeshStage = {}) =>
    meshViewFromPlan(colorMesh(target.params, stage).plan());
  const appMesh = createSimulator(appMeshView(), { seed: 1 });

  say('1. The plan: nodes on Service Connect, the router on VPC Lattice, the gateway on an ALB');
  const plan = planOf(target);
  say(renderPlanTable(plan));
  const written = await writeFiles('out/color-vpc-lattice', renderAll(plan));
  say(
    `Wrote ${written.length} files to out/color-vpc-lattice. The migration report: appmesh-builder migrate examples/color-mesh.ts --to ${TARGET}`,
  );

  say(`\n2. Apply to ${target.where}, beside the App Mesh environment (every name ends in -sc)`);
  const applied = await apply(plan, target.options);
  if (!applied.ok) throw applied.error;

  say('\n3. The tutorial on Service Connect and VPC Lattice, next to App Mesh');
  let sim = await endpointChecks(target, checks, appMesh, {
    beforeRedeploy:
      "Fails for another reason: red's tasks started before blue's Service Connect endpoint existed",
    afterRedeploy:
      'Differs: blue stays on Service Connect, which has no backends allow-list (the vpc-lattice target with auth AWS_IAM keeps it)',
  });

  const split = (label: string, stage: ColorMeshStage, expectGreen: number) => {
    const sample = sim.from('red').sample('http://router.colors.local/', SAMPLES);
    const green = (sample.answers.green ?? 0) / SAMPLES;
    const wholly = (sample.answers.green ?? 0) + (sample.answers.yellow ?? 0) === SAMPLES;
    const ok = checks.count(wholly && Math.abs(green - expectGreen) <= 0.02);
    say(
      `  ${ok ? 'ok  ' : 'FAIL'} (red) $ while true; do curl router.colors.local; done   # ${SAMPLES} requests`,
    );
    say(`         ${shares(sample.answers, SAMPLES)} (${label})`);
    const was = createSimulator(appMeshView(stage), { seed: 1 })
      .from('red')
      .sample('http://router.colors.local/', SAMPLES);
    say(`         App Mesh: ${shares(was.answers, SAMPLES)}`);
  };
  split('route weights green 4, yellow 1: the Lattice rule forwards 36:9', {}, 0.8);

  const weightChange = async (label: string, stage: ColorMeshStage) => {
    say(`  Live edit: ${label}`);
    const writes = await applyStage(target, stage);
    say(`  apply: ${writes.length === 0 ? 'no write' : writes.join(', ')}`);
    const again = await applyStage(target, stage);
    const ok = checks.count(again.length === 0);
    say(`  ${ok ? 'ok  ' : 'FAIL'} apply again: ${again.length === 0 ? 'no write' : again.join(', ')}`);
    ({ sim } = await serviceConnectSimulator(target));
  };
  await weightChange(
    "green's weight to 0 (the Lattice rule, and the ALB rule that carries the router's weights)",
    {
      routeTargets: { green: 0, yellow: 1 },
    },
  );
  split('green at weight 0', { routeTargets: { green: 0, yellow: 1 } }, 0);
  await weightChange('back to 4:1', {});
  split('route weights green 4, yellow 1', {}, 0.8);

  const gateway = sim.loadBalancer(GATEWAY_LOAD_BALANCER);
  const appMeshGateway = appMesh.gateway('color-gateway');
  checks.curl('internet', 'curl http://<alb>/', gateway.get('/'), 'blue');
  say(`         App Mesh: ${answer(appMeshGateway.get('/'))}`);
  const viaGateway = gateway.sample('/router', SAMPLES);
  const gatewayOk = checks.count(Math.abs((viaGateway.answers.green ?? 0) / SAMPLES - 0.8) <= 0.02);
  say(`  ${gatewayOk ? 'ok  ' : 'FAIL'} (internet) $ curl http://<alb>/router   # ${SAMPLES} requests`);
  say(`         ${shares(viaGateway.answers, SAMPLES)}`);
  say(`         App Mesh: ${shares(appMeshGateway.sample('/router', SAMPLES).answers, SAMPLES)}`);

  say('\n4. Every difference from App Mesh left (behaviour diff, as deployed)');
  const { view } = await serviceConnectSimulator(target);
  say(formatBehaviourDiff(diffBehaviour(appMeshView(), view, { samples: 1000 })));

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
      ? '\nEvery check answered as the plan says it would.'
      : `\n${failures} check(s) did not answer as planned.`,
  );
  return failures;
}
