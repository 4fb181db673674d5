/**
 * Vitest's order of test files, with the long ones first. Vitest starts with the files that took
 * longest last time, but a fresh clone (CI) has no last time: it starts with the largest files, and
 * a short file that drives a long property run (the fault suite) then starts last and alone. This
 * list gives those files their place up front; the rest keep vitest's order.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const LONG_FILES = [
  'test/execute/fault-properties.test.ts',
  'test/execute/crash.test.ts',
  'test/execute/apply.test.ts',
  'test/execute/transport-retries.test.ts',
  'test/execute/fault-properties-large.test.ts',
  'test/cli/interrupt.test.ts',
  'test/docs/snippets.test.ts',
  'test/execute/moto.test.ts',
  'test/execute/journal-guarantees.test.ts',
  'test/execute/ownership-guarantees.test.ts',
  'test/cli/state-lock.test.ts',
  'test/examples/color-mesh.test.ts',
  'test/examples/color-service-connect.test.ts',
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
