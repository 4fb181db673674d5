/**
 * The full render of the color tutorial, compared file by file with test/golden/color-mesh.
 * Regenerate after an intended change: UPDATE_GOLDEN=1 npx vitest run test/render
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderAll } from '../../src/render/render-all.js';
import { colorPlan } from './color-plan.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '../golden/color-mesh');

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [relative(GOLDEN, path)];
  });
}

describe('golden render of the color mesh', () => {
  const files = renderAll(colorPlan);

  if (process.env.UPDATE_GOLDEN === '1') {
    rmSync(GOLDEN, { recursive: true, force: true });
    for (const file of files) {
      mkdirSync(dirname(join(GOLDEN, file.path)), { recursive: true });
      writeFileSync(join(GOLDEN, file.path), file.contents);
    }
  }

  it('matches test/golden/color-mesh file by file', () => {
    const rendered = new Map(files.map((f) => [f.path, f.contents]));
    const golden = listFiles(GOLDEN).sort();
    const differences = [
      ...[...rendered.keys()].filter((path) => !golden.includes(path)).map((path) => `new: ${path}`),
      ...golden.filter((path) => !rendered.has(path)).map((path) => `missing: ${path}`),
      ...golden
        .filter(
          (path) => rendered.has(path) && rendered.get(path) !== readFileSync(join(GOLDEN, path), 'utf8'),
        )
        .map((path) => `changed: ${path}`),
    ];
    expect(differences, 'run UPDATE_GOLDEN=1 npx vitest run test/render if the change is intended').toEqual(
      [],
    );
  });

  it('includes every kind of output', () => {
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['apply.sh', 'destroy.sh', 'mesh.mmd', 'task-definitions/red.json']),
    );
    expect(paths.filter((p) => /^\d\d[a-z]+-/.test(p))).toHaveLength(colorPlan.resources.length);
  });
});
