/**
 * Start-up as a user meets it, in one fresh process (test/entry/support/start-up-child.ts):
 * importing the library, building, planning and rendering a mesh, and `appmesh-builder plan`,
 * load no AWS SDK client, no executor and no local cloud; a command that calls AWS prints no SDK
 * warning in the middle of its output (on Node < 22 the SDK warns when it makes its first client).
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../..');
const CHILD = join(REPO, 'test/entry/support/start-up-child.ts');

interface Report {
  readonly planCode: number;
  readonly planOut: string;
  /** Every module URL an import resolved to. */
  readonly esm: readonly string[];
  /** Every CommonJS file loaded (the SDK is CommonJS on Node, imported or required). */
  readonly cjs: readonly string[];
}

let report: Report;
/** The child's stdout and stderr in one file, in the order they were written. */
let output: string;
let exitCode: number | null;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'appmesh-start-up-'));
  const outputPath = join(dir, 'output.txt');
  const reportPath = join(dir, 'report.json');
  const fd = openSync(outputPath, 'w');
  // As a user's shell runs it: the SDK's warning is on (the test run turns it off for itself).
  const env = { ...process.env };
  delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
  delete env.NODE_NO_WARNINGS;
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, reportPath, dir], {
    cwd: REPO,
    env,
    stdio: ['ignore', fd, fd],
  });
  exitCode = await new Promise((done) => child.on('exit', done));
  closeSync(fd);
  output = readFileSync(outputPath, 'utf8');
  report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
}, 60_000);

const loaded = () => [...report.esm, ...report.cjs];

/** The executor, the local cloud and what reads a cloud: loaded by their first call only. */
const LOADED_ON_FIRST_USE = [
  '/src/execute/apply.ts',
  '/src/execute/handlers/',
  '/src/cli/execute-command.ts',
  '/src/local/local-cloud.ts',
  '/src/local/services/',
  '/src/local/simulator/read-mesh-view.ts',
  '/src/local/simulator/read-service-connect-view.ts',
];

describe('start-up', () => {
  it('import, build, plan, render and `appmesh-builder plan` load no AWS SDK, no executor and no local cloud', () => {
    expect(report.planCode).toBe(0);
    expect(report.planOut).toContain('mesh/color-mesh');
    expect(loaded().filter((path) => path.includes('/@aws-sdk/'))).toEqual([]);
    const heavy = loaded().filter((path) => LOADED_ON_FIRST_USE.some((module) => path.includes(module)));
    expect(heavy).toEqual([]);
  });

  it('`apply --local` shows no SDK warning in its output; on Node < 22 one line says it first', () => {
    expect(exitCode).toBe(0);
    expect(output).not.toContain('NodeVersionSupportWarning');
    const lines = output.split('\n').filter((line) => line !== '');
    const notices = lines.filter((line) => line.includes('has reached end of life'));
    const major = Number(process.versions.node.split('.')[0]);
    if (major < 22) {
      expect(notices).toEqual([
        `appmesh-builder: note: Node ${major} has reached end of life; AWS SDK releases from January 2027 require Node 22 or later.`,
      ]);
      expect(lines[0]).toBe(notices[0]);
    } else {
      expect(notices).toEqual([]);
    }
    expect(lines.slice(-2)).toEqual(['  created    mesh/tiny', '1 created']);
  });
});
