import { chmodSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { colorMesh, exampleParams } from '../../examples/color-mesh.js';
import { isMeshError, type PlanValidationError } from '../../src/errors/mesh-error.js';
import { withFamilyPrefix } from '../../src/plan/family-prefix.js';
import type { PlannedResource } from '../../src/plan/resource.js';
import { renderAll } from '../../src/render/render-all.js';
import { renderTaskDefinitions, renderTaskDefinitionsAlone } from '../../src/render/task-definitions.js';
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

describe("the full render's task definitions", () => {
  it('are the stand-alone files, role ARNs written out: the apply script looks up no role', () => {
    const files = new Map(renderAll(colorPlan).map((f) => [f.path, f.contents]));
    for (const family of ['blue', 'color-gateway', 'green', 'red', 'yellow']) {
      const cliInput = JSON.parse(files.get(`03c-${family}-td.json`) ?? '{}');
      expect(cliInput).toEqual(JSON.parse(files.get(`task-definitions/${family}.json`) ?? ''));
    }
    expect(files.get('apply.sh')).not.toContain('iam get-role');
  });
});

describe('renderTaskDefinitionsAlone (render --task-definitions-only)', () => {
  const files = renderTaskDefinitionsAlone(colorPlan);
  const readme = files.find((f) => f.path === 'README.txt')?.contents ?? '';

  it('adds a README.txt naming every role, log group and App Mesh resource the files name', () => {
    expect(files.map((f) => f.path)).toEqual([
      'README.txt',
      'blue.json',
      'color-gateway.json',
      'green.json',
      'red.json',
      'yellow.json',
    ]);
    for (const file of files.filter((f) => f.path.endsWith('.json'))) {
      const task = JSON.parse(file.contents);
      expect(readme).toContain(`IAM role ${task.taskRoleArn} (task role of ${task.family};`);
      expect(readme).toContain(`IAM role ${task.executionRoleArn} (execution role of`);
      for (const container of task.containerDefinitions) {
        const { options } = container.logConfiguration;
        expect(readme).toContain(
          `CloudWatch Logs group ${options['awslogs-group']} in ${options['awslogs-region']}`,
        );
        const envoyArn = container.environment?.find(
          (e: { name: string }) => e.name === 'APPMESH_RESOURCE_ARN',
        )?.value;
        if (envoyArn !== undefined) expect(readme).toContain(`App Mesh ${envoyArn} (served by the Envoy of`);
      }
    }
  });

  it("says what each role must allow: the plan's trust and policies", () => {
    expect(readme).toContain(
      'IAM role arn:aws:iam::123456789012:role/color-mesh-execution-role (execution role of blue, ' +
        'color-gateway, green, red, yellow; trusts ecs-tasks.amazonaws.com; inline create-log-group, ' +
        'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy)',
    );
    expect(readme).toContain(
      'IAM role arn:aws:iam::123456789012:role/color-mesh-red-task-role (task role of red; ' +
        'trusts ecs-tasks.amazonaws.com; inline appmesh-envoy-access, inline ecs-exec)',
    );
  });
});

describe('familyPrefix', () => {
  const families = (files: readonly { path: string; contents: string }[]) =>
    files.filter((f) => f.path.endsWith('.json')).map((f) => JSON.parse(f.contents).family);

  it('prefixes every family of the stand-alone task definitions, and their file names', () => {
    const files = renderTaskDefinitionsAlone(colorPlan, { familyPrefix: 'team-a-' });
    expect(files.map((f) => f.path)).toEqual([
      'README.txt',
      'team-a-blue.json',
      'team-a-color-gateway.json',
      'team-a-green.json',
      'team-a-red.json',
      'team-a-yellow.json',
    ]);
    expect(families(files)).toEqual(files.slice(1).map((f) => f.path.replace('.json', '')));
    expect(files[0]?.contents).toContain('task role of team-a-red;');
  });

  it('prefixes them in the full render too: task definition files and the services that run them', () => {
    const files = renderAll(colorPlan, { familyPrefix: 'team-a-' });
    const text = files.map((f) => f.contents).join('\n');
    expect(text).not.toMatch(/"family": "(?!team-a-)/);
    expect(files.map((f) => f.path)).toContain('03c-team-a-red-td.json');
    expect(files.map((f) => f.path)).toContain('task-definitions/team-a-red.json');
    const apply = files.find((f) => f.path === 'apply.sh')?.contents ?? '';
    expect(apply).toContain('ecs describe-task-definition --task-definition team-a-red');
    expect(apply).not.toMatch(/--task-definition (?!team-a-)/);
  });

  it('keeps the plan whole: the ECS service of red depends on and references the prefixed family', () => {
    const prefixed = withFamilyPrefix(colorPlan, 'team-a-');
    const ids = new Set(prefixed.resources.map((r) => r.id));
    for (const r of prefixed.resources) for (const id of r.dependsOn) expect(ids).toContain(id);
    const red = prefixed.resources.find((r) => r.id === 'ecs/cluster/color-cluster/service/red');
    expect(red?.dependsOn).toContain('ecs/taskDefinition/team-a-red');
    expect(JSON.stringify(red?.input)).toContain('ecs/taskDefinition/team-a-red#arn');
    expect(prefixed.resources.map((r) => r.id)).not.toContain('ecs/taskDefinition/red');
  });

  it("refuses what ECS refuses in a family: other characters, or more than 255 with the task's name", () => {
    const refusal = (prefix: string) => {
      try {
        withFamilyPrefix(colorPlan, prefix);
        return undefined;
      } catch (error) {
        expect(isMeshError(error)).toBe(true);
        return (error as PlanValidationError).issues.map((i) => [i.code, i.path]);
      }
    };
    expect(refusal('team a/')).toEqual([['INVALID_NAME', 'familyPrefix']]);
    // color-gateway is the longest family: 13 characters.
    expect(refusal('x'.repeat(255 - 13))).toBeUndefined();
    expect(refusal('x'.repeat(256 - 13))).toEqual([['INVALID_NAME', 'ecs/taskDefinition/color-gateway']]);
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
