import { defineConfig } from 'vitest/config';
import { LongFilesFirst } from './test/support/long-files-first.js';

/**
 * Files that replace a module with vi.mock: they need modules loaded fresh, so they run isolated.
 * Every other file shares its worker's loaded modules (the AWS SDK, the local cloud) with the
 * files before it, which saves about a second of loading per file.
 */
const ISOLATED = ['test/execute/concurrent-runs.test.ts'];

export default defineConfig({
  // The examples import the package by name; tsconfig's paths map it to src/.
  resolve: { tsconfigPaths: true },
  test: {
    globalSetup: ['test/support/build-children.ts'],
    testTimeout: 60_000,
    sequence: { sequencer: LongFilesFirst },
    // The AWS SDK's own switch for its Node support warning (Node < 22), printed once per process otherwise.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // Most executor tests wait on polls and child processes, so more files than cores run at once.
    maxWorkers: 4,
    projects: [
      {
        extends: true,
        test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: ISOLATED, isolate: false },
      },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
      {
        extends: true,
        test: {
          name: 'types',
          include: [],
          // Only the type tests and what they import: the whole project is type-checked by `npm run typecheck`.
          typecheck: {
            enabled: true,
            only: true,
            include: ['test/types/**/*.test-d.ts'],
            tsconfig: './tsconfig.type-tests.json',
          },
        },
      },
    ],
  },
});
