/** Whether Node loads a file as CommonJS: by its extension, else by the nearest package.json's "type". */
import { readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

export function isCommonJs(file: string): boolean {
  const extension = extname(file);
  if (extension === '.cts' || extension === '.cjs') return true;
  if (extension === '.mts' || extension === '.mjs') return false;
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const type = packageTypeIn(dir);
    if (type !== null) return type !== 'module';
    if (dirname(dir) === dir) return true;
  }
}

/** The "type" of dir/package.json (undefined when it has none), or null without a readable one. */
function packageTypeIn(dir: string): string | undefined | null {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { type?: unknown };
    return typeof manifest.type === 'string' ? manifest.type : undefined;
  } catch {
    return null;
  }
}
