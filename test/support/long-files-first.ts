/**
 * Vitest's order of test files, with the long ones first. Vitest starts with the files that took
 * longest last time, but a fresh clone (CI) has no last time: it starts with the largest files, and
 * a short file that drives a long property run (the fault suite) then starts last and alone. This
 * list gives those files their place up front, longest first as measured alone; the rest keep
 * vitest's order.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const LONG_FILES = [
  'test/execute/fault-properties.test.ts',
  'test/execute/crash.test.ts',
  'test/execute/apply.test.ts',
  'test/execute/transport-retries.test.ts',
  'test/execute/fault-properties-large.test.ts',
  'test/docs/snippets.test.ts',
  'test/cli/interrupt.test.ts',
  'test/execute/moto.test.ts',
  'test/cli/state-lock.test.ts',
  'test/execute/journal-guarantees.test.ts',
  'test/execute/ownership-guarantees.test.ts',
  // Its AWS CLI runs are in a hook, which a file's duration leaves out.
  'test/conformance/cli-input-json.test.ts',
  'test/local/differential/elbv2.test.ts',
  'test/local/differential/cloud-map.test.ts',
  'test/execute/rollback-update.test.ts',
  'test/examples/color-mesh.test.ts',
  'test/examples/color-vpc-lattice.test.ts',
  'test/execute/undo.test.ts',
  'test/execute/concurrent-runs.test.ts',
  'test/render/scripts.test.ts',
  'test/local/differential/ecs-service-connect.test.ts',
  'test/render/hostile-values.test.ts',
];

export class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = LONG_FILES.findIndex((name) => file.moduleId.endsWith(name));
      return index === -1 ? LONG_FILES.length : index;
    };
    // Array sort is stable: files of the same rank keep vitest's order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
