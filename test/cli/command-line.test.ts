/** The command line itself: --version, and arguments it cannot read, said in one sentence. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mesh } from '../../src/index.js';
import { COLOR_MESH, cli, REPO } from './fixtures/run-cli.js';

const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };

describe('appmesh-builder --version', () => {
  it('prints the version of the package and exits 0, as --version and as -v', async () => {
    for (const flag of ['--version', '-v']) {
      expect(await cli([flag])).toEqual({ code: 0, out: `${version}\n`, err: '' });
    }
  });

  it('is listed in --help', async () => {
    expect((await cli(['--help'])).out).toMatch(/^ {2}-v, --version {2,}\S/m);
  });
});

describe('arguments the command cannot read', () => {
  const cases: [string[], string][] = [
    [['plan', COLOR_MESH, '--jsn'], 'unknown option --jsn.'],
    [['plan', COLOR_MESH, '-x'], 'unknown option -x.'],
    [['render', COLOR_MESH, '--out'], '--out needs a value.'],
    [['render', COLOR_MESH, '--out', '--json'], '--out needs a value (if it is --json, write --out=--json).'],
    [['plan', COLOR_MESH, '--json=yes'], '--json takes no value.'],
  ];
  for (const [argv, sentence] of cases) {
    it(`${argv.slice(2).join(' ')}: one sentence naming the option, the usage hint, exit 2`, async () => {
      expect(await cli(argv)).toEqual({
        code: 2,
        out: '',
        err: `appmesh-builder: ${sentence} Run appmesh-builder --help for usage.\n`,
      });
    });
  }
});

describe('the default journal', () => {
  it('is named after the plan, as --help and docs/cli.md say', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'appmesh-cli-journal-'));
    const module = join(dir, 'team-a.ts');
    writeFileSync(
      module,
      `export default ${JSON.stringify(mesh('shared-mesh', { plan: 'team-a' }).plan())};\n`,
    );
    const result = await cli(['apply', module, '--local', '--state', join(dir, 'cloud.json')]);
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, 'team-a.local.journal.jsonl'))).toBe(true);

    const help = (await cli(['--help'])).out.replace(/\s+/g, ' ');
    const docs = readFileSync(join(REPO, 'docs/cli.md'), 'utf8').replace(/\s+/g, ' ');
    for (const text of [help, docs]) {
      expect(text).toContain('.appmesh-builder/<plan>.journal.jsonl');
      expect(text).toContain('<state folder>/<plan>.local.journal.jsonl');
    }
  });
});
