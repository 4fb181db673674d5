/**
 * How fast apply creates a mesh on the local cloud with 50 ms latency per call, against the best
 * any executor could do: the plan graph's critical path (the longest chain of dependent
 * resources, each costing its calls x latency plus its waits).
 * Run: `npx tsx bench/apply.ts [--sequential]` (= `npm run bench:apply`).
 *
 * Costs: a sequential apply (concurrency 1) on a fresh cloud gives each resource's cost when
 * nothing else runs (first `start` event to its `finish` event); the critical path over
 * `dependsOn` with those costs is the lower bound. The 200-node mesh's sequential apply takes
 * minutes, so it runs only with `--sequential`; otherwise its costs come from its concurrency-8
 * run, where a started resource never waits for another one.
 *
 * The meshes: the color tutorial's on App Mesh and on ECS Service Connect with VPC Lattice for its
 * router (target `service-connect+vpc-lattice`), and the 200-node mesh.
 * Per mesh, each on a fresh cloud: an apply at the default concurrency (8), timed, with its write
 * calls counted, then a no-op re-apply of the same plan, which must write nothing. The 200-node
 * mesh also runs with no concurrency limit: at 8 in flight its 1,400 resources take far longer
 * than its critical path, whatever the executor does. Exit code 1 when a target fails.
 */
import os from 'node:os';
import { colorMesh, localCloudParams } from '../examples/color-mesh.js';
import { planNetwork } from '../src/cli/plan-network.js';
import { apply } from '../src/execute/apply.js';
import type { ExecuteEvent } from '../src/execute/events.js';
import { DEFAULT_CONCURRENCY } from '../src/execute/options.js';
import { createLocalCloud, type LocalCloud } from '../src/local/local-cloud.js';
import { plan as planOf } from '../src/plan/build-plan.js';
import type { Plan } from '../src/plan/plan.js';
import type { PlanOptions } from '../src/plan/plan-options.js';
import { isReferenced } from '../src/plan/referenced.js';
import { buildMesh } from './build-mesh.js';

const LATENCY_MS = 50;
/** Small but realistic asynchronous work (AWS takes seconds to minutes; the ratios are what matter). */
const DELAYS = {
  cloudMapOperationMs: 200,
  ecsTaskStartMs: 500,
  ecsTaskStopMs: 500,
  loadBalancerProvisioningMs: 300,
};
const POLL_INTERVAL_MS = 50;
const NODES = 200;
/**
 * The bench shape gives every node a virtual service, plus one per router: 220 at 200 nodes, over
 * App Mesh's default quota of 200 per mesh. Against AWS that takes a Service Quotas increase
 * (L-DA7495A7, adjustable); the local cloud takes the raised quota the same way.
 */
const QUOTAS = { servicesPerMesh: 250 };

interface Run {
  readonly ms: number;
  readonly ok: boolean;
  readonly created: number;
  readonly writes: number;
  readonly retries: number;
  /** Per resource id: first start event to finish event. */
  readonly durations: ReadonlyMap<string, number>;
  readonly error?: string;
}

function newCloud(plan: Plan): LocalCloud {
  const cloud = createLocalCloud({ faults: { latencyMs: LATENCY_MS }, delays: DELAYS, quotas: QUOTAS });
  // The synthetic mesh names placeholder VPC and subnet ids: they stand for the account's network.
  cloud.ensureNetwork(planNetwork(plan));
  return cloud;
}

async function timedApply(plan: Plan, cloud: LocalCloud, concurrency: number): Promise<Run> {
  const started = new Map<string, number>();
  const durations = new Map<string, number>();
  let retries = 0;
  const onEvent = (event: ExecuteEvent) => {
    const now = performance.now();
    if (event.type === 'start' && !started.has(event.id)) started.set(event.id, now);
    if (event.type === 'retry') retries += 1;
    if (event.type === 'finish') durations.set(event.result.id, now - (started.get(event.result.id) ?? now));
  };
  const callsBefore = cloud.callLog().length;
  const begin = performance.now();
  const result = await apply(plan, {
    clients: cloud.clients({ maxAttempts: 1 }),
    pollIntervalMs: POLL_INTERVAL_MS,
    concurrency,
    onEvent,
  });
  const ms = performance.now() - begin;
  return {
    ms,
    ok: result.ok,
    created: result.results.filter((r) => r.outcome === 'created').length,
    writes: cloud
      .callLog()
      .slice(callsBefore)
      .filter((c) => c.write).length,
    retries,
    durations,
    ...(result.error === undefined ? {} : { error: result.error.message }),
  };
}

