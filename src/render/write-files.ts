/** The only file system access of the renderers: writes rendered files under a directory. */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { RenderedFile } from './rendered-file.js';

/** Creates directories as needed, writes every file, makes `.sh` files executable. Returns the written paths. */
export async function writeFiles(dir: string, files: readonly RenderedFile[]): Promise<string[]> {
  const root = resolve(dir);
  const written: string[] = [];
  for (const file of files) {
    const target = join(root, file.path);
    if (!target.startsWith(root + sep)) throw new Error(`Refusing to write outside ${root}: ${file.path}`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.contents, 'utf8');
    if (file.path.endsWith('.sh')) await chmod(target, 0o755);
    written.push(target);
  }
  return written;
}
