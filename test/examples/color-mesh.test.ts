/**
 * `npm run color-mesh`, the README's first command, and `npx tsx examples/color-mesh.ts` (or `node
 * examples/color-mesh.ts` where node strips types) must run the whole tutorial on a fresh machine
 * without AWS; imported, the same file is only the mesh's definition.
 * (That the example builds exactly the tutorial's definition is tested in test/builder.)
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const example = join(root, 'examples/color-mesh.ts');
const tsxLoader = join(root, 'node_modules/tsx/dist/loader.mjs');
const run = promisify(execFile);

const scratches: string[] = [];
afterAll(() => {
  for (const dir of scratches) rmSync(dir, { recursive: true, force: true });
});

/** A folder to run in (the tutorial writes out/color-mesh under its working directory). */
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'color-mesh-'));
  scratches.push(dir);
  return dir;
}

/** tsx finds tsconfig.json (which maps `appmesh-builder` to src/) from the working directory. */
const tsxEnv = { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') };

/** Node strips TypeScript types by itself (22.18+, 23.6+; 22.6+ with a flag, which this does not pass). */
const nodeStripsTypes = Boolean((process.features as { typescript?: string | false }).typescript);
/** Under plain node, the example's `appmesh-builder` is the package itself: its built dist/. */
const built = existsSync(join(root, 'dist/index.js'));

function expectTutorialRan(stdout: string, cwd: string, destroyed: boolean): void {
  expect(stdout).toContain('Mesh color-mesh: 54 resources.');
  expect(stdout).toContain('mesh/color-mesh/virtualRouter/color-router/route/color-route');
  // Every resource created, every check of the tutorial answered as the tutorial says.
  expect(stdout.match(/^ {2}created /gm)).toHaveLength(54);
  expect(stdout).not.toContain('FAIL');
  expect(stdout.match(/^ {2}ok /gm)).toHaveLength(8);
  expect(stdout).toContain('Every tutorial check passed.');
  expect(stdout.match(/^ {2}deleted /gm) ?? []).toHaveLength(destroyed ? 54 : 0);
  const out = join(cwd, 'out/color-mesh');
  expect(existsSync(join(out, 'apply.sh'))).toBe(true);
  expect(existsSync(join(out, '01a-namespace.json'))).toBe(true);
  expect(readdirSync(join(out, 'task-definitions')).sort()).toEqual([
    'blue.json',
    'color-gateway.json',
    'green.json',
    'red.json',
    'yellow.json',
  ]);
}

describe('examples/color-mesh.ts', () => {
  it('is what `npm run color-mesh` runs', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['color-mesh']).toBe('tsx examples/color-mesh.ts');
  });

  it('run with tsx: the whole tutorial on the local cloud (plan, files, apply, every curl check, destroy)', async () => {
    const cwd = scratch();
    const { stdout } = await run(process.execPath, ['--import', tsxLoader, example], {
      cwd,
      env: tsxEnv,
      timeout: 60_000,
    });
    expectTutorialRan(stdout, cwd, true);
  });

  it.skipIf(!(nodeStripsTypes && built))(
    'run with plain node (type stripping, the built package): the tutorial, and its flags (--keep)',
    async () => {
      const cwd = scratch();
      const { stdout } = await run(process.execPath, [example, '--keep'], { cwd, timeout: 60_000 });
      expectTutorialRan(stdout, cwd, false);
      expect(stdout).toContain('Kept on the local cloud (--keep).');
    },
  );

  it("imported by another program, it is the definition and runs nothing (the CLI's case)", async () => {
    const cwd = scratch();
    const user = join(cwd, 'use-color-mesh.ts');
    writeFileSync(
      user,
      `import colors from ${JSON.stringify(example)};\nconsole.log('imported', colors.build().name);\n`,
    );
    const { stdout, stderr } = await run(process.execPath, ['--import', tsxLoader, user], {
      cwd,
      env: tsxEnv,
      timeout: 60_000,
    });
    expect(stdout).toBe('imported color-mesh\n');
    expect(stderr).toBe('');
    expect(existsSync(join(cwd, 'out'))).toBe(false);
  });
});
