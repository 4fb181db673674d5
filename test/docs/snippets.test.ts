/**
 * Every TypeScript snippet in README.md and docs/*.md must compile against the library's public
 * entry point and run without throwing, so the docs cannot drift from the API.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const outDir = join(root, 'test/.snippets');
const tsconfig = join(outDir, 'tsconfig.json');

interface Snippet {
  readonly name: string;
  readonly code: string;
}

function markdownFiles(): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f));
  return ['README.md', ...docs];
}

function snippetsOf(file: string): Snippet[] {
  const text = readFileSync(join(root, file), 'utf8');
  const blocks = [...text.matchAll(/```(?:ts|typescript)\n([\s\S]*?)```/g)];
  const base = file.replace(/[^a-zA-Z0-9]+/g, '-');
  return blocks.map((m, i) => ({ name: `${base}-${i + 1}.ts`, code: m[1] as string }));
}

const snippets = markdownFiles().flatMap(snippetsOf);

/** Runs a command; resolves with its output and whether it exited 0. */
async function outcome(file: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  return run(file, args, { ...options, timeout: 60_000 }).then(
    ({ stdout }) => ({ ok: true, output: stdout }),
    (error: { stdout?: string; stderr?: string }) => ({
      ok: false,
      output: `${error.stdout ?? ''}${error.stderr ?? String(error)}`,
    }),
  );
}

beforeAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const s of snippets) {
    // Each snippet is its own module; `export {}` keeps top-level names from clashing.
    writeFileSync(join(outDir, s.name), `${s.code}\nexport {};\n`);
  }
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: '../../tsconfig.json',
      compilerOptions: { noEmit: true, paths: { 'appmesh-builder': ['../../src/index.ts'] } },
      include: ['./*.ts'],
      exclude: [],
    }),
  );
});

describe('documentation snippets', () => {
  it('finds snippets in README.md and docs/', () => {
    expect(snippets.filter((s) => s.name.startsWith('README')).length).toBeGreaterThan(5);
    expect(snippets.some((s) => s.name.startsWith('docs'))).toBe(true);
  });

  it('type-checks every TypeScript snippet', async () => {
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const result = await outcome(process.execPath, [tsc, '-p', tsconfig], { cwd: root });
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  // Runs in a scratch folder (snippets may write files), with `appmesh-builder` mapped to src/.
  it.each(snippets.map((s) => s.name))('runs %s without throwing', async (name) => {
    const scratch = mkdtempSync(join(tmpdir(), 'appmesh-snippet-'));
    try {
      const loader = join(root, 'node_modules/tsx/dist/loader.mjs');
      const result = await outcome(process.execPath, ['--import', loader, join(outDir, name)], {
        cwd: scratch,
        env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig },
      });
      expect(result.output).not.toMatch(/Error|at .*:\d+:\d+/);
      expect(result.ok).toBe(true);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
