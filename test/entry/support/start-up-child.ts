/**
 * Run as its own process (node --import tsx): what a fresh process loads when it imports the
 * library, builds, plans and renders the color mesh, and runs `appmesh-builder plan` on it; then
 * `appmesh-builder apply --local` on a one-resource mesh, writing to this process's stdout/stderr.
 *
 * argv: <report.json> <work dir>. The report lists the modules loaded before the apply.
 */
import { writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { join, resolve } from 'node:path';

const [reportPath = '', workDir = ''] = process.argv.slice(2);
const REPO = resolve(import.meta.dirname, '../../..');

// Every module any import resolves to, kept on the hooks thread; `probe:loaded` reads the list
// back through the same thread, so that it holds every import resolved before it.
const HOOKS = `
const seen = [];
export async function resolve(specifier, context, next) {
  if (specifier === 'probe:loaded') return { url: 'probe:loaded', shortCircuit: true };
  const result = await next(specifier, context);
  seen.push(result.url);
  return result;
}
export async function load(url, context, next) {
  if (url === 'probe:loaded') {
    return { format: 'module', source: 'export default ' + JSON.stringify(seen) + ';', shortCircuit: true };
  }
  return next(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(HOOKS)}`);

const lib = await import(join(REPO, 'src/index.ts'));
const { default: colorMesh } = await import(join(REPO, 'examples/color-mesh.ts'));
const plan = colorMesh.plan();
lib.renderAll(plan);
lib.renderPlanTable(plan);

const { run } = await import(join(REPO, 'src/cli/run.ts'));
let planOut = '';
const planCode = await run(['plan', join(REPO, 'examples/color-mesh.ts')], {
  out: (text: string) => {
    planOut += text;
  },
  err: (text: string) => process.stderr.write(text),
});

const { default: esm } = await import('probe:loaded' as string);
const cjs = Object.keys(createRequire(import.meta.url).cache);
writeFileSync(reportPath, JSON.stringify({ planCode, planOut, esm, cjs }));

const tiny = join(workDir, 'tiny.ts');
writeFileSync(
  tiny,
  `import { mesh } from ${JSON.stringify(join(REPO, 'src/index.ts'))};\nexport default mesh('tiny');\n`,
);
const { processIo } = await import(join(REPO, 'src/cli/io.ts'));
const flags = [
  '--local',
  '--state',
  join(workDir, 'cloud.json'),
  '--journal',
  join(workDir, 'journal.jsonl'),
];
process.exitCode = await run(['apply', tiny, ...flags], processIo);
