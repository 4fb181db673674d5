/**
 * Vitest's global setup, run once before any test file:
 *
 * - bundles every script the tests run as a child process (the CLI, the crash and fault children)
 *   into .test-build/. A child then starts from one bundled file in about a third of the time tsx
 *   takes to transpile the sources on every start. The bundle is made from the sources as they
 *   are now, so the children run the code under test.
 * - points the tests' temporary files at a memory file system when the machine has one. The
 *   journal is fsynced after every record, as it must be; on a disk that costs the executor's
 *   tests most of their time, on /dev/shm nothing, and what the tests check is the same.
 */
import { accessSync, constants, mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { BUNDLED_CHILDREN, CHILD_BUILD_DIR, CHILD_ENTRIES, REPO_ROOT } from './child-scripts.js';

const MEMORY_FS = '/dev/shm';

function onMemoryFileSystem(): (() => void) | undefined {
  try {
    if (!statSync(MEMORY_FS).isDirectory()) return undefined;
    accessSync(MEMORY_FS, constants.W_OK);
  } catch {
    return undefined;
  }
  const dir = mkdtempSync(join(MEMORY_FS, 'appmesh-builder-tests-'));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}

export default async function setup(): Promise<(() => void) | undefined> {
  // Vitest runs a global setup once for the root and once per project: the first one does the work.
  if (process.env[BUNDLED_CHILDREN] === CHILD_BUILD_DIR) return undefined;
  rmSync(CHILD_BUILD_DIR, { recursive: true, force: true });
  await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: Object.fromEntries(
      Object.entries(CHILD_ENTRIES).map(([name, file]) => [name, join(REPO_ROOT, file)]),
    ),
    outdir: CHILD_BUILD_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    // tsx stays a package: the CLI registers it to load the user's TypeScript modules.
    external: ['tsx', 'tsx/*'],
    // Some bundled CommonJS dependencies call require(); give the ES module one.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  process.env[BUNDLED_CHILDREN] = CHILD_BUILD_DIR;
  const removeTemporaryDir = onMemoryFileSystem();
  return () => removeTemporaryDir?.();
}
