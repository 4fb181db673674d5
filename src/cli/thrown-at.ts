/** Where a mesh module threw while loading, so that the user can go to the line. */
import { dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This folder: the loader's own frames (src/cli, or dist once built) are never the place. */
const OWN_CODE = dirname(fileURLToPath(import.meta.url)) + sep;

/**
 * `file:line:column` of the first frame in the user's code: the frames before Node's module
 * loader, without packages' code. Undefined when there is none (a syntax error: the message says where).
 */
export function thrownAt(error: unknown): string | undefined {
  const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : '';
  for (const line of stack.split('\n')) {
    const frame = /^\s+at (?:async )?(?:.*\()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    if (frame === null) continue;
    const [, location = '', row, column] = frame;
    // Node's loader called the module: what comes after is the loading, not the module.
    if (location.startsWith('node:internal/modules/')) return undefined;
    // A built-in that threw (node:fs for a missing file): the module's call to it comes next.
    if (location.startsWith('node:')) continue;
    const file = location.startsWith('file://') ? fileURLToPath(location) : location;
    if (/[\\/]node_modules[\\/]/.test(file) || file.startsWith('data:') || file.startsWith(OWN_CODE))
      continue;
    return `${file}:${row}:${column}`;
  }
  return undefined;
}
