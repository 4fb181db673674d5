/** The progress display of the executor commands when stdout is a terminal. */
import { describe, expect, it } from 'vitest';
import colorMeshBuilder from '../../examples/color-mesh.js';
import { COLOR_MESH, cli, localCloudFiles } from './fixtures/run-cli.js';

const total = colorMeshBuilder.plan().resources.length;
/** Back to the line's start, then erase it: how the status line is redrawn in place. */
const CLEAR_LINE = '\r\x1b[K';

describe('appmesh-builder progress on a terminal', () => {
  it('apply redraws a status line in place and clears it before the summary', async () => {
    const cloud = localCloudFiles();
    const result = await cli(['apply', COLOR_MESH, ...cloud.flags], { isTerminal: true });
    expect(result.code).toBe(0);
    expect(result.out).toContain(`${CLEAR_LINE}[0/${total}] read `);
    expect(result.out).toContain(`${CLEAR_LINE}[${total}/${total}]`);
    // Each finished resource still gets its own line, started on a cleared line.
    expect(result.out).toContain(`${CLEAR_LINE}  created    mesh/color-mesh\n`);
    expect(result.out).toMatch(new RegExp(`\\r\\x1b\\[K${total} created\\n$`));

    // diff on a terminal: the listing starts on a cleared line, not after the reads' status.
    const diffed = await cli(['diff', COLOR_MESH, ...cloud.flags], { isTerminal: true });
    expect(diffed.code).toBe(0);
    const listing = diffed.out.slice(diffed.out.lastIndexOf(CLEAR_LINE) + CLEAR_LINE.length);
    expect(listing).toMatch(/^ {2}unchanged +\S+\n/);
    expect(listing).not.toContain('\x1b');
    expect(listing).toContain(`0 to create, 0 to update, ${total} unchanged.`);
  });
});