/**
 * An apply whose last write is refused (access denied, not retried), so that everything else it
 * created is rolled back: how long the undo takes, and whether the cloud is back as it was.
 */
async function timedRollback(plan: Plan, concurrency: number) {
  const cloud = newCloud(plan);
  await cloud.settle();
  const before = JSON.stringify(cloud.snapshot());
  const denied = () => Object.assign(new Error('Injected denial'), { name: 'AccessDeniedException' });
  cloud.setFaults({
    latencyMs: LATENCY_MS,
    failCalls: [{ writesOnly: true, nth: written(plan), error: denied }],
  });
  let failedAt = 0;
  const result = await apply(plan, {
    clients: cloud.clients({ maxAttempts: 1 }),
    pollIntervalMs: POLL_INTERVAL_MS,
    concurrency,
    onEvent: (event) => {
      if (event.type === 'finish' && event.result.outcome === 'failed') failedAt = performance.now();
    },
  });
  const undoMs = performance.now() - failedAt;
  await cloud.settle();
  return {
    undoMs,
    undone: result.results.filter((r) => r.outcome === 'rolledBack').length,
    restored: result.rolledBack && JSON.stringify(cloud.snapshot()) === before,
  };
}

/** Resources the apply writes: all but those the plan only references (an AWS-managed prefix list). */
function written(plan: Plan): number {
  return plan.resources.filter((r) => !isReferenced(r.kind)).length;
}

/** The longest chain of dependent resources, each weighted by its cost alone. */
function criticalPath(plan: Plan, durations: ReadonlyMap<string, number>): { ms: number; chain: string[] } {
  const byId = new Map(plan.resources.map((r) => [r.id, r]));
  const memo = new Map<string, { ms: number; chain: string[] }>();
  const longest = (id: string): { ms: number; chain: string[] } => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    let best = { ms: 0, chain: [] as string[] };
    for (const dep of byId.get(id)?.dependsOn ?? []) {
      if (!byId.has(dep)) continue;
      const path = longest(dep);
      if (path.ms > best.ms) best = path;
    }
    const own = { ms: best.ms + (durations.get(id) ?? 0), chain: [...best.chain, id] };
    memo.set(id, own);
    return own;
  };
  let best = { ms: 0, chain: [] as string[] };
  for (const r of plan.resources) {
    const path = longest(r.id);
    if (path.ms > best.ms) best = path;
  }
  return best;
}

