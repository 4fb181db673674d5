/**
 * How fast apply creates a mesh on the local cloud with 50 ms latency per call, against the best
 * any executor could do: the plan graph's critical path (the longest chain of dependent
 * resources, each costing its calls x latency plus its waits).
 * Run: `npx tsx bench/apply.ts` (= `npm run bench:apply`).
 *
 * Per mesh: a sequential apply (concurrency 1) on a fresh cloud, which gives each resource's cost
 * when nothing else runs (first `start` event to its `finish` event); the critical path over
 * `dependsOn` with those costs is the lower bound. Then an apply at the default concurrency (8)
 * on another fresh cloud, timed, with its write calls counted; then a no-op re-apply of the same
 * plan, which must write nothing. Exit code 1 when a target fails.
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
/** Enough in flight that the plan's width, not the concurrency limit, bounds the 200-node apply. */
const WIDE_CONCURRENCY = 128;
/**
 * The issue asks for 200 nodes, but the bench shape gives every node a virtual service plus one per
 * router (220 at 200 nodes), over App Mesh's default quota of 200 virtual services per mesh, which
 * the local cloud enforces (LimitExceededException). 180 nodes (198 virtual services) is the
 * largest that fits.
 */
const NODES = 180;

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
  const cloud = createLocalCloud({ faults: { latencyMs: LATENCY_MS }, delays: DELAYS });
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

async function benchMesh(
  title: string,
  plan: Plan,
  targetRatio: number,
  options: { readonly sequential: boolean; readonly wideConcurrency?: number },
): Promise<Check[]> {
  const sequential = options.sequential ? await timedApply(plan, newCloud(plan), 1) : undefined;
  if (sequential !== undefined && !sequential.ok)
    throw new Error(`${title}: sequential apply failed: ${sequential.error}`);
  const cloud = newCloud(plan);
  const concurrent = await timedApply(plan, cloud, DEFAULT_CONCURRENCY);
  if (!concurrent.ok) throw new Error(`${title}: the apply failed: ${concurrent.error}`);
  const noOp = await timedApply(plan, cloud, DEFAULT_CONCURRENCY);
  // A started resource never waits for another (the walk only holds back what has not started, and
  // the local cloud's latency is a sleep), so without a sequential run its costs come from this one.
  const costs = (sequential ?? concurrent).durations;
  const bound = criticalPath(plan, costs);
  const work = [...costs.values()].reduce((a, b) => a + b, 0);
  // With c calls in flight at most, no schedule beats the work divided by c either: the lower bound
  // at a given concurrency is the larger of the two (the critical path alone assumes unlimited slots).
  const boundAt = (concurrency: number) => Math.max(bound.ms, work / concurrency);
  const ratio = concurrent.ms / boundAt(DEFAULT_CONCURRENCY);
  const pathRatio = concurrent.ms / bound.ms;

  console.log(`\n${title}: ${plan.resources.length} resources`);
  console.log(
    `  lower bound: critical path (${bound.chain.length} resources, costs from the ` +
      `${sequential === undefined ? `concurrency-${DEFAULT_CONCURRENCY} run` : 'sequential run'})  ${s(bound.ms)}`,
  );
  console.log(
    `    ${bound.chain.map((id) => `${id} ${Math.round(costs.get(id) ?? 0)} ms`).join('\n    > ')}`,
  );
  console.log(
    `  sum of all resources' costs / ${DEFAULT_CONCURRENCY}         ${s(work / DEFAULT_CONCURRENCY)}`,
  );
  console.log(
    `  apply, concurrency ${DEFAULT_CONCURRENCY}                     ${s(concurrent.ms)}  = ${ratio.toFixed(2)}x the lower bound at concurrency ${DEFAULT_CONCURRENCY} ` +
      `(max of the two above), ${pathRatio.toFixed(2)}x the critical path alone`,
  );
  if (sequential !== undefined) console.log(`  apply, concurrency 1 (sequential)       ${s(sequential.ms)}`);
  else
    console.log(
      `  apply, concurrency 1 (sequential)       ~${s(work)} (sum of costs; not run, to keep the bench short)`,
    );
  console.log(
    `  write calls ${concurrent.writes}, resources created ${concurrent.created}, retries ${concurrent.retries}`,
  );
  console.log(`  no-op re-apply: ${s(noOp.ms)}, write calls ${noOp.writes}`);
  if (options.wideConcurrency !== undefined) {
    const wide = await timedApply(plan, newCloud(plan), options.wideConcurrency);
    console.log(
      `  apply, concurrency ${options.wideConcurrency} (for reference)   ${s(wide.ms)}  = ` +
        `${(wide.ms / boundAt(options.wideConcurrency)).toFixed(2)}x the lower bound at that concurrency ` +
        `(sum of costs / ${options.wideConcurrency} = ${s(work / options.wideConcurrency)}), ` +
        `${(wide.ms / bound.ms).toFixed(2)}x the critical path alone, write calls ${wide.writes}, retries ${wide.retries}`,
    );
  }

  return [
    {
      name: `${title}: apply (concurrency ${DEFAULT_CONCURRENCY}) <= ${targetRatio}x its lower bound`,
      value: `${s(concurrent.ms)} / ${s(boundAt(DEFAULT_CONCURRENCY))} = ${ratio.toFixed(2)}x`,
      pass: ratio <= targetRatio,
    },
    {
      name: `${title}: write calls = resources created`,
      value: `${concurrent.writes} writes, ${concurrent.created} created`,
      pass: concurrent.writes === concurrent.created,
    },
    {
      name: `${title}: no-op re-apply writes nothing`,
      value: `${noOp.writes} writes`,
      pass: noOp.ok && noOp.writes === 0,
    },
  ];
}

function colorMeshPlan(): Plan {
  // The default network of every new local cloud is the same (ids depend on what was created).
  return colorMesh(localCloudParams(createLocalCloud())).plan();
}

async function main(): Promise<void> {
  console.log(
    `appmesh-builder apply benchmark, Node ${process.version}, ${os.cpus().length} x ` +
      `${os.cpus()[0]?.model ?? 'unknown cpu'}\nlocal cloud: ${LATENCY_MS} ms per call; Cloud Map operation ` +
      `${DELAYS.cloudMapOperationMs} ms, ECS task start ${DELAYS.ecsTaskStartMs} ms, LB provisioning ` +
      `${DELAYS.loadBalancerProvisioningMs} ms; executor polls every ${POLL_INTERVAL_MS} ms`,
  );
  const nodes = Number(process.env.BENCH_APPLY_NODES ?? NODES);
  const checks = [
    ...(await benchMesh('color mesh', colorMeshPlan(), 1.2, { sequential: true })),
    ...(await benchMesh(`${nodes}-node mesh`, planOf(buildMesh(nodes, { ecs: true })), 1.3, {
      sequential: false,
      wideConcurrency: WIDE_CONCURRENCY,
    })),
  ];
  console.log('');
  for (const c of checks) console.log(`${c.pass ? 'PASS' : 'FAIL'}  ${c.name}: ${c.value}`);
  if (checks.some((c) => !c.pass)) process.exitCode = 1;
}

await main();
