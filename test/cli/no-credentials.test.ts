/**
 * Without AWS credentials, the executor commands stop before the first resource with one message
 * that says how to give them, and write nothing. The SDK looks in an empty environment: no AWS_*
 * variables, shared files that do not exist, no instance metadata; nothing leaves the process.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, mesh } from '../../src/index.js';
import { scratchDir } from '../execute/support/journal-files.js';
import { cli } from './fixtures/run-cli.js';

const scratch = scratchDir('cli-no-credentials');
// A ready plan, written out: the module imports nothing, so loading it costs nothing.
const plan = mesh('no-credentials').plan();
const planModule = join(scratch.dir, 'plan.ts');
writeFileSync(planModule, `export default ${JSON.stringify(plan)};\n`);
const savedEnv = { ...process.env };

beforeAll(() => {
  // All but the SDK's Node support warning switch, which the test run sets (vitest.config.ts).
  for (const name of Object.keys(process.env))
    if (name.startsWith('AWS_') && name !== 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED')
      delete process.env[name];
  Object.assign(process.env, {
    AWS_SHARED_CREDENTIALS_FILE: join(scratch.dir, 'no-credentials-file'),
    AWS_CONFIG_FILE: join(scratch.dir, 'no-config-file'),
    AWS_EC2_METADATA_DISABLED: 'true',
  });
});

afterAll(() => {
  // In place: the files after this one in the same worker keep the same process.env.
  for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
  Object.assign(process.env, savedEnv);
  scratch.remove();
});

describe('no AWS credentials', () => {
  for (const command of ['apply', 'diff', 'destroy', 'rollback']) {
    it(`${command} stops before the first resource, says how to give them, exits 1 and writes nothing`, async () => {
      const folder = join(scratch.caseDir(), '.appmesh-builder');
      const result = await cli([
        command,
        planModule,
        '--region',
        'us-east-1',
        '--journal',
        join(folder, 'j.jsonl'),
      ]);
      expect(result.code).toBe(1);
      expect(result.out).toBe('');
      expect(result.err.trim().split('\n')).toHaveLength(1);
      expect(result.err).toMatch(/^No AWS credentials found \(.+\); nothing was done\./);
      expect(result.err).toContain('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
      expect(result.err).toContain('--profile <name>');
      expect(result.err).toContain('--local');
      expect(existsSync(folder)).toBe(false);
    });
  }

  it('apply() returns the NO_CREDENTIALS error and no resource results', async () => {
    const dir = scratch.caseDir();
    const result = await apply(plan, {
      clientConfig: { region: 'us-east-1' },
      journalPath: join(dir, 'journal.jsonl'),
    });
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('NO_CREDENTIALS');
    expect(result.results).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('apply() without a journal returns the same error, before any resource', async () => {
    const result = await apply(plan, { clientConfig: { region: 'us-east-1' } });
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('NO_CREDENTIALS');
    expect(result.results).toEqual([]);
  });
});
