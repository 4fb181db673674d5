/** The executor commands refuse what they cannot do before touching any cloud, and say why. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLOR_MESH, cli, localCloudFiles, REPO } from './fixtures/run-cli.js';

const INVALID_MESH = join(REPO, 'test/cli/fixtures/route-to-undeclared-node.ts');

describe('appmesh-builder executor commands: refusals', () => {
  it('an invalid mesh exits 2 and calls no AWS API: the local cloud is never even made', async () => {
    for (const command of ['apply', 'diff', 'destroy']) {
      const cloud = localCloudFiles();
      const result = await cli([command, INVALID_MESH, ...cloud.flags]);
      expect(result.code).toBe(2);
      expect(result.err).toContain('UNKNOWN_ROUTE_TARGET');
      expect(result.err).toContain('"purple"');
      expect(result.out).toBe('');
      // The local cloud writes its state file when it is made, before any call.
      expect(cloud.stateExists()).toBe(false);
    }
  });

  it('a mesh Service Connect cannot compile, or an unknown target, exits 2 before the local cloud is made', async () => {
    const tlsWithoutCa = join(REPO, 'test/cli/fixtures/tls-without-ca.ts');
    for (const args of [
      ['apply', tlsWithoutCa, '--target', 'service-connect'],
      ['destroy', tlsWithoutCa, '--target', 'service-connect'],
      ['apply', COLOR_MESH, '--target', 'lattice'],
    ]) {
      const cloud = localCloudFiles();
      const result = await cli([...args, ...cloud.flags]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.err).toMatch(
        /UNSUPPORTED_BY_TARGET mesh\/secure\/virtualNode\/pay listeners\[0\]\.tls|--target: expected one of/,
      );
      expect(cloud.stateExists()).toBe(false);
    }
  });

  it('resume with no interrupted apply exits non-zero and says so', async () => {
    const cloud = localCloudFiles();
    const result = await cli(['resume', COLOR_MESH, ...cloud.flags]);
    expect(result.code).not.toBe(0);
    expect(result.err).toContain(`${cloud.journal} ends with no interrupted apply to resume.`);
    // The state file exists once the cloud is made: its absence above means no cloud, no call.
    expect(cloud.stateExists()).toBe(true);
  });

  it('--local with --endpoint, and --concurrency 0, exit 2 before anything runs', async () => {
    const cloud = localCloudFiles();
    const both = await cli(['apply', COLOR_MESH, ...cloud.flags, '--endpoint', 'http://127.0.0.1:5000']);
    expect(both.code).toBe(2);
    expect(both.err).toContain('--local and --endpoint exclude each other');

    const zero = await cli(['apply', COLOR_MESH, ...cloud.flags, '--concurrency', '0']);
    expect(zero.code).toBe(2);
    expect(zero.err).toContain('--concurrency: expected an integer >= 1, received 0');

    expect(cloud.stateExists()).toBe(false);
  });
});
