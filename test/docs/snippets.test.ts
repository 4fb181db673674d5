/**
 * Every TypeScript snippet in README.md and docs/*.md must compile against the library's public
 * entry point and run without throwing, and every mesh a snippet defines must plan: the docs can
 * neither drift from the API nor teach a mesh that plan() refuses.
 *
 * One TypeScript program checks all snippets, in a worker thread, while the snippets run here,
 * in this process: each is written to test/.snippets/ with `appmesh-builder` pointing at src/ and
 * its top-level names exported, so the test can plan every mesh builder it left behind.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatWithOptions } from 'node:util';
import { Worker } from 'node:worker_threads';
import type * as TypeScript from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MeshBuilderImpl } from '../../src/builder/builder-impl.js';
import { PlanValidationError } from '../../src/errors/mesh-error.js';

// require(), not import: importing this 9 MB CommonJS file as ESM first scans it for its exports.
const ts: typeof TypeScript = createRequire(import.meta.url)('typescript');

const root = resolve(import.meta.dirname, '../..');
const outDir = join(root, 'test/.snippets');

/** Builders a snippet defines to show plan() refusing them: `<doc> <name>`. */
const MEANT_TO_FAIL = new Set(['README.md bad']);

interface Snippet {
  /** The markdown file, relative to the repository. */
  readonly doc: string;
  /** The line of the snippet's first line of code in the markdown file. */
  readonly line: number;
  readonly name: string;
  readonly code: string;
  /** Its top-level names, exported from the file that runs it. */
  readonly names: readonly string[];
}

function markdownFiles(): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f));
  return ['README.md', ...docs];
}

function snippetsOf(doc: string): Snippet[] {
  const text = readFileSync(join(root, doc), 'utf8');
  const blocks = [...text.matchAll(/```(?:ts|typescript)\n([\s\S]*?)```/g)];
  const base = doc.replace(/[^a-zA-Z0-9]+/g, '-');
  return blocks.map((m, i) => {
    const code = m[1] as string;
    const fenceLine = text.slice(0, m.index).split('\n').length;
    return { doc, line: fenceLine + 1, name: `${base}-${i + 1}`, code, names: topLevelNames(code) };
  });
}

/** The names a snippet declares with const, let or var at its top level, destructured ones included. */
function topLevelNames(code: string): string[] {
  const file = ts.createSourceFile('snippet.ts', code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const names: string[] = [];
  const collect = (name: TypeScript.BindingName): void => {
    if (ts.isIdentifier(name)) names.push(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) collect(element.name);
  };
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) collect(declaration.name);
    }
  }
  return names;
}

const snippets = markdownFiles().flatMap(snippetsOf);

/** The file that runs a snippet: the library from src/, and its top-level names exported. */
function runnable(snippet: Snippet): string {
  const code = snippet.code.replace(/(['"])appmesh-builder\1/g, "'../../src/index.js'");
  return `${code}\nexport { ${snippet.names.join(', ')} };\n`;
}

function typeCheck(): Promise<string[]> {
  const inMemory = snippets.map((s) => ({
    fileName: join(outDir, `${s.name}.check.ts`),
    // `export {}` makes each snippet a module, so top-level names do not clash.
    text: `${s.code}\nexport {};\n`,
    doc: s.doc,
    line: s.line,
  }));
  const worker = new Worker(new URL('./type-check-snippets.mjs', import.meta.url), {
    workerData: { root, snippets: inMemory },
  });
  return new Promise<string[]>((resolvePromise, reject) => {
    worker.once('message', resolvePromise);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the type-check worker exited with code ${code}`)));
  });
}

let typeChecked: Promise<string[]>;
let scratch: string;

beforeAll(() => {
  typeChecked = typeCheck();
  typeChecked.catch(() => {}); // reported by its test
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const s of snippets) writeFileSync(join(outDir, `${s.name}.ts`), runnable(s));
  scratch = mkdtempSync(join(tmpdir(), 'appmesh-snippets-'));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs a snippet in a scratch folder (snippets may write files); resolves with what it printed. */
async function run(snippet: Snippet): Promise<{ exports: Record<string, unknown>; output: string }> {
  const printed: string[] = [];
  const print = (...args: unknown[]) => {
    printed.push(formatWithOptions({ colors: false }, ...args));
  };
  const spies = (['log', 'info', 'warn', 'error'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation(print),
  );
  const cwd = process.cwd();
  process.chdir(scratch);
  try {
    const exports = (await import(join(outDir, `${snippet.name}.ts`))) as Record<string, unknown>;
    return { exports, output: printed.join('\n') };
  } finally {
    process.chdir(cwd);
    for (const spy of spies) spy.mockRestore();
  }
}

/** Plans a mesh builder the snippet left behind; undefined when it plans, else why not. */
function planProblem(builder: MeshBuilderImpl): string | undefined {
  try {
    builder.plan();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe('documentation snippets', () => {
  it('finds snippets in README.md and docs/, and every builder meant to fail', () => {
    expect(snippets.filter((s) => s.doc === 'README.md').length).toBeGreaterThan(5);
    expect(snippets.some((s) => s.doc.startsWith('docs'))).toBe(true);
    const declared = new Set(snippets.flatMap((s) => s.names.map((name) => `${s.doc} ${name}`)));
    expect([...MEANT_TO_FAIL].filter((name) => !declared.has(name))).toEqual([]);
  });

  it.each(snippets.map((s) => [`${s.doc}:${s.line}`, s] as const))(
    'runs %s and plans every mesh it defines',
    async (_, snippet) => {
      const { exports, output } = await run(snippet);
      expect(output).not.toMatch(/Error|at .*:\d+:\d+/);
      let meshes = 0;
      for (const [name, value] of Object.entries(exports)) {
        if ((value as { kind?: unknown } | null)?.kind === 'plan') meshes++;
        if (!(value instanceof MeshBuilderImpl)) continue;
        meshes++;
        if (MEANT_TO_FAIL.has(`${snippet.doc} ${name}`)) {
          expect(() => value.plan(), name).toThrow(PlanValidationError);
        } else {
          expect(planProblem(value), `${snippet.doc}:${snippet.line} ${name}.plan()`).toBeUndefined();
        }
      }
      if (/\bmesh\(/.test(snippet.code)) {
        expect(
          meshes,
          'a snippet that calls mesh() keeps its builder or plan in a top-level const',
        ).toBeGreaterThan(0);
      }
    },
  );

  // Parsing the AWS SDK's declarations is most of it: a few seconds alone, far more on a busy machine.
  it('type-checks every snippet, in one program', { timeout: 180_000 }, async () => {
    expect(await typeChecked).toEqual([]);
  });
});
