/**
 * `npm run color-vpc-lattice`: the color tutorial with its nodes on Service Connect, its router on
 * VPC Lattice and its gateway on an ALB, on the local cloud: every routing check answered as App
 * Mesh answers it, each live weight change written as the two rules that carry the weights and a
 * second apply writing nothing, the gateway's routes through the ALB, the diff, destroy. One
 * process, started from the bundle the tests' global setup builds (see color-service-connect.test.ts).
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
const cwd = mkdtempSync(join(tmpdir(), 'color-vpc-lattice-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** The share of `color` in a `green 80.2%, yellow 19.8%` line: 0 when the line does not name it. */
function share(line: string, color: string): number {
  expect(line).toMatch(/^(?:[a-z]+ \d+\.\d%(?:, |$| ))+/);
  return Number(new RegExp(`${color} (\\d+\\.\\d)%`).exec(line)?.[1] ?? 0);
}

describe('examples/color-vpc-lattice.ts', () => {
  it('is what `npm run color-vpc-lattice` runs', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['color-vpc-lattice']).toBe('tsx examples/color-vpc-lattice.ts');
  });

  it('keeps the routes: the 4:1 split, live weight changes of one rule per layer, the gateway through the ALB', async () => {
    const { stdout } = await run(process.execPath, childArgs('color-vpc-lattice'), {
      cwd,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') },
      timeout: 60_000,
    });
    const resources = Number(/^Mesh color-mesh: (\d+) resources\./m.exec(stdout)?.[1]);
    // Everything but the referenced prefix list is created, and destroyed again.
    expect(stdout.match(/^ {2}created /gm)).toHaveLength(resources - 1);
    expect(stdout.match(/^ {2}deleted /gm)).toHaveLength(resources - 1);
    expect(stdout).toMatch(/^ {2}referenced +ec2\/managedPrefixList\//m);
    expect(stdout).not.toContain('FAIL');
    expect(stdout).toContain('Every check answered as the plan says it would.');

    // Each split answered as App Mesh answers it, from the same seed.
    const splits = [...stdout.matchAll(/# 10000 requests\n +(.+)\n +App Mesh: (.+)/g)];
    expect(splits).toHaveLength(4);
    for (const [, lattice, appMesh] of splits) {
      for (const color of ['green', 'yellow'])
        expect(Math.abs(share(lattice ?? '', color) - share(appMesh ?? '', color))).toBeLessThanOrEqual(2);
    }
    expect(share(splits[0]?.[1] ?? '', 'green')).toBeGreaterThan(78);
    expect(splits[1]?.[1]).toMatch(/^yellow 100\.0%/);

    // A weight change writes the Lattice rule and the ALB rule that carries the router's weights; again, nothing.
    expect(stdout.match(/^ {2}apply: (.+)$/gm)).toEqual([
      '  apply: elbv2:ModifyRule, vpcLattice:UpdateRule',
      '  apply: elbv2:ModifyRule, vpcLattice:UpdateRule',
    ]);
    expect(stdout.match(/^ {2}ok {3}apply again: no write$/gm)).toHaveLength(2);

    // The gateway's two routes through the ALB.
    expect(stdout).toMatch(/ok {3}\(internet\) \$ curl http:\/\/<alb>\/\n +blue\n +App Mesh: blue/);
    expect(stdout).toMatch(/ok {3}\(internet\) \$ curl http:\/\/<alb>\/router {3}# 10000 requests/);

    // What still differs is the allow-list, which Service Connect does not have; the split is not a difference.
    expect(stdout).toMatch(/Differs: blue stays on Service Connect, which has no backends allow-list/);
    expect(stdout).not.toMatch(/^red +http:\/\/router\.colors\.local\/ +different-distribution/m);
    expect(stdout).toMatch(/^red +http:\/\/blue\.colors\.local\/ +newly-reachable/m);

    expect(readdirSync(join(cwd, 'out/color-vpc-lattice/task-definitions')).sort()).toEqual([
      'blue-sc.json',
      'green-sc.json',
      'red-sc.json',
      'yellow-sc.json',
    ]);
    expect(existsSync(join(cwd, 'out/color-vpc-lattice/apply.sh'))).toBe(true);
  });
});
