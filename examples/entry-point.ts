import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * Whether node was started with the module at `moduleUrl` (`node examples/color-mesh.ts`), rather
 * than importing it. The file name (`color-mesh`) is checked too: a bundler that inlines the module
 * into another program's entry file gives it that file's URL.
 */
export function isEntryPoint(moduleUrl: string, fileName: string): boolean {
  const main = process.argv[1];
  const file = new URL(moduleUrl).pathname.split('/').pop() ?? '';
  if (main === undefined || file.replace(/\.[cm]?[jt]s$/, '') !== fileName) return false;
  try {
    // Node loads the main module from its real path, so a symlinked path still matches.
    return pathToFileURL(realpathSync(main)).href === moduleUrl;
  } catch {
    return false;
  }
}
