/** The only file system access of the renderers: writes rendered files under a directory. */
import { mkdir, open } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { RenderedFile } from './rendered-file.js';

/** The input files hold every name, tag and environment value: only their owner may read them. */
const INPUT_FILE_MODE = 0o600;
/** Scripts: the owner may read and run them. */
const SCRIPT_MODE = 0o700;
/** Folders this function creates. */
const DIRECTORY_MODE = 0o700;

/**
 * Creates directories as needed (owner only), writes every file (owner only; `.sh` files
 * executable). Returns the written paths.
 */
export async function writeFiles(dir: string, files: readonly RenderedFile[]): Promise<string[]> {
  const root = resolve(dir);
  const written: string[] = [];
  for (const file of files) {
    const target = join(root, file.path);
    if (!target.startsWith(root + sep)) throw new Error(`Refusing to write outside ${root}: ${file.path}`);
    await mkdir(dirname(target), { recursive: true, mode: DIRECTORY_MODE });
    await writePrivately(target, file.contents, file.path.endsWith('.sh') ? SCRIPT_MODE : INPUT_FILE_MODE);
    written.push(target);
  }
  return written;
}

/**
 * The mode is set before any content is written: `open`'s mode applies only to a new file, and a
 * file left by an earlier render may be readable by others.
 */
async function writePrivately(path: string, contents: string, mode: number): Promise<void> {
  const handle = await open(path, 'w', mode);
  try {
    await handle.chmod(mode);
    await handle.writeFile(contents, 'utf8');
  } finally {
    await handle.close();
  }
}
