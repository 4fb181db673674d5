/**
 * The fault suite's property, run by fast-check with settings from the environment:
 * APPMESH_FC_RUNS (cases per shard; a soak run without a seed draws new ones), APPMESH_FC_SEED and
 * APPMESH_FC_PATH (replay the case fast-check printed: one shard then runs, with that seed),
 * APPMESH_FC_SHRINK=1 (shrink a failure: off by default, each case takes a second or more).
 *
 * The cases are split into shards, each a fast-check run with its own seed, that a test file runs
 * at once: a case mostly waits (polls, child processes), so shards side by side share the CPU.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { MeshKind } from './fault-meshes.js';
import { faultCases } from './fault-schedule.js';
import { referenceFor, runFaultCase } from './run-fault-case.js';

/** The default cases are always the same ones. */
const DEFAULT_SEED = 20_240_611;

/** The shards to run: one when replaying a printed seed. */
export function faultShards(count: number): number[] {
  return process.env.APPMESH_FC_SEED === undefined ? Array.from({ length: count }, (_, i) => i) : [0];
}

function settings(defaultRuns: number, shard: number): fc.Parameters<unknown> {
  const env = process.env;
  const soak = env.APPMESH_FC_RUNS !== undefined;
  const seed = env.APPMESH_FC_SEED ?? String((soak ? Date.now() % 2 ** 31 : DEFAULT_SEED) + shard);
  return {
    numRuns: soak ? Number(env.APPMESH_FC_RUNS) : defaultRuns,
    seed: Number(seed),
    ...(env.APPMESH_FC_PATH === undefined ? {} : { path: env.APPMESH_FC_PATH }),
    endOnFailure: env.APPMESH_FC_SHRINK !== '1',
  };
}

/** Every case of this shard drawn for this mesh keeps every invariant; `root` holds the cases' files. */
export async function checkFaultProperty(
  kind: MeshKind,
  defaultRuns: number,
  root: string,
  shard = 0,
): Promise<void> {
  // The large mesh's cases all have this setup; the color mesh's count of writes is the same with any.
  const { writes } = await referenceFor(kind, { otherMesh: kind === 'large', adopted: [] });
  await fc.assert(
    fc.asyncProperty(faultCases(kind, writes), async (faultCase) => {
      const violations = await runFaultCase(kind, faultCase, root);
      expect(violations, `the invariants broken by ${JSON.stringify(faultCase)}`).toEqual([]);
    }),
    settings(defaultRuns, shard),
  );
}
