/**
 * Two CLI runs on one local cloud state file: the state file is locked for a run, so the second
 * run (another mesh, with its own journal) is refused, naming the first, instead of each one
 * overwriting the other's writes.
 */
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import colorMeshBuilder from '../../examples/color-mesh.js';
import { COLOR_MESH, cli, localCloudFiles } from './fixtures/run-cli.js';
import { SLOW_MESH, spawnCli } from './fixtures/spawn-cli.js';

describe('two CLI runs on one --state file', () => {
  it('the second is refused naming the first; the state keeps what the first made; then both meshes live side by side', async () => {
    const { state } = localCloudFiles();
    const local = ['--local', '--state', state];
    // The mesh module, the executor and the SDK loaded once beforehand (this process keeps them), so
    // that the second run reaches the lock at once, also when this file is the first its worker runs.
    expect((await cli(['diff', COLOR_MESH, '--local', '--state', localCloudFiles().state])).code).toBe(0);
    const first = spawnCli(['apply', SLOW_MESH, ...local, '--concurrency', '1']);
    await first.firstLine;

    const second = await cli(['apply', COLOR_MESH, ...local]);
    expect(second.code).not.toBe(0);
    expect(second.err).toContain(`${state}.lock is held by appmesh-builder apply ${SLOW_MESH}`);
    expect(second.err).toContain(`(pid ${first.child.pid} on ${hostname()}`);

    const ended = await first.ended;
    expect(ended.err).not.toMatch(/error/i);
    expect(ended.code).toBe(0);
    const slowTotal = Number(ended.out.match(/^(\d+) created$/m)?.[1]);
    expect(slowTotal).toBeGreaterThan(0);

    // Now one after the other: each finds the other's resources in place.
    expect((await cli(['apply', COLOR_MESH, ...local])).code).toBe(0);
    const slow = await cli(['diff', SLOW_MESH, ...local]);
    expect(slow.out).toContain(`0 to create, 0 to update, ${slowTotal} unchanged.`);
    const color = await cli(['diff', COLOR_MESH, ...local]);
    const colorTotal = colorMeshBuilder.plan().resources.length;
    expect(color.out).toContain(`0 to create, 0 to update, ${colorTotal} unchanged.`);
  }, 90_000);
});
