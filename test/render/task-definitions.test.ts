import { mkdtempSync, readFileSync, statSync } from 'node:fs';
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
    expect(statSync(join(dir, 'run.sh')).mode & 0o111).toBe(0o111);
    expect(statSync(join(dir, 'a/b.json')).mode & 0o111).toBe(0);
  });

  it('refuses paths that leave the output folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'appmesh-write-'));
    await expect(writeFiles(dir, [{ path: '../escape.json', contents: '' }])).rejects.toThrow(/outside/);
  });
});
