/**
 * The scripts tests run as child processes, for what only a process has (SIGKILL mid-write, a
 * pid, signals). Vitest's global setup bundles them into .test-build/ (see build-children.ts) and
 * says so in BUNDLED_CHILDREN; without it (a file run by some other runner) they start through tsx.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
/** One level below the repository, as dist/ is, so paths relative to the code resolve as in the package. */
export const CHILD_BUILD_DIR = join(REPO_ROOT, '.test-build');

/** Set by the global setup once the bundle is built; workers inherit it. */
export const BUNDLED_CHILDREN = 'APPMESH_TEST_BUNDLED_CHILDREN';

export const CHILD_ENTRIES = {
  cli: 'src/cli/main.ts',
  'apply-child': 'test/execute/support/apply-child.ts',
  'rollback-child': 'test/execute/support/rollback-child.ts',
  'fault-apply-child': 'test/execute/support/fault-apply-child.ts',
  // Their file names end as the examples' do: an example runs only when it is node's main module.
  'color-service-connect': 'examples/color-service-connect.ts',
  'color-vpc-lattice': 'examples/color-vpc-lattice.ts',
} as const;

export type ChildScript = keyof typeof CHILD_ENTRIES;

/** tsx's loader by its path: a child may run in another working directory. */
const TSX_LOADER = join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs');

/**
 * The node arguments that run `script` with `args`. Without the bundle, a child that runs outside
 * the repository needs TSX_TSCONFIG_PATH in its environment to find tsconfig.json's paths.
 */
export function childArgs(script: ChildScript, args: readonly string[] = []): string[] {
  if (process.env[BUNDLED_CHILDREN] === CHILD_BUILD_DIR)
    return [join(CHILD_BUILD_DIR, `${script}.mjs`), ...args];
  return ['--import', TSX_LOADER, join(REPO_ROOT, CHILD_ENTRIES[script]), ...args];
}

/** How a child ended: the signal that killed it (SIGKILL for a crash child), and what it printed. */
export interface ChildEnd {
  readonly signal: NodeJS.Signals | null;
  readonly out: string;
  readonly err: string;
}

/** Runs `script` with `args` to its end (or its kill). */
export function runChild(script: ChildScript, args: readonly string[]): Promise<ChildEnd> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, childArgs(script, args), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ signal, out, err }));
  });
}
