/**
 * The fault suite's property, run by fast-check with settings from the environment:
 * APPMESH_FC_RUNS (cases; a soak run without a seed draws new ones), APPMESH_FC_SEED and
 * APPMESH_FC_PATH (replay the case fast-check printed), APPMESH_FC_SHRINK=1 (shrink a failure:
 * off by default, each case takes a second or more).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { MeshKind } from './fault-meshes.js';
import { faultCases } from './fault-schedule.js';
import { referenceFor, runFaultCase } from './run-fault-case.js';

/** The default cases are always the same ones. */
const DEFAULT_SEED = 20_240_611;

function settings(defaultRuns: number): fc.Parameters<unknown> {
  const env = process.env;
  const soak = env.APPMESH_FC_RUNS !== undefined;
  const seed = env.APPMESH_FC_SEED ?? (soak ? String(Date.now() % 2 ** 31) : String(DEFAULT_SEED));
  return {
    numRuns: soak ? Number(env.APPMESH_FC_RUNS) : defaultRuns,
    seed: Number(seed),
    ...(env.APPMESH_FC_PATH === undefined ? {} : { path: env.APPMESH_FC_PATH }),
    endOnFailure: env.APPMESH_FC_SHRINK !== '1',
  };
}

/** Every case drawn for this mesh keeps every invariant; `root` holds the cases' files. */
export async function checkFaultProperty(kind: MeshKind, defaultRuns: number, root: string): Promise<void> {
  // The large mesh's cases all have this setup; the color mesh's count of writes is the same with any.
  const { writes } = await referenceFor(kind, { otherMesh: kind === 'large', adopted: [] });
  await fc.assert(
    fc.asyncProperty(faultCases(kind, writes), async (faultCase) => {
      const violations = await runFaultCase(kind, faultCase, root);
      expect(violations, `the invariants broken by ${JSON.stringify(faultCase)}`).toEqual([]);
    }),
    settings(defaultRuns),
  );
}