interface Check {
  readonly name: string;
  readonly value: string;
  readonly pass: boolean;
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface MeshBench {
  readonly title: string;
  readonly plan: Plan;
  readonly target: number;
  /** Run the sequential apply (else its figure is the sum of the costs). */
  readonly sequential: boolean;
  /** The concurrency the target is judged at. */
  readonly judgedAt: number;
}

async function benchMesh({
  title,
  plan,
  target,
  sequential: runSequential,
  judgedAt,
}: MeshBench): Promise<Check[]> {
  const sequential = runSequential ? await timedApply(plan, newCloud(plan), 1) : undefined;
  if (sequential !== undefined && !sequential.ok)
    throw new Error(`${title}: sequential apply failed: ${sequential.error}`);
  const cloud = newCloud(plan);
  const concurrent = await timedApply(plan, cloud, DEFAULT_CONCURRENCY);
  if (!concurrent.ok) throw new Error(`${title}: the apply failed: ${concurrent.error}`);
  const noOp = await timedApply(plan, cloud, DEFAULT_CONCURRENCY);
  const costs = (sequential ?? concurrent).durations;
  const bound = criticalPath(plan, costs);
  const work = [...costs.values()].reduce((a, b) => a + b, 0);
  const judged =
    judgedAt === DEFAULT_CONCURRENCY ? concurrent : await timedApply(plan, newCloud(plan), judgedAt);
  if (!judged.ok) throw new Error(`${title}: the apply at concurrency ${judgedAt} failed: ${judged.error}`);
  const ratio = judged.ms / bound.ms;
  const label = (concurrency: number) =>
    concurrency >= plan.resources.length ? 'no limit' : `concurrency ${concurrency}`;

  console.log(`\n${title}: ${plan.resources.length} resources`);
  console.log(
    `  lower bound: critical path (${bound.chain.length} resources, costs from the ` +
      `${sequential === undefined ? `concurrency-${DEFAULT_CONCURRENCY} run` : 'sequential run'})  ${s(bound.ms)}`,
  );
  console.log(
    `    ${bound.chain.map((id) => `${id} ${Math.round(costs.get(id) ?? 0)} ms`).join('\n    > ')}`,
  );
  const runs: [string, Run][] = [[label(DEFAULT_CONCURRENCY), concurrent]];
  if (judged !== concurrent) runs.push([label(judgedAt), judged]);
  for (const [name, run] of runs) {
    console.log(
      `  apply, ${name.padEnd(16)} ${s(run.ms).padStart(8)}  = ${(run.ms / bound.ms).toFixed(2)}x the critical path; ` +
        `write calls ${run.writes}, resources created ${run.created}, retries ${run.retries}`,
    );
  }
  console.log(
    `  (at concurrency ${DEFAULT_CONCURRENCY} no schedule beats the sum of all costs / ${DEFAULT_CONCURRENCY} = ` +
      `${s(work / DEFAULT_CONCURRENCY)}: ${(concurrent.ms / Math.max(bound.ms, work / DEFAULT_CONCURRENCY)).toFixed(2)}x that bound)`,
  );
  if (sequential !== undefined) console.log(`  apply, concurrency 1 (sequential) ${s(sequential.ms)}`);
  else
    console.log(
      `  apply, concurrency 1 (sequential) ~${s(work)} (the sum of the costs; run with --sequential)`,
    );
  console.log(`  no-op re-apply: ${s(noOp.ms)}, write calls ${noOp.writes}`);
  const undo = await timedRollback(plan, judgedAt);
  console.log(
    `  rollback after the last write fails (${label(judgedAt)}): ${undo.undone} resources undone in ${s(undo.undoMs)}`,
  );

  return [
    {
      name: `${title}: apply (${label(judgedAt)}) <= ${target}x the critical path`,
      value: `${s(judged.ms)} / ${s(bound.ms)} = ${ratio.toFixed(2)}x`,
      pass: ratio <= target,
    },
    {
      name: `${title}: write calls = resources created`,
      value: runs.map(([name, run]) => `${name}: ${run.writes} writes, ${run.created} created`).join('; '),
      pass: runs.every(([, run]) => run.writes === run.created),
    },
    {
      name: `${title}: no-op re-apply writes nothing`,
      value: `${noOp.writes} writes`,
      pass: noOp.ok && noOp.writes === 0,
    },
    {
      name: `${title}: rollback leaves the cloud as it was before the apply`,
      value: `${undo.undone} of ${written(plan) - 1} created resources undone`,
      pass: undo.restored && undo.undone === written(plan) - 1,
    },
  ];
}

function colorMeshPlan(options: PlanOptions = {}): Plan {
  // The default network of every new local cloud is the same (ids depend on what was created).
  return colorMesh(localCloudParams(createLocalCloud())).plan(options);
}

async function main(): Promise<void> {
  console.log(
    `appmesh-builder apply benchmark, Node ${process.version}, ${os.cpus().length} x ` +
      `${os.cpus()[0]?.model ?? 'unknown cpu'}\nlocal cloud: ${LATENCY_MS} ms per call; Cloud Map operation ` +
      `${DELAYS.cloudMapOperationMs} ms, ECS task start ${DELAYS.ecsTaskStartMs} ms, LB provisioning ` +
      `${DELAYS.loadBalancerProvisioningMs} ms; executor polls every ${POLL_INTERVAL_MS} ms`,
  );
  const nodes = Number(process.env.BENCH_APPLY_NODES ?? NODES);
  const large = planOf(buildMesh(nodes, { ecs: true }));
  const checks = [
    ...(await benchMesh({
      title: 'color mesh',
      plan: colorMeshPlan(),
      target: 1.2,
      sequential: true,
      judgedAt: DEFAULT_CONCURRENCY,
    })),
    ...(await benchMesh({
      title: 'color mesh on service-connect+vpc-lattice',
      plan: colorMeshPlan({ target: 'service-connect+vpc-lattice' }),
      target: 1.3,
      sequential: true,
      judgedAt: DEFAULT_CONCURRENCY,
    })),
    ...(await benchMesh({
      title: `${nodes}-node mesh`,
      plan: large,
      target: 1.3,
      sequential: process.argv.includes('--sequential'),
      judgedAt: large.resources.length,
    })),
  ];
  console.log('');
  for (const c of checks) console.log(`${c.pass ? 'PASS' : 'FAIL'}  ${c.name}: ${c.value}`);
  if (checks.some((c) => !c.pass)) process.exitCode = 1;
}

await main();
