/**
 * `npm run color-mesh`, the README's first command, must work on a fresh machine without AWS:
 * the whole tutorial on the local cloud.
 * (That the example builds exactly the tutorial's definition is tested in test/builder.)
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

describe('examples/color-mesh.ts', () => {
  it('runs the whole tutorial on the local cloud: plan, files, apply, every curl check, destroy', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'color-mesh-'));
    try {
      const loader = join(root, 'node_modules/tsx/dist/loader.mjs');
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', loader, join(root, 'examples/run-color-mesh.ts')],
        { cwd: scratch, timeout: 60_000 },
      );
      expect(stdout).toContain('Mesh color-mesh: 54 resources.');
      expect(stdout).toContain('mesh/color-mesh/virtualRouter/color-router/route/color-route');
      // Every resource created, every check of the tutorial answered as the tutorial says, all destroyed.
      expect(stdout.match(/^ {2}created /gm)).toHaveLength(54);
      expect(stdout.match(/^ {2}deleted /gm)).toHaveLength(54);
      expect(stdout).not.toContain('FAIL');
      expect(stdout.match(/^ {2}ok /gm)).toHaveLength(8);
      expect(stdout).toContain('Every tutorial check passed.');
      const out = join(scratch, 'out/color-mesh');
      expect(existsSync(join(out, 'apply.sh'))).toBe(true);
      expect(existsSync(join(out, '01a-namespace.json'))).toBe(true);
      expect(readdirSync(join(out, 'task-definitions')).sort()).toEqual([
        'blue.json',
        'color-gateway.json',
        'green.json',
        'red.json',
        'yellow.json',
      ]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
