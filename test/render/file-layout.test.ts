import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/plan.js';
import { layerLetters, resourceFiles } from '../../src/render/file-layout.js';
import { colorPlan } from './color-plan.js';
import { smallPlan } from './fixtures.js';

/** The tutorial's rule: a file's dependencies all sort before its prefix; equal prefixes are independent. */
function prefixViolations(plan: Plan): string[] {
  const files = resourceFiles(plan);
  const prefixOf = new Map(files.map((f) => [f.resource.id, f.prefix]));
  return files.flatMap((file) =>
    file.resource.dependsOn
      .filter((dep) => !((prefixOf.get(dep) as string) < file.prefix))
      .map((dep) => `${file.path} depends on ${dep} (${prefixOf.get(dep)})`),
  );
}

describe('file names of the CLI input files', () => {
  it.each([
    ['the color plan', colorPlan],
    ['a hand-made plan', smallPlan],
  ])('give every dependency of %s a strictly smaller prefix', (_, plan) => {
    expect(prefixViolations(plan)).toEqual([]);
  });

  it('uses the tutorial names for the color mesh', () => {
    const paths = resourceFiles(colorPlan).map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '01a-namespace.json',
        '01b-red-service.json',
        '02a-color-mesh.json',
        '02b-red-node.json',
        '03c-red-td.json',
        '04a-color-gateway.json',
      ]),
    );
  });

  it('are unique, file-system safe and one per resource', () => {
    const files = resourceFiles(colorPlan);
    expect(files).toHaveLength(colorPlan.resources.length);
    expect(new Set(files.map((f) => f.path)).size).toBe(files.length);
    for (const file of files) expect(file.path).toMatch(/^\d{2}[a-z]+-[a-z0-9][a-z0-9.-]*\.json$/);
  });

  it('fall back to the resource id when two short names collide', () => {
    const twin = { ...smallPlan.resources[2], id: 'mesh/shop-2', name: 'shop' } as Plan['resources'][number];
    const files = resourceFiles({ ...smallPlan, resources: [...smallPlan.resources, twin] });
    const meshFiles = files.filter((f) => f.resource.kind === 'mesh').map((f) => f.name);
    expect([...meshFiles].sort()).toEqual(['mesh-shop', 'mesh-shop-2']);
  });

  it('keep layer letters in order past z', () => {
    const letters = Array.from({ length: 60 }, (_, i) => layerLetters(i));
    expect([...letters].sort()).toEqual(letters);
    expect(new Set(letters).size).toBe(60);
  });
});
