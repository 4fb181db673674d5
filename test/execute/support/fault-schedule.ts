/**
 * What one case of the fault suite does, and fast-check's generators for it: the faults in force
 * during a run, how that run goes (an apply, a SIGKILL at the k-th write, two applies at once),
 * what is in the cloud before, how the journal is damaged after, and the fault-free run that
 * must then reach a clean state.
 */
import fc from 'fast-check';
import type { FaultOptions } from '../../../src/local/faults.js';
import type { AdoptedKind, ForeignSetup, MeshKind } from './fault-meshes.js';

export interface FaultSchedule {
  readonly seed: number;
  readonly throttleRate: number;
  /** Calls lost before they take effect. */
  readonly transportErrorRate: number;
  /** Calls that take effect, and whose response is lost. */
  readonly lostResponseRate: number;
  readonly transportErrorCalls: 'writes' | 'reads' | 'all';
  readonly consistencyWindowMs: number;
}

export type FaultedRun =
  | { readonly type: 'apply' }
  /** A child process applies, and is killed with SIGKILL right after its k-th write took effect. */
  | { readonly type: 'kill'; readonly atWrite: number }
  /** Two applies of the plan at once, with the same journal. */
  | { readonly type: 'concurrent' };

export type JournalDamage =
  | { readonly type: 'none' }
  /** A crash mid-write: the last line cut at this share of its length (its newline gone). */
  | { readonly type: 'tornTail'; readonly keep: number }
  /** A garbage line (a merge marker) inserted between two records, at this share of the file. */
  | { readonly type: 'garbageLine'; readonly at: number };

/** The fault-free run after: `continue` is resume when the journal has an interrupted apply, else apply. */
export type FollowUp = 'continue' | 'rollback' | 'destroy';

export interface FaultCase {
  readonly faults: FaultSchedule;
  readonly run: FaultedRun;
  readonly foreign: ForeignSetup & {
    /** The other mesh journals into this plan's journal, as the default path (from the plan name) makes it. */
    readonly sharedJournal: boolean;
  };
  readonly damage: JournalDamage;
  readonly followUp: FollowUp;
  /** The consistency window stays during the follow-up (AWS does not stop being eventually consistent). */
  readonly windowDuringFollowUp: boolean;
}

export function faultOptions(schedule: FaultSchedule): FaultOptions {
  return {
    seed: schedule.seed,
    throttleRate: schedule.throttleRate,
    transportErrorRate: schedule.transportErrorRate,
    lostResponseRate: schedule.lostResponseRate,
    transportErrorCalls: schedule.transportErrorCalls,
    consistencyWindowMs: schedule.consistencyWindowMs,
  };
}

/** A rate in hundredths, 0 half the time, so that a failure can be told apart by the faults it had. */
const rate = (maxPercent: number) =>
  fc.oneof(
    fc.constant(0),
    fc.integer({ min: 1, max: maxPercent }).map((n) => n / 100),
  );

const schedule: fc.Arbitrary<FaultSchedule> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  throttleRate: rate(60),
  transportErrorRate: rate(10),
  lostResponseRate: rate(10),
  transportErrorCalls: fc.constantFrom('writes', 'reads', 'all'),
  consistencyWindowMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 200 })),
});

/** A share in hundredths: readable in a counterexample, and spread evenly. */
const share = fc.integer({ min: 0, max: 99 }).map((n) => n / 100);

const damage: fc.Arbitrary<JournalDamage> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ type: 'none' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('tornTail' as const),
      keep: share,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('garbageLine' as const),
      at: share,
    }),
  },
);

const adopted: fc.Arbitrary<AdoptedKind[]> = fc.subarray([
  'executionRole',
  'gatewaySecurityGroup',
  'logGroup',
]);

/**
 * A case against `kind`, whose clean apply makes `writes` write calls. The large mesh keeps one
 * foreign setup (another mesh under its plan name): its reference apply is what costs there.
 */
export function faultCases(kind: MeshKind, writes: number): fc.Arbitrary<FaultCase> {
  const run: fc.Arbitrary<FaultedRun> = fc.oneof(
    { weight: 2, arbitrary: fc.constant({ type: 'apply' as const }) },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('kill' as const),
        atWrite: fc.integer({ min: 1, max: writes }),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ type: 'concurrent' as const }) },
  );
  const foreign =
    kind !== 'large'
      ? fc.record({ otherMesh: fc.boolean(), adopted, sharedJournal: fc.boolean() })
      : fc.record({ otherMesh: fc.constant(true), adopted: fc.constant([]), sharedJournal: fc.boolean() });
  return fc
    .record({
      faults: schedule,
      run,
      foreign,
      damage,
      followUp: fc.constantFrom<FollowUp>('continue', 'rollback', 'destroy'),
      windowDuringFollowUp: fc.boolean(),
    })
    .map((c) => ({
      ...c,
      // The journal shared with the other mesh only means something when there is one.
      foreign: { ...c.foreign, sharedJournal: c.foreign.sharedJournal && c.foreign.otherMesh },
      // After two interleaved applies, which run a rollback undoes is not defined: continue instead.
      followUp: c.run.type === 'concurrent' && c.followUp === 'rollback' ? 'continue' : c.followUp,
    }));
}
