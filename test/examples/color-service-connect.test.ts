/**
 * `npm run color-service-connect`: the color tutorial moved to Service Connect on the local cloud,
 * every check next to App Mesh's answer, the behaviour diff, destroy. One process, started from
 * the bundle of the example that the tests' global setup builds (test/support/build-children.ts):
 * the same code as tsx runs, without transpiling every source at start. That tsx runs the examples
 * as `npm run` does is tested by color-mesh.test.ts.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { childArgs } from '../support/child-scripts.js';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const cwd = mkdtempSync(join(tmpdir(), 'color-service-connect-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('examples/color-service-connect.ts', () => {
  it('is what `npm run color-service-connect` runs', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['color-service-connect']).toBe('tsx examples/color-service-connect.ts');
  });

  it('applies the Service Connect plan, answers each check as planned next to App Mesh, diffs, destroys', async () => {
    const { stdout } = await run(process.execPath, childArgs('color-service-connect'), {
      cwd,
      // For tsx, when the file runs without the global setup's bundle.
      env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') },
      timeout: 60_000,
    });
    expect(stdout).toContain('Mesh color-mesh: 24 resources.');
    expect(stdout.match(/^ {2}created /gm)).toHaveLength(24);
    expect(stdout.match(/^ {2}deleted /gm)).toHaveLength(24);
    expect(stdout).not.toContain('FAIL');
    expect(stdout.match(/^ {2}ok /gm)).toHaveLength(4);
    // What differs, and why: the allow-list is gone, the 4:1 split is not expressible, no gateway.
    expect(stdout).toMatch(
      /ok {3}\(red\) \$ curl blue\.colors\.local\n +blue\n +App Mesh: fails \(EGRESS_DENIED\)\. Differs: Service Connect has no backends allow-list/,
    );
    expect(stdout).toMatch(
      /green 100\.0%\n +App Mesh: green 8\d\.\d%, yellow 1\d\.\d%\. Differs: Service Connect cannot split traffic/,
    );
    expect(stdout).toContain('Differs: Service Connect has no gateway');
    expect(stdout).toMatch(/^red +http:\/\/router\.colors\.local\/ +different-distribution/m);
    expect(stdout).toContain('Service Connect answered every check as the plan says it would.');
    expect(readdirSync(join(cwd, 'out/color-service-connect/task-definitions')).sort()).toEqual([
      'blue-sc.json',
      'green-sc.json',
      'red-sc.json',
      'yellow-sc.json',
    ]);
    expect(existsSync(join(cwd, 'out/color-service-connect/apply.sh'))).toBe(true);
  });
});
