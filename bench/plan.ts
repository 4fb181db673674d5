/**
 * How long it takes to build, validate and plan a mesh of 10 to 5,000 nodes.
 * Run: `npm run bench` (= `npx tsx bench/plan.ts`).
 *
 * Two shapes (bench/mesh-shape.ts): the service mesh (nodes with a virtual service, backends to 3
 * others, routers with weighted routes), which the targets apply to, and the same mesh with an
 * ECS task per node (task definition, ECS service, task role and its policies: about 2.5 times the
 * resources), for reference. Each size is warmed up, then timed several times; the tables show
 * medians per stage: build (the fluent builder to a MeshDefinition), validate (validateDefinition
 * alone, for diagnosis) and plan (plan(), which validates again and derives and orders every
 * resource). total = build + plan, which is what a user pays.
 *
 * Then the same ratio for three operations on the same plans that are linear by construction
 * (JSON.stringify of the plan and JSON.parse of its JSON, done by V8 itself, and a deep copy of the plan
 * in JavaScript, with no lookups at all): what this machine's caches and garbage collector make of 5
 * times the data in this run.
 *
 * Targets: 1,000 nodes under 50 ms in total, and time(5,000) / time(1,000) at most 1.25 times the
 * ratio of JSON.parse in the same run (close to linear, read against what V8 itself does with 5 times
 * the objects; a fixed ratio moved with the noise of a shared machine by more than its margin). The
 * bench prints PASS or FAIL per target and exits 0 either way: it is a measurement, not a test.
 */
import os from 'node:os';
import { plan } from '../src/plan/build-plan.js';
import { validateDefinition } from '../src/validate/validate-definition.js';
import { buildMesh } from './build-mesh.js';
import { median } from './median.js';

const SIZES = [10, 100, 1_000, 5_000] as const;
const RUNS: Record<(typeof SIZES)[number], number> = { 10: 31, 100: 21, 1000: 11, 5000: 7 };
// Warm-up until the JIT has settled: after 3 runs, 1,000-node samples were still falling from about
// 17 ms to 9 ms inside the timed runs, which made the ratio swing between 4 and 6.7 from run to run.
const WARMUP_RUNS = 5;
const WARMUP_MS = 1_000;
const TARGET_1000_MS = 50;
/** The plan's ratio may be at most this many times JSON.parse's ratio in the same run. */
const TARGET_RELATIVE_RATIO = 1.25;

interface Row {
  readonly nodeCount: number;
  readonly resources: number;
  readonly build: number;
  readonly validate: number;
  readonly plan: number;
  readonly total: number;
}

function time<T>(fn: () => T): [T, number] {
  const started = performance.now();
  const value = fn();
  return [value, performance.now() - started];
}

const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);

/** Runs `sample` until warm (at least WARMUP_RUNS times and WARMUP_MS), then `runs` times. */
function warmSamples<T>(runs: number, sample: () => T): T[] {
  const warmUntil = performance.now() + WARMUP_MS;
  for (let i = 0; i < WARMUP_RUNS || performance.now() < warmUntil; i++) sample();
  return Array.from({ length: runs }, sample);
}

function measure(nodeCount: (typeof SIZES)[number], ecs: boolean): Row {
  const samples = warmSamples(RUNS[nodeCount], () => {
    const [definition, build] = time(() => buildMesh(nodeCount, { ecs }));
    const [, validate] = time(() => validateDefinition(definition));
    const [planned, planMs] = time(() => plan(definition));
    return { build, validate, plan: planMs, total: build + planMs, resources: planned.resources.length };
  });
  const pick = (stage: 'build' | 'validate' | 'plan' | 'total') => median(samples.map((s) => s[stage]));
  return {
    nodeCount,
    resources: samples[0]?.resources ?? 0,
    build: pick('build'),
    validate: pick('validate'),
    plan: pick('plan'),
    total: pick('total'),
  };
}

