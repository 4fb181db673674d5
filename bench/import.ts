/**
 * What starting up costs: importing the built package, and `appmesh-builder plan` on the color mesh.
 * Run: `npm run bench:import` (= `npx tsx bench/import.ts`). It measures the built package in dist/,
 * and runs `npm run build` first when dist/ is missing or older than src/.
 *
 * In one run, alternately so that both see the same load on the machine: `node -e 0`, and a process
 * that imports the package (ESM, then CommonJS) and reads `mesh`. Targets: each import at most 1.5
 * times `node -e 0` (medians), and `node dist/cli.js plan examples/color-mesh.ts` under 1 s.
 * It prints PASS or FAIL per target and exits 0 either way: it is a measurement, not a test.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './median.js';

const REPO = resolve(import.meta.dirname, '..');
const DIST = join(REPO, 'dist');
const RUNS = 15;
const CLI_RUNS = 7;
const TARGET_IMPORT_RATIO = 1.5;
const TARGET_CLI_MS = 1_000;

/** The newest modification time of the files under `dir`. */
function newest(dir: string): number {
  let latest = 0;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const stats = statSync(join(dir, name));
    if (stats.isFile()) latest = Math.max(latest, stats.mtimeMs);
  }
  return latest;
}

function buildIfStale(): void {
  const built = ['index.js', 'index.cjs', 'cli.js'].map((name) => join(DIST, name));
  const sources = Math.max(newest(join(REPO, 'src')), statSync(join(REPO, 'tsup.config.ts')).mtimeMs);
  if (built.every((file) => existsSync(file) && statSync(file).mtimeMs >= sources)) return;
  console.log('dist/ is missing or older than src/: npm run build\n');
  const build = spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
}

/** Wall time of one process, from spawn to exit, in ms; its last stdout line is its RSS in bytes. */
function timeProcess(args: readonly string[]): { ms: number; rss: number } {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${run.stderr}`);
  return { ms, rss: Number(run.stdout.trim().split('\n').at(-1)) };
}

function timeCli(args: readonly string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`appmesh-builder plan failed:\n${run.stderr}`);
  return performance.now() - started;
}

const RSS = 'console.log(process.memoryUsage().rss)';
const esmUrl = new URL(`file://${join(DIST, 'index.js')}`).href;
const cases = {
  'node -e 0': ['-e', `0; ${RSS}`],
  'import (ESM)': ['-e', `import(${JSON.stringify(esmUrl)}).then((m) => { m.mesh; ${RSS}; })`],
  'require (CommonJS)': ['-e', `require(${JSON.stringify(join(DIST, 'index.cjs'))}).mesh; ${RSS}`],
} as const;
type CaseName = keyof typeof cases;

buildIfStale();
const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
console.log(`appmesh-builder start-up benchmark, Node ${process.version}, ${os.cpus().length} x ${cpu}`);
console.log(`medians of ${RUNS} runs each, alternating; then ${CLI_RUNS} runs of the CLI\n`);

const samples = new Map<CaseName, { ms: number; rss: number }[]>();
for (let run = 0; run < RUNS; run++) {
  for (const [name, args] of Object.entries(cases) as [CaseName, readonly string[]][]) {
    samples.set(name, [...(samples.get(name) ?? []), timeProcess(args)]);
  }
}
const medianOf = (name: CaseName) => ({
  ms: median((samples.get(name) ?? []).map((s) => s.ms)),
  rss: median((samples.get(name) ?? []).map((s) => s.rss)),
});
const base = medianOf('node -e 0');

console.log('| process | wall ms | ratio to node -e 0 | RSS MB |');
console.log('| --- | ---: | ---: | ---: |');
for (const name of Object.keys(cases) as CaseName[]) {
  const { ms, rss } = medianOf(name);
  console.log(
    `| ${name} | ${ms.toFixed(0)} | ${(ms / base.ms).toFixed(2)} | ${(rss / 2 ** 20).toFixed(0)} |`,
  );
}

const cliArgs = [join(DIST, 'cli.js'), 'plan', 'examples/color-mesh.ts'];
const cliMs = median(Array.from({ length: CLI_RUNS }, () => timeCli(cliArgs)));
console.log(
  `\nnode dist/cli.js plan examples/color-mesh.ts: ${cliMs.toFixed(0)} ms (${(cliMs / base.ms).toFixed(1)}x node -e 0)\n`,
);

const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
for (const name of ['import (ESM)', 'require (CommonJS)'] as const) {
  const ratio = medianOf(name).ms / base.ms;
  console.log(
    `${verdict(ratio <= TARGET_IMPORT_RATIO)}  ${name} <= ${TARGET_IMPORT_RATIO}x node -e 0: ${ratio.toFixed(2)}x`,
  );
}
console.log(
  `${verdict(cliMs < TARGET_CLI_MS)}  appmesh-builder plan examples/color-mesh.ts < 1 s: ${cliMs.toFixed(0)} ms`,
);
