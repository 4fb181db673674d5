/**
 * How long it takes to build, validate and plan a mesh of 10 to 5,000 nodes.
 * Run: `npm run bench` (= `npx tsx bench/plan.ts`).
 *
 * Each size is warmed up, then timed several times; the table shows medians per stage:
 * build (the fluent builder to a MeshDefinition), validate (validateDefinition alone, for
 * diagnosis) and plan (plan(), which validates again and derives and orders every resource).
 * total = build + plan, which is what a user pays. Targets: 1,000 nodes under 50 ms, and
 * 5,000 nodes at most 6 times 1,000 nodes (close to linear). Exit code 1 when a target fails.
 */
import os from 'node:os';
import { plan } from '../src/plan/build-plan.js';
import { validateDefinition } from '../src/validate/validate-definition.js';
import { buildMesh } from './build-mesh.js';

const SIZES = [10, 100, 1_000, 5_000] as const;
const RUNS: Record<(typeof SIZES)[number], number> = { 10: 31, 100: 21, 1000: 11, 5000: 7 };
const WARMUP_RUNS = 3;
const TARGET_1000_MS = 50;
const TARGET_RATIO = 6;

interface Sample {
  readonly build: number;
  readonly validate: number;
  readonly plan: number;
  readonly total: number;
  readonly resources: number;
  readonly warnings: number;
}

function time<T>(fn: () => T): [T, number] {
  const started = performance.now();
  const value = fn();
  return [value, performance.now() - started];
}

function sample(nodeCount: number): Sample {
  const [definition, build] = time(() => buildMesh(nodeCount));
  const [, validate] = time(() => validateDefinition(definition));
  const [result, planMs] = time(() => plan(definition));
  return {
    build,
    validate,
    plan: planMs,
    total: build + planMs,
    resources: result.resources.length,
    warnings: result.warnings.length,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);

function main(): void {
  const rows = SIZES.map((nodeCount) => {
    for (let i = 0; i < WARMUP_RUNS; i++) sample(nodeCount);
    const samples = Array.from({ length: RUNS[nodeCount] }, () => sample(nodeCount));
    const first = samples[0] as Sample;
    return {
      nodeCount,
      runs: samples.length,
      resources: first.resources,
      warnings: first.warnings,
      build: median(samples.map((s) => s.build)),
      validate: median(samples.map((s) => s.validate)),
      plan: median(samples.map((s) => s.plan)),
      total: median(samples.map((s) => s.total)),
    };
  });

  console.log(
    `appmesh-builder plan benchmark: ${new Date().toISOString().slice(0, 10)}, Node ${process.version},`,
  );
  console.log(
    `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown cpu'}, median of N runs after ${WARMUP_RUNS} warm-ups\n`,
  );
  console.log(
    '| nodes | resources | plan warnings | runs | build ms | validate ms | plan ms (validates too) | total ms |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(
      `| ${r.nodeCount.toLocaleString('en')} | ${r.resources.toLocaleString('en')} | ${r.warnings} | ${r.runs} | ` +
        `${ms(r.build)} | ${ms(r.validate)} | ${ms(r.plan)} | ${ms(r.total)} |`,
    );
  }

  const at = (n: number) => rows.find((r) => r.nodeCount === n)?.total ?? Number.NaN;
  const ratio = at(5_000) / at(1_000);
  const checks = [
    {
      name: `1,000 nodes total < ${TARGET_1000_MS} ms`,
      value: `${ms(at(1_000))} ms`,
      pass: at(1_000) < TARGET_1000_MS,
    },
    {
      name: `time(5,000) / time(1,000) <= ${TARGET_RATIO}`,
      value: ratio.toFixed(2),
      pass: ratio <= TARGET_RATIO,
    },
  ];
  // Per-stage growth from 1,000 to 5,000 nodes (5 is linear), to tell which stage to look at first.
  const growth = (stage: 'build' | 'validate' | 'plan') => {
    const small = rows.find((r) => r.nodeCount === 1_000)?.[stage] ?? Number.NaN;
    const large = rows.find((r) => r.nodeCount === 5_000)?.[stage] ?? Number.NaN;
    return (large / small).toFixed(2);
  };
  console.log(
    `\nstage growth 1,000 -> 5,000 nodes: build x${growth('build')}, validate x${growth('validate')}, plan x${growth('plan')}`,
  );
  console.log('');
  for (const check of checks) console.log(`${check.pass ? 'PASS' : 'FAIL'}  ${check.name}: ${check.value}`);
  if (checks.some((check) => !check.pass)) process.exitCode = 1;
}

main();
