import { DescribeTaskDefinitionCommand, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { CreatePrivateDnsNamespaceCommand } from '@aws-sdk/client-servicediscovery';
import { describe, expect, it } from 'vitest';
import { differences } from '../../src/execute/compare.js';
import { HANDLERS } from '../../src/execute/handlers/index.js';
import type { HandlerContext } from '../../src/execute/handlers/types.js';
import { ManualClock } from '../../src/local/clock.js';
import { createLocalCloud } from '../../src/local/local-cloud.js';
import { OWNERSHIP_TAG_KEY } from '../../src/plan/names.js';
import type { ResourceInputs } from '../../src/plan/resource.js';
import { RED_TASK_DEFINITION } from '../support/handler-context.js';

function setup() {
  const clock = new ManualClock();
  const cloud = createLocalCloud({ clock });
  const ctx: HandlerContext = {
    clients: cloud.clients({ maxAttempts: 1 }),
    sleep: async (ms) => clock.advance(ms),
    pollIntervalMs: 5,
  };
  return { cloud, ctx };
}

describe('differences (what a second apply would write)', () => {
  it('ignores what AWS adds, reports what the input sets and AWS lacks', () => {
    const desired = { spec: { listeners: [{ port: 80 }], backends: [] as unknown[] }, tags: undefined };
    expect(
      differences(desired, { spec: { listeners: [{ port: 80, protocol: 'http' }] }, version: 3 }),
    ).toEqual([]);
    expect(differences(desired, { spec: { listeners: [{ port: 8080 }] } })).toEqual([
      'spec.listeners[0].port',
    ]);
    expect(differences(desired, { spec: { listeners: [{ port: 80 }, { port: 81 }] } })).toEqual([
      'spec.listeners',
    ]);
  });
});

describe('handlers: idempotent creates and deletes', () => {
  const namespace = (vpcId: string, token: string): ResourceInputs['cloudMapNamespace'] => ({
    Name: 'colors.local',
    Vpc: vpcId,
    CreatorRequestId: token,
  });

  it('adopts a Cloud Map namespace that already exists under another request id', async () => {
    const { cloud, ctx } = setup();
    const { vpcId } = cloud.defaultNetwork();
    const first = await HANDLERS.cloudMapNamespace.create(namespace(vpcId, 'run-1'), ctx);
    expect(first.id).toMatch(/^ns-/);
    // A retry with the same token, and a second tool's create with its own, both end on the same namespace.
    expect(await HANDLERS.cloudMapNamespace.create(namespace(vpcId, 'run-1'), ctx)).toEqual(first);
    expect(await HANDLERS.cloudMapNamespace.create(namespace(vpcId, 'run-2'), ctx)).toEqual(first);
    expect((await HANDLERS.cloudMapNamespace.read(namespace(vpcId, 'x'), ctx))?.attributes).toEqual(first);
  });

  it('waits for a create operation already running (DuplicateRequest) instead of failing', async () => {
    const { cloud, ctx } = setup();
    const { vpcId } = cloud.defaultNetwork();
    // Another process started the same create a moment ago; its operation is still pending.
    await ctx.clients.cloudMap.send(new CreatePrivateDnsNamespaceCommand(namespace(vpcId, 'run-1')));
    const adopted = await HANDLERS.cloudMapNamespace.create(namespace(vpcId, 'run-2'), ctx);
    expect(cloud.callLog().map((call) => call.error)).toContain('DuplicateRequest');
    expect((await HANDLERS.cloudMapNamespace.read(namespace(vpcId, 'run-1'), ctx))?.attributes).toEqual(
      adopted,
    );
  });

  it('deletes what exists and treats "already gone" as done', async () => {
    const { ctx } = setup();
    const role: ResourceInputs['iamRole'] = {
      RoleName: 'color-task-role',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      }),
    };
    const attributes = await HANDLERS.iamRole.create(role, ctx);
    await HANDLERS.iamRole.delete(attributes, role, ctx);
    expect(await HANDLERS.iamRole.read(role, ctx)).toBeUndefined();
    await expect(HANDLERS.iamRole.delete(attributes, role, ctx)).resolves.toBeUndefined();

    const mesh: ResourceInputs['mesh'] = { meshName: 'gone-mesh', spec: {} };
    const meshAttributes = await HANDLERS.mesh.create(mesh, ctx);
    await HANDLERS.mesh.delete(meshAttributes, mesh, ctx);
    await expect(HANDLERS.mesh.delete(meshAttributes, mesh, ctx)).resolves.toBeUndefined();
    expect(await HANDLERS.mesh.read(mesh, ctx)).toBeUndefined();
  });

  it('sees a changed trust policy (IAM returns it URL-encoded) and updates it in place', async () => {
    const { ctx } = setup();
    const trust = (service: string) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
      });
    const role: ResourceInputs['iamRole'] = {
      RoleName: 'r',
      AssumeRolePolicyDocument: trust('ecs-tasks.amazonaws.com'),
    };
    await HANDLERS.iamRole.create(role, ctx);
    const observed = await HANDLERS.iamRole.read(role, ctx);
    if (observed === undefined) throw new Error('role not found');
    expect(HANDLERS.iamRole.changes(role, observed)).toEqual([]);
    const changed = { ...role, AssumeRolePolicyDocument: trust('ec2.amazonaws.com') };
    expect(HANDLERS.iamRole.changes(changed, observed)).toEqual([
      'AssumeRolePolicyDocument.Statement[0].Principal.Service',
    ]);
    await HANDLERS.iamRole.update?.(changed, observed, ctx);
    const after = await HANDLERS.iamRole.read(changed, ctx);
    expect(after && HANDLERS.iamRole.changes(changed, after)).toEqual([]);
  });

  it('deregisters only the task definition revisions this plan registered', async () => {
    const { ctx } = setup();
    const body = RED_TASK_DEFINITION;
    const ours = { ...body, tags: [{ key: OWNERSHIP_TAG_KEY, value: 'color-mesh' }] };
    const first = await HANDLERS.taskDefinition.create(ours, ctx);
    // Someone else registers a revision of the same family by hand.
    const { taskDefinition: theirs } = await ctx.clients.ecs.send(new RegisterTaskDefinitionCommand(body));
    const second = await HANDLERS.taskDefinition.create(ours, ctx);
    await HANDLERS.taskDefinition.delete(second, ours, ctx);
    // Ours are deregistered and deleted (DescribeTaskDefinition no longer finds them); theirs stays.
    const status = (arn: string | undefined) =>
      ctx.clients.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn })).then(
        (output) => output.taskDefinition?.status,
        (error: Error) => error.name,
      );
    expect([
      await status(first.arn),
      await status(theirs?.taskDefinitionArn),
      await status(second.arn),
    ]).toEqual(['ClientException', 'ACTIVE', 'ClientException']);
  });
});
