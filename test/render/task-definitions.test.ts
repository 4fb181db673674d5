import { chmodSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { colorMesh, exampleParams } from '../../examples/color-mesh.js';
import type { PlannedResource } from '../../src/plan/resource.js';
import { renderTaskDefinitions } from '../../src/render/task-definitions.js';
import { writeFiles } from '../../src/render/write-files.js';
import { colorPlan } from './color-plan.js';

describe('renderTaskDefinitions', () => {
  it('writes one <family>.json per task with the RegisterTaskDefinition input', () => {
    const files = renderTaskDefinitions(colorPlan);
    expect(files.map((f) => f.path)).toEqual([
      'blue.json',
      'color-gateway.json',
      'green.json',
      'red.json',
      'yellow.json',
    ]);
    const red = JSON.parse(files.find((f) => f.path === 'red.json')?.contents ?? '{}');
    const planned = colorPlan.resources.find(
      (r): r is PlannedResource<'taskDefinition'> => r.kind === 'taskDefinition' && r.input.family === 'red',
    );
    // The planned input, but for the two role references, which are written out (next test).
    const roles = {
      taskRoleArn: planned?.input.taskRoleArn,
      executionRoleArn: planned?.input.executionRoleArn,
    };
    expect({ ...red, ...roles }).toEqual(JSON.parse(JSON.stringify(planned?.input)));
    expect(red.family).toBe('red');
    expect(red.proxyConfiguration.type).toBe('APPMESH');
  });

  it("writes the ARNs of the plan's roles, so the files register as they are", () => {
    const red = JSON.parse(
      renderTaskDefinitions(colorPlan).find((f) => f.path === 'red.json')?.contents ?? '{}',
    );
    expect(red.taskRoleArn).toBe('arn:aws:iam::123456789012:role/color-mesh-red-task-role');
    expect(red.executionRoleArn).toBe('arn:aws:iam::123456789012:role/color-mesh-execution-role');
    for (const file of renderTaskDefinitions(colorPlan)) expect(file.contents).not.toContain('{{ref:');
  });

  it('follows the partition of the region and the account of the ECS environment', () => {
    const plan = colorMesh({ ...exampleParams, region: 'cn-north-1', accountId: '210987654321' }).plan();
    const files = renderTaskDefinitions(plan);
    const red = JSON.parse(files.find((f) => f.path === 'red.json')?.contents ?? '{}');
    expect(red.taskRoleArn).toBe('arn:aws-cn:iam::210987654321:role/color-mesh-red-task-role');
  });

  it('ends each file with a newline and renders the same text twice', () => {
    const files = renderTaskDefinitions(colorPlan);
    for (const file of files) expect(file.contents.endsWith('}\n')).toBe(true);
    expect(renderTaskDefinitions(colorPlan)).toEqual(files);
  });
});

describe('writeFiles', () => {
  it('creates folders, writes the files and makes scripts executable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'appmesh-write-'));
    const written = await writeFiles(dir, [
      { path: 'a/b.json', contents: '{}\n' },
      { path: 'run.sh', contents: '#!/usr/bin/env bash\n' },
    ]);
    expect(written).toEqual([join(dir, 'a/b.json'), join(dir, 'run.sh')]);
    expect(readFileSync(join(dir, 'a/b.json'), 'utf8')).toBe('{}\n');
    expect(statSync(join(dir, 'run.sh')).mode & 0o100).toBe(0o100);
    expect(statSync(join(dir, 'a/b.json')).mode & 0o111).toBe(0);
  });

  it('writes input files 0600, scripts 0700 and the folders it creates 0700, whatever was there before', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'appmesh-write-'));
    const dir = join(parent, 'out');
    const files = [
      { path: '01a-namespace.json', contents: '{"Name":"secret"}\n' },
      { path: 'task-definitions/red.json', contents: '{"environment":[]}\n' },
      { path: 'apply.sh', contents: '#!/usr/bin/env bash\n' },
    ];
    await writeFiles(dir, files);
    const mode = (path: string) => statSync(join(dir, path)).mode & 0o777;
    expect(mode('.')).toBe(0o700);
    expect(mode('task-definitions')).toBe(0o700);
    expect(mode('01a-namespace.json')).toBe(0o600);
    expect(mode('task-definitions/red.json')).toBe(0o600);
    expect(mode('apply.sh')).toBe(0o700);
    // A render over files an older version left world-readable tightens them too.
    chmodSync(join(dir, '01a-namespace.json'), 0o644);
    chmodSync(join(dir, 'apply.sh'), 0o755);
    await writeFiles(dir, files);
    expect(mode('01a-namespace.json')).toBe(0o600);
    expect(mode('apply.sh')).toBe(0o700);
    expect(readFileSync(join(dir, '01a-namespace.json'), 'utf8')).toBe('{"Name":"secret"}\n');
  });

  it('refuses paths that leave the output folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'appmesh-write-'));
    await expect(writeFiles(dir, [{ path: '../escape.json', contents: '' }])).rejects.toThrow(/outside/);
  });
});
