/** The command line itself: --version, and arguments it cannot read, said in one sentence. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    [['render', COLOR_MESH, '--out', '--json'], '--out needs a value.'],
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
