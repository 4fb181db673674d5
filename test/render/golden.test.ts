/**
 * The full render of the color tutorial, compared file by file with test/golden/color-mesh (App
 * Mesh), test/golden/color-mesh-sc (the same mesh compiled to ECS Service Connect) and
 * test/golden/color-mesh-sc-lattice (compiled to Service Connect with VPC Lattice and an ALB).
 * Regenerate after an intended change: UPDATE_GOLDEN=1 npx vitest run test/render
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/plan.js';
import { renderAll } from '../../src/render/render-all.js';
import { colorLatticePlan, colorPlan, colorServiceConnectPlan } from './color-plan.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '../golden');

function listFiles(root: string, dir = root): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(root, path) : [relative(root, path)];
  });
}

describe.each([
  { folder: 'color-mesh', plan: colorPlan, every: ['mesh.mmd', 'task-definitions/red.json'] },
  {
    folder: 'color-mesh-sc',
    plan: colorServiceConnectPlan,
    every: ['mesh.mmd', 'task-definitions/red-sc.json'],
  },
  {
    folder: 'color-mesh-sc-lattice',
    plan: colorLatticePlan,
    every: ['mesh.mmd', 'task-definitions/red-sc.json'],
  },
])('golden render of $folder', ({ folder, plan, every }: { folder: string; plan: Plan; every: string[] }) => {
  const golden = join(GOLDEN, folder);
  const files = renderAll(plan);

  if (process.env.UPDATE_GOLDEN === '1') {
    rmSync(golden, { recursive: true, force: true });
    for (const file of files) {
      mkdirSync(dirname(join(golden, file.path)), { recursive: true });
      writeFileSync(join(golden, file.path), file.contents);
    }
  }

  it(`matches test/golden/${folder} file by file`, () => {
    const rendered = new Map(files.map((f) => [f.path, f.contents]));
    const expected = listFiles(golden).sort();
    const differences = [
      ...[...rendered.keys()].filter((path) => !expected.includes(path)).map((path) => `new: ${path}`),
      ...expected.filter((path) => !rendered.has(path)).map((path) => `missing: ${path}`),
      ...expected
        .filter(
          (path) => rendered.has(path) && rendered.get(path) !== readFileSync(join(golden, path), 'utf8'),
        )
        .map((path) => `changed: ${path}`),
    ];
    expect(differences, 'run UPDATE_GOLDEN=1 npx vitest run test/render if the change is intended').toEqual(
      [],
    );
  });

  it('includes every kind of output', () => {
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['apply.sh', 'destroy.sh', ...every]));
    expect(paths.filter((p) => /^\d\d[a-z]+-/.test(p))).toHaveLength(plan.resources.length);
  });
});
