/**
 * Ctrl-C during `appmesh-builder apply`: the first one stops gently (nothing new starts, what is in
 * flight finishes and is journaled) and the process exits 130 saying how to resume or roll back;
 * the printed resume command then finishes the apply. A second Ctrl-C exits at once.
 */
import { describe, expect, it } from 'vitest';
import { createLocalCloud } from '../../src/local/local-cloud.js';
import { sameCloud } from '../execute/support/snapshot-invariants.js';
import { cli, localCloudFiles } from './fixtures/run-cli.js';
import { SLOW_MESH, spawnCli } from './fixtures/spawn-cli.js';

const snapshotOf = (stateFile: string) => createLocalCloud({ stateFile }).snapshot();
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('Ctrl-C during apply --local', () => {
  it('the first one exits 130 with the resume and rollback commands; resume then reaches a clean apply', async () => {
    const files = localCloudFiles();
    const run = spawnCli(['apply', SLOW_MESH, ...files.flags, '--concurrency', '1']);
    await run.firstLine;
    run.child.kill('SIGINT');
    const ended = await run.ended;

    expect(ended.signal).toBeNull();
    expect(ended.code).toBe(130);
    expect(ended.err).toContain('stopping: nothing new starts');
    expect(ended.err).toContain(`Stopped: what was in flight finished and is recorded in ${files.journal}.`);
    expect(ended.out).toMatch(/\d+ skipped/);
    // Commands the user can copy as they are (soft: the resume below is checked either way).
    const again = `${SLOW_MESH} ${files.flags.join(' ')} --concurrency 1`;
    expect
      .soft(ended.err)
      .toMatch(new RegExp(`^ {2}Continue: appmesh-builder resume ${literal(again)}$`, 'm'));
    expect
      .soft(ended.err)
      .toMatch(new RegExp(`^ {2}Undo: +appmesh-builder rollback ${literal(again)}$`, 'm'));

    const resumed = await cli(['resume', SLOW_MESH, ...files.flags, '--concurrency', '1']);
    expect(resumed.err).toBe('');
    expect(resumed.code).toBe(0);

    const clean = localCloudFiles();
    expect((await cli(['apply', SLOW_MESH, ...clean.flags])).code).toBe(0);
    expect(sameCloud(snapshotOf(clean.state), snapshotOf(files.state), 'after resume')).toEqual([]);
  }, 90_000);

  it('a second one exits at once, with 130', async () => {
    const files = localCloudFiles();
    const run = spawnCli(['apply', SLOW_MESH, ...files.flags, '--concurrency', '1']);
    await run.firstLine;
    run.child.kill('SIGINT');
    await run.errContains('Ctrl-C again to exit at once');
    const secondAt = Date.now();
    run.child.kill('SIGINT');
    const ended = await run.ended;
    expect(ended.signal).toBeNull();
    expect(ended.code).toBe(130);
    expect(Date.now() - secondAt).toBeLessThan(2_000);
  }, 60_000);
});
