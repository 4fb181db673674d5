/**
 * Every TypeScript snippet in README.md and docs/*.md must compile against the library's
 * public entry point, so the docs cannot drift from the API.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const outDir = join(root, 'test/.snippets');

function markdownFiles(): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f));
  return ['README.md', ...docs];
}

function snippets(file: string): { name: string; code: string }[] {
  const text = readFileSync(join(root, file), 'utf8');
  const blocks = [...text.matchAll(/```(?:ts|typescript)\n([\s\S]*?)```/g)];
  const base = file.replace(/[^a-zA-Z0-9]+/g, '-');
  return blocks.map((m, i) => ({ name: `${base}-${i + 1}.ts`, code: m[1] as string }));
}

describe('documentation snippets', () => {
  it('finds snippets in README.md', () => {
    expect(snippets('README.md').length).toBeGreaterThan(2);
  });

  it('type-checks every TypeScript snippet in README.md and docs/', async () => {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const all = markdownFiles().flatMap(snippets);
    for (const s of all) {
      // Each snippet is its own module; `export {}` keeps top-level names from clashing.
      writeFileSync(join(outDir, s.name), `${s.code}\nexport {};\n`);
    }
    writeFileSync(
      join(outDir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../tsconfig.json',
        compilerOptions: {
          noEmit: true,
          noUnusedLocals: false,
          paths: { 'appmesh-builder': ['../../src/index.ts'] },
        },
        include: ['./*.ts'],
        exclude: [],
      }),
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', join(outDir, 'tsconfig.json')], {
      cwd: root,
    }).then(
      () => ({ ok: true, output: '' }),
      (error: { stdout?: string }) => ({ ok: false, output: error.stdout ?? String(error) }),
    );
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });
});
