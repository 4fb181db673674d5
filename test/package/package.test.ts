/**
 * What `npm install appmesh-builder` gets: the tarball npm packs from a clean checkout plus a build,
 * its license, its docs, and links in README.md and docs/ that work outside this repository.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { build, type Options } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import tsupConfig from '../../tsup.config.js';

const REPO = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
/** What a clean checkout does not have: .git, and what .gitignore names (by name, or `*.ext`). */
const ignored = readFileSync(join(REPO, '.gitignore'), 'utf8')
  .split('\n')
  .map((line) => line.trim().replace(/\/$/, ''))
  .filter((line) => line !== '' && !line.startsWith('#'));
function inCheckout(path: string): boolean {
  const name = path.split(/[\\/]/).pop() ?? '';
  if (name === '.git') return false;
  return !ignored.some((entry) =>
    entry.startsWith('*') ? name.endsWith(entry.slice(1)) : name === entry.split('/').pop(),
  );
}
const docs = readdirSync(join(REPO, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => `docs/${name}`);

let packed: string[] = [];
const work = mkdtempSync(join(tmpdir(), 'appmesh-package-'));

beforeAll(async () => {
  // The checkout, built with the project's own build settings (types left out: tsc is slow, and
  // the types are checked by attw in CI), then listed by npm as it would pack it.
  const checkout = join(work, 'appmesh-builder');
  cpSync(REPO, checkout, {
    recursive: true,
    filter: inCheckout,
  });
  await build({
    ...(tsupConfig as Options),
    dts: false,
    outDir: join(checkout, 'dist'),
    silent: true,
    config: false,
  });
  const [report] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: checkout,
      encoding: 'utf8',
    }),
  ) as [{ files: { path: string }[] }];
  packed = report.files.map((file) => file.path);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the package', () => {
  it('ships the README, the LICENSE and every page of docs/', () => {
    expect(packed).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', ...docs]));
  });

  it('ships the command and every entry point package.json names', () => {
    const entries = [
      manifest.main,
      manifest.module,
      ...Object.values(manifest.bin as Record<string, string>),
    ];
    for (const condition of Object.values(manifest.exports['.'] as Record<string, { default: string }>))
      entries.push(condition.default);
    expect(packed).toEqual(expect.arrayContaining(entries.map((path: string) => relative('.', path))));
  });

  it('does not ship a CommonJS copy of the command, which nothing runs', () => {
    expect(packed.filter((path) => path.startsWith('dist/cli'))).toEqual(['dist/cli.js']);
  });

  it('carries the full Apache License 2.0 that its license field names', () => {
    expect(manifest.license).toBe('Apache-2.0');
    const license = readFileSync(join(REPO, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004\s/);
    expect(license).toContain('TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION');
    expect(license).toContain('END OF TERMS AND CONDITIONS');
  });

  it('says where it comes from: repository, homepage and bug tracker', () => {
    const repository = 'https://github.com/appmesh-builder/appmesh-builder';
    expect(manifest.repository).toEqual({ type: 'git', url: `git+${repository}.git` });
    expect(manifest.homepage).toBe(`${repository}#readme`);
    expect(manifest.bugs).toEqual({ url: `${repository}/issues` });
  });
});

describe('links in README.md and docs/', () => {
  for (const page of ['README.md', ...docs]) {
    it(`${page}: every link is absolute or leads to a shipped file (and heading)`, () => {
      const text = prose(readFileSync(join(REPO, page), 'utf8'));
      const broken: string[] = [];
      for (const [, target = ''] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^https:\/\//.test(target)) continue;
        const [path = '', anchor] = target.split('#');
        const file = path === '' ? page : relative(REPO, resolve(REPO, dirname(page), path));
        if (!packed.includes(file)) broken.push(`${target}: ${file} is not in the package`);
        else if (anchor !== undefined && !headingsOf(file).includes(anchor))
          broken.push(`${target}: no heading #${anchor} in ${file}`);
      }
      expect(broken).toEqual([]);
    });
  }
});

/** The text outside code blocks and code spans: what a reader sees as prose, links and headings. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** The anchors GitHub and npm give a page's headings. */
function headingsOf(file: string): string[] {
  return [...prose(readFileSync(join(REPO, file), 'utf8')).matchAll(/^#{1,6} (.+)$/gm)].map(
    ([, title = '']) =>
      title
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
  );
}
