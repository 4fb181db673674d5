/**
 * apply, diff and destroy from the command line, on the built-in local cloud kept in a state file,
 * with io that is not a terminal (CI logs, pipes).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import colorMeshBuilder from '../../examples/color-mesh.js';
import { COLOR_MESH, cli, localCloudFiles } from './fixtures/run-cli.js';

const planIds = colorMeshBuilder.plan().resources.map((r) => r.id);
const total = planIds.length;

/** The `  <outcome> <id>` lines, as [outcome, id] pairs. */
function resourceLines(out: string): [string, string][] {
  return [...out.matchAll(/^ {2}(\S+) +(\S+)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']);
}

describe('appmesh-builder apply, diff, destroy --local', () => {
  it('apply creates every resource; separate runs then see them through the state file', async () => {
    const cloud = localCloudFiles();
    const args = [COLOR_MESH, ...cloud.flags];

    const first = await cli(['apply', ...args]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const created = resourceLines(first.out);
    expect(created.map(([, id]) => id).sort()).toEqual([...planIds].sort());
    expect(new Set(created.map(([outcome]) => outcome))).toEqual(new Set(['created']));
    expect(first.out).toMatch(new RegExp(`^${total} created\\n$`, 'm'));
    // Not a terminal: plain lines only, no status line redrawn in place.
    expect(first.out).not.toContain('\x1b');
    expect(first.out).not.toContain('\r');

    const second = await cli(['apply', ...args]);
    expect(second.code).toBe(0);
    const again = resourceLines(second.out);
    expect(again).toHaveLength(total);
    expect(new Set(again.map(([outcome]) => outcome))).toEqual(new Set(['unchanged']));
    expect(second.out).toMatch(new RegExp(`^${total} unchanged\\n$`, 'm'));

    const unchanged = await cli(['diff', ...args]);
    expect(unchanged.code).toBe(0);
    expect(unchanged.out).toContain(`0 to create, 0 to update, ${total} unchanged.`);

    const destroyed = await cli(['destroy', ...args]);
    expect(destroyed.err).toBe('');
    expect(destroyed.code).toBe(0);
    expect(destroyed.out).toMatch(new RegExp(`^${total} deleted\\n$`, 'm'));

    const empty = await cli(['diff', ...args]);
    expect(empty.code).toBe(0);
    expect(empty.out).toContain(`${total} to create, 0 to update, 0 unchanged.`);
    expect(resourceLines(empty.out).map(([action, id]) => `${action} ${id}`)).toEqual(
      planIds.map((id) => `create ${id}`),
    );
  });

  it('makes the folder of a state file that does not exist yet (as the default .appmesh-builder/ is)', async () => {
    const cloud = localCloudFiles();
    const state = join(dirname(cloud.state), 'not-yet', 'local-cloud.json');
    const result = await cli(['diff', COLOR_MESH, '--local', '--state', state, '--journal', cloud.journal]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(state)).toBe(true);
  });
});
