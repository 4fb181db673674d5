/**
 * Runs differential scenarios against moto (on loopback) and against the local cloud, through the
 * same SDK clients, and expects the same observations, except at the steps a test file's
 * infidelity table names: there moto is known not to behave like AWS, so the step is not
 * compared with moto; when AWS's answer is known, the local cloud must give that answer instead.
 */
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLocalCloud } from '../../../src/local/local-cloud.js';
import { type MotoServer, startMoto } from '../../support/moto.js';
import { describeWithTool } from '../../support/tools.js';
import type { Observation, Outcome } from './observe.js';
import type { Scenario } from './scenarios.js';

/** One step where moto is not faithful to AWS, and why we say so. */
export interface MotoInfidelity {
  readonly scenario: string;
  readonly step: string;
  /** What moto 5.2.1 does. */
  readonly moto: string;
  /** What AWS does. */
  readonly aws: string;
  /** Where AWS's behaviour is written down. */
  readonly source: string;
  /** AWS's observable answer, which the local cloud must give; absent when the step is only skipped. */
  readonly awsOutcome?: Outcome;
}

const MOTO_START_TIMEOUT_MS = 30_000;

export function describeDifferential(
  title: string,
  scenarios: Readonly<Record<string, Scenario>>,
  infidelities: readonly MotoInfidelity[],
  /** Only scenarios that attach AWS managed policies need them; loading them slows every reset. */
  options: { readonly awsManagedPolicies?: boolean } = {},
): void {
  describeWithTool('moto', `differential: ${title} (moto vs the local cloud)`, (tool) => {
    let moto: MotoServer | undefined;
    beforeAll(async () => {
      moto = await startMoto(tool.command, { awsManagedPolicies: options.awsManagedPolicies ?? false });
    }, MOTO_START_TIMEOUT_MS);
    afterAll(async () => {
      await moto?.stop();
    });

    for (const [name, scenario] of Object.entries(scenarios)) {
      it(`${name}: the local cloud answers as moto does, and as AWS does where moto does not`, async () => {
        if (moto === undefined) throw new Error('moto did not start');
        await moto.reset();
        const fromMoto = await scenario(moto.clients({ maxAttempts: 1 }));
        const fromLocal = await scenario(createLocalCloud().clients({ maxAttempts: 1 }));
        const rows = infidelities.filter((row) => row.scenario === name);
        const skipped = new Set(rows.map((row) => row.step));
        const compared = (observations: Observation[]) => observations.filter((o) => !skipped.has(o.step));

        const stepsOf = (observations: Observation[]) => observations.map((o) => o.step);
        expect.soft(stepsOf(compared(fromLocal)), 'steps taken').toEqual(stepsOf(compared(fromMoto)));
        // Only the steps that differ, so that a failure names them.
        const disagreements = compared(fromMoto).flatMap((m) => {
          const local = fromLocal.find((o) => o.step === m.step)?.outcome;
          return isDeepStrictEqual(local, m.outcome) ? [] : [{ step: m.step, moto: m.outcome, local }];
        });
        expect.soft(disagreements, 'steps where the local cloud and moto disagree').toEqual([]);
        for (const row of rows) {
          const motoStep = fromMoto.find((o) => o.step === row.step);
          // Keeps the table honest: a row names a step the scenario really takes...
          expect(motoStep, `table row "${row.step}" names no step of ${name}`).toBeDefined();
          if (row.awsOutcome === undefined) continue;
          // ...where moto still differs from AWS (when moto is fixed, compare the step again)...
          expect
            .soft(motoStep?.outcome, `moto now answers "${row.step}" as AWS does`)
            .not.toEqual(row.awsOutcome);
          // ...and the local cloud answers as AWS does.
          const localStep = fromLocal.find((o) => o.step === row.step);
          expect.soft(localStep?.outcome, `local cloud at "${row.step}"`).toEqual(row.awsOutcome);
        }
      });
    }
  });
}