function table(title: string, rows: readonly Row[]): void {
  console.log(`\n${title}\n`);
  console.log('| nodes | resources | build ms | validate ms | plan ms (validates too) | total ms |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(
      `| ${r.nodeCount.toLocaleString('en')} | ${r.resources.toLocaleString('en')} | ` +
        `${ms(r.build)} | ${ms(r.validate)} | ${ms(r.plan)} | ${ms(r.total)} |`,
    );
  }
  const at = (n: number) => rows.find((r) => r.nodeCount === n)?.total ?? Number.NaN;
  console.log(`\ntime(5,000) / time(1,000) = ${(at(5_000) / at(1_000)).toFixed(2)}`);
}

/** time(5,000) / time(1,000) of an operation on the 1,000- and 5,000-node plans of the service mesh. */
function referenceRatio(operation: (size: 1_000 | 5_000) => unknown): number {
  const at = (size: 1_000 | 5_000) => median(warmSamples(RUNS[size], () => time(() => operation(size))[1]));
  return at(5_000) / at(1_000);
}

/** A plain deep copy: new objects and arrays all the way down, in one pass, no lookups. */
function deepCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(deepCopy);
  const copy: Record<string, unknown> = {};
  for (const key in value) copy[key] = deepCopy((value as Record<string, unknown>)[key]);
  return copy;
}

/** Prints the reference ratios; returns JSON.parse's, which the ratio target is relative to. */
function printReferences(): number {
  const plans = {
    1000: plan(buildMesh(1_000, { ecs: false })),
    5000: plan(buildMesh(5_000, { ecs: false })),
  };
  const texts = { 1000: JSON.stringify(plans[1000]), 5000: JSON.stringify(plans[5000]) };
  console.log('\nFor reference, linear work on the same plans (time(5,000) / time(1,000)):\n');
  console.log(
    `JSON.stringify(plan)         ${referenceRatio((size) => JSON.stringify(plans[size])).toFixed(2)}`,
  );
  const parseRatio = referenceRatio((size) => JSON.parse(texts[size]));
  console.log(`JSON.parse(the plan's JSON)  ${parseRatio.toFixed(2)}`);
  console.log(`deep copy of the plan in JS  ${referenceRatio((size) => deepCopy(plans[size])).toFixed(2)}`);
  return parseRatio;
}

function main(): void {
  console.log(
    `appmesh-builder plan benchmark, Node ${process.version}, ${os.cpus().length} x ` +
      `${os.cpus()[0]?.model ?? 'unknown cpu'}; medians after at least ${WARMUP_RUNS} warm-up runs and ${WARMUP_MS / 1000} s per size`,
  );
  const meshOnly = SIZES.map((n) => measure(n, false));
  const withEcs = SIZES.map((n) => measure(n, true));
  table('The service mesh (targets apply here)', meshOnly);
  table('The same mesh with an ECS task per node (for reference)', withEcs);
  const parseRatio = printReferences();

  const at = (n: number) => meshOnly.find((r) => r.nodeCount === n)?.total ?? Number.NaN;
  const ratio = at(5_000) / at(1_000);
  const checks = [
    {
      name: `1,000 nodes total < ${TARGET_1000_MS} ms`,
      value: `${ms(at(1_000))} ms`,
      pass: at(1_000) < TARGET_1000_MS,
    },
    {
      name: `time(5,000) / time(1,000) <= ${TARGET_RELATIVE_RATIO} x JSON.parse's ratio`,
      value: `${ratio.toFixed(2)} (limit ${TARGET_RELATIVE_RATIO} x ${parseRatio.toFixed(2)} = ${(TARGET_RELATIVE_RATIO * parseRatio).toFixed(2)})`,
      pass: ratio <= TARGET_RELATIVE_RATIO * parseRatio,
    },
  ];
  console.log('');
  // PASS or FAIL, and exit code 0 either way: timings on a shared machine are a measurement.
  for (const check of checks) console.log(`${check.pass ? 'PASS' : 'FAIL'}  ${check.name}: ${check.value}`);
}

main();
