import { join } from 'node:path';
import { DeleteNamespaceCommand } from '@aws-sdk/client-servicediscovery';
import { afterAll, describe, expect, it } from 'vitest';
import { apply } from '../../src/execute/apply.js';
import { destroy } from '../../src/execute/destroy.js';
import { diff } from '../../src/execute/diff.js';
import { rollback } from '../../src/execute/rollback.js';
import { listener, mesh } from '../../src/index.js';
import type { LocalCloud } from '../../src/local/local-cloud.js';
import type { Plan } from '../../src/plan/plan.js';
import { colorMeshIn, fastExecution, fastLocalCloud } from '../support/local-color-mesh.js';
import {
  FOREIGN_TRUST,
  HAND_MADE_DESCRIPTION,
  handMadeExecutionRole,
  handMadeGatewayGroup,
} from './support/hand-made.js';
import { accessDenied } from './support/injected-errors.js';
import { journalRecords, scratchDir } from './support/journal-files.js';
import { withoutResources } from './support/plan-edits.js';
import { sameCloud } from './support/snapshot-invariants.js';

const scratch = scratchDir('ownership-guarantees');
afterAll(scratch.remove);
const { caseDir } = scratch;

const denied = () => Object.assign(new Error('Injected denial'), { name: 'AccessDeniedException' });

/** A small App Mesh-only mesh, with a Cloud Map namespace in the cloud's VPC when `namespace` is given. */
function smallMesh(cloud: LocalCloud, meshName: string, options: { namespace?: string } = {}): Plan {
  const start = mesh(meshName, { plan: 'prod' });
  const withNamespace =
    options.namespace === undefined
      ? start
      : start.namespace(options.namespace, { vpcId: cloud.defaultNetwork().vpcId });
  return withNamespace
    .externalDns(`*.${meshName}.local`)
    .node('cart')
    .listener(listener.http(8080))
    .dns(`cart.${meshName}.local`)
    .plan();
}

describe('resources a plan dropped', () => {
  it('are deleted only while they carry the plan’s tags: another plan’s namespace under the name stays', async () => {
    const cloud = fastLocalCloud();
    const dir = caseDir();
    const shopJournal = join(dir, 'shop.journal.jsonl');
    const withLegacy = await apply(smallMesh(cloud, 'shop', { namespace: 'legacy.local' }), {
      ...fastExecution(cloud),
      journalPath: shopJournal,
    });
    expect(withLegacy.ok).toBe(true);
    // The namespace is deleted by hand, and the billing team makes one of that name for their mesh.
    const legacy = withLegacy.results.find((r) => r.id === 'cloudMap/namespace/legacy.local');
    await cloud.clients().cloudMap.send(new DeleteNamespaceCommand({ Id: legacy?.attributes?.id }));
    await cloud.settle();
    const billing = await apply(smallMesh(cloud, 'billing', { namespace: 'legacy.local' }), {
      ...fastExecution(cloud),
      journalPath: join(dir, 'billing.journal.jsonl'),
    });
    expect(billing.ok).toBe(true);
    await cloud.settle();
    const before = cloud.snapshot();

    // The shop's plan no longer has the namespace; its journal still lists the one it created.
    const dropped = await apply(smallMesh(cloud, 'shop'), {
      ...fastExecution(cloud),
      journalPath: shopJournal,
    });
    expect(dropped.error).toBeUndefined();
    expect(dropped.ok).toBe(true);
    expect(dropped.removed.map((r) => [r.id, r.outcome])).toEqual([
      ['cloudMap/namespace/legacy.local', 'kept'],
    ]);
    await cloud.settle();
    expect(cloud.snapshot()).toEqual(before);
  });
});

/** Of the cloud's snapshot: the execution role, and the gateway group's ingress rules. */
function adoptedParts(cloud: LocalCloud) {
  const { iam, ec2 } = cloud.snapshot() as unknown as {
    iam: { roles: { roleName: string; inlinePolicies: object; attachedPolicyArns: string[] }[] };
    ec2: { securityGroups: { groupName: string; rules: { egress: boolean; cidrIpv4?: string }[] }[] };
  };
  const role = iam.roles.find((r) => r.roleName === 'color-mesh-execution-role');
  const group = ec2.securityGroups.find((g) => g.groupName === 'gateway-sg');
  return { role, ingress: group?.rules.filter((r) => !r.egress) };
}

describe('a role and a security group made by hand', () => {
  const parts = [
    'iam/role/color-mesh-execution-role/attachment/AmazonECSTaskExecutionRolePolicy',
    'iam/role/color-mesh-execution-role/policy/create-log-group',
    'ec2/securityGroup/gateway-sg/ingress/tcp-80',
  ];

  it('get none of the plan’s policies or rules, and destroy leaves them as they were', async () => {
    const cloud = fastLocalCloud();
    const plan = colorMeshIn(cloud).plan();
    await handMadeExecutionRole(cloud, plan);
    await handMadeGatewayGroup(cloud, plan);
    await cloud.settle();
    const before = adoptedParts(cloud);

    const result = await apply(plan, fastExecution(cloud));
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    const outcomes = result.results.filter((r) => parts.includes(r.id)).map((r) => [r.id, r.outcome]);
    expect(outcomes.sort()).toEqual(parts.map((id) => [id, 'adopted']).sort());
    const after = adoptedParts(cloud);
    expect(after.role).toMatchObject({
      description: HAND_MADE_DESCRIPTION,
      trustPolicy: FOREIGN_TRUST,
      inlinePolicies: {},
      attachedPolicyArns: [],
    });
    expect(after.ingress).toEqual([]);

    const destroyed = await destroy(plan, fastExecution(cloud));
    expect(destroyed.ok).toBe(true);
    expect(adoptedParts(cloud)).toEqual(before);
  });

  it('get them with writeAdoptedChildren', async () => {
    const cloud = fastLocalCloud();
    const plan = colorMeshIn(cloud).plan();
    await handMadeExecutionRole(cloud, plan);
    await handMadeGatewayGroup(cloud, plan);

    const result = await apply(plan, { ...fastExecution(cloud), writeAdoptedChildren: true });
    expect(result.ok).toBe(true);
    const { role, ingress } = adoptedParts(cloud);
    expect(Object.keys(role?.inlinePolicies ?? {})).toEqual(['create-log-group']);
    expect(role?.attachedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
    ]);
    expect(ingress).toMatchObject([{ cidrIpv4: '0.0.0.0/0', fromPort: 80, toPort: 80 }]);
  });
});

/** How many write calls a clean apply of the color mesh makes. */
async function cleanApplyWrites(): Promise<number> {
  const cloud = fastLocalCloud();
  await apply(colorMeshIn(cloud).plan(), fastExecution(cloud));
  return cloud.callLog().filter((c) => c.write).length;
}

describe('undo inside a consistency window', () => {
  // The cloud hides what it created for 300 ms; the executor knows reads may lag by up to 1 s.
  const windows = { cloud: 300, executor: 1000 };

  /** A cloud whose next color mesh apply fails at its last write, with the window in force. */
  async function failingLate() {
    const writes = await cleanApplyWrites();
    const cloud = fastLocalCloud();
    await cloud.settle();
    const before = cloud.snapshot();
    cloud.setFaults({
      consistencyWindowMs: windows.cloud,
      failCalls: [{ writesOnly: true, nth: writes, error: denied }],
    });
    const options = { ...fastExecution(cloud), consistencyWindowMs: windows.executor };
    return { cloud, before, options, plan: colorMeshIn(cloud).plan() };
  }

  it('a rollback right after a failed apply deletes what it created, leaving the cloud as before', async () => {
    const { cloud, before, options, plan } = await failingLate();
    const journalPath = join(caseDir(), 'color-mesh.journal.jsonl');
    const failed = await apply(plan, { ...options, rollback: false, journalPath });
    expect(failed.ok).toBe(false);
    expect(failed.error?.message).toMatch(/AccessDeniedException: Injected denial/);

    const rolledBack = await rollback({ ...options, journalPath });
    expect(rolledBack.error).toBeUndefined();
    expect(rolledBack.ok).toBe(true);
    // Recorded as gone: only what was never made (the create that failed), nothing that was there.
    const failedIds = failed.results.filter((r) => r.outcome === 'failed').map((r) => r.id);
    const gone = journalRecords(journalPath).flatMap((r) => (r.type === 'deleted' && r.gone ? [r.id] : []));
    expect(gone.filter((id) => !failedIds.includes(id))).toEqual([]);
    await cloud.settle();
    expect(sameCloud(before, cloud.snapshot(), 'after the rollback')).toEqual([]);
  });

  it('a destroy right after an apply deletes everything, though some of it still reads as absent', async () => {
    const cloud = fastLocalCloud();
    await cloud.settle();
    const before = cloud.snapshot();
    cloud.setFaults({ consistencyWindowMs: windows.cloud });
    const options = {
      ...fastExecution(cloud),
      consistencyWindowMs: windows.executor,
      journalPath: join(caseDir(), 'color-mesh.journal.jsonl'),
    };
    const plan = colorMeshIn(cloud).plan();
    expect((await apply(plan, options)).ok).toBe(true);

    const destroyed = await destroy(plan, options);
    expect(destroyed.error).toBeUndefined();
    expect(destroyed.ok).toBe(true);
    expect(destroyed.results.filter((r) => r.outcome !== 'deleted')).toEqual([]);
    cloud.setFaults({});
    await cloud.settle();
    expect(sameCloud(before, cloud.snapshot(), 'after the destroy')).toEqual([]);
  });

  it('an apply’s own rollback does the same', async () => {
    const { cloud, before, options, plan } = await failingLate();
    const failed = await apply(plan, options);
    expect(failed.ok).toBe(false);
    expect(failed.rolledBack).toBe(true);
    expect(failed.results.filter((r) => r.outcome === 'rollbackFailed')).toEqual([]);
    await cloud.settle();
    expect(sameCloud(before, cloud.snapshot(), 'after the apply’s rollback')).toEqual([]);
  });
});

describe('a create that fails after AWS made the resource', () => {
  // The first call of each is the apply's own read (absent) or the create: the denied one is the create's wait.
  it.each([
    ['a log group', { command: 'DescribeLogGroups', nth: 2 }],
    ['a Cloud Map namespace', { command: 'GetOperation', nth: 1 }],
  ])('%s whose wait is denied is deleted by the rollback: nothing is left', async (_kind, call) => {
    const cloud = fastLocalCloud();
    await cloud.settle();
    const before = cloud.snapshot();
    cloud.setFaults({ failCalls: [{ ...call, error: accessDenied }] });
    const result = await apply(colorMeshIn(cloud).plan(), fastExecution(cloud));
    expect(result.ok).toBe(false);
    expect(result.error?.message).toMatch(/AccessDeniedException: Injected denial/);
    expect(result.rolledBack).toBe(true);
    expect(result.results.filter((r) => r.outcome === 'rollbackFailed')).toEqual([]);
    cloud.setFaults({});
    await cloud.settle();
    expect(sameCloud(before, cloud.snapshot(), 'after the rollback')).toEqual([]);
  });
});

describe('parts a failed run put on a role or a security group an earlier run made', () => {
  const POLICY = 'iam/role/color-mesh-execution-role/policy/create-log-group';
  const ATTACHMENT = 'iam/role/color-mesh-execution-role/attachment/AmazonECSTaskExecutionRolePolicy';
  const INGRESS = 'ec2/securityGroup/gateway-sg/ingress/tcp-80';

  /**
   * The color mesh applied without the three parts (and without red's ECS service), then the whole
   * mesh applied: its one new ECS service is refused, and the run is rolled back.
   */
  async function failedRunAddingParts() {
    const cloud = fastLocalCloud();
    await cloud.settle();
    const before = cloud.snapshot();
    const journalPath = join(caseDir(), 'color-mesh.journal.jsonl');
    const options = { ...fastExecution(cloud), journalPath };
    const full = colorMeshIn(cloud).plan();
    const redService = 'ecs/cluster/color-cluster/service/red';
    const earlier = withoutResources(full, [POLICY, ATTACHMENT, INGRESS, redService]);
    expect((await apply(earlier, options)).ok).toBe(true);
    cloud.setFaults({ failCalls: [{ command: 'CreateService', nth: 1, error: accessDenied }] });
    const failed = await apply(full, options);
    expect(failed).toMatchObject({ ok: false, rolledBack: true });
    cloud.setFaults({});
    await cloud.settle();
    return { cloud, options, earlier, before };
  }

  it('an inline policy, an attachment and an ingress rule are left by the rollback, and removed by the next apply of a plan without them', async () => {
    const { cloud, options, earlier } = await failedRunAddingParts();
    // Nothing in the cloud says which run put them on the role or the group: the rollback leaves them.
    expect(adoptedParts(cloud).role).toMatchObject({
      inlinePolicies: { 'create-log-group': expect.any(Object) },
      attachedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'],
    });
    expect(adoptedParts(cloud).ingress).not.toEqual([]);

    const next = await apply(earlier, options);
    expect(next.error).toBeUndefined();
    expect(next.ok).toBe(true);
    const parts = next.removed.filter((r) => [POLICY, ATTACHMENT, INGRESS].includes(r.id));
    expect(parts.map((r) => [r.id, r.outcome]).sort()).toEqual(
      [
        [ATTACHMENT, 'deleted'],
        [INGRESS, 'deleted'],
        [POLICY, 'deleted'],
      ].sort(),
    );
    await cloud.settle();
    expect(adoptedParts(cloud)).toMatchObject({
      role: { inlinePolicies: {}, attachedPolicyArns: [] },
      ingress: [],
    });
  });

  it('the parts left by the rollback are removed by destroy, which leaves nothing', async () => {
    const { cloud, options, earlier, before } = await failedRunAddingParts();
    const destroyed = await destroy(earlier, options);
    expect(destroyed.error).toBeUndefined();
    expect(destroyed.ok).toBe(true);
    await cloud.settle();
    expect(sameCloud(before, cloud.snapshot(), 'after the destroy')).toEqual([]);
  });
});

describe('a read that fails', () => {
  async function applied() {
    const cloud = fastLocalCloud();
    const plan = colorMeshIn(cloud).plan();
    const journalPath = join(caseDir(), 'color-mesh.journal.jsonl');
    expect((await apply(plan, { ...fastExecution(cloud), journalPath })).ok).toBe(true);
    await cloud.settle();
    return { cloud, plan, journalPath, after: cloud.snapshot() };
  }

  it('makes destroy and diff answer ok:false naming the resource (an error AWS will not take back)', async () => {
    const { cloud, plan, journalPath, after } = await applied();
    const failing = { failCalls: [{ command: 'iam:GetRole', nth: 1, error: denied }] };
    const named = {
      resourcePath: expect.stringMatching(/^iam\/role\//),
      message: expect.stringMatching(/^iam\/role\/\S+: AccessDeniedException: Injected denial/),
    };

    cloud.setFaults(failing);
    const destroyed = await destroy(plan, { ...fastExecution(cloud), journalPath });
    expect(destroyed.ok).toBe(false);
    expect(destroyed.error).toMatchObject(named);

    cloud.setFaults(failing);
    const compared = await diff(plan, { ...fastExecution(cloud), journalPath });
    expect(compared.ok).toBe(false);
    expect(compared.error).toMatchObject(named);

    await cloud.settle();
    expect(cloud.snapshot()).toEqual(after);
  });

  it('makes destroy and diff answer ok:false naming the resource under throttling, retries exhausted', async () => {
    const { cloud, plan, after } = await applied();
    const noRetries = { ...fastExecution(cloud), retry: { retries: 0, throttlingRetries: 0 } };
    cloud.setFaults({ throttleRate: 1 });
    const named = {
      resourcePath: expect.any(String),
      message: expect.stringMatching(/^\S+: \w+: Rate exceeded/),
    };
    const destroyed = await destroy(plan, noRetries);
    expect(destroyed.ok).toBe(false);
    expect(destroyed.error).toMatchObject(named);
    expect(plan.resources.map((r) => r.id)).toContain(destroyed.error?.resourcePath);
    const compared = await diff(plan, noRetries);
    expect(compared.ok).toBe(false);
    expect(compared.error).toMatchObject(named);

    cloud.setFaults({});
    await cloud.settle();
    expect(cloud.snapshot()).toEqual(after);
  });

  it('with a journal, a throttled account lookup also makes destroy and diff answer ok:false', async () => {
    const { cloud, plan, journalPath } = await applied();
    const noRetries = { ...fastExecution(cloud), retry: { retries: 0, throttlingRetries: 0 }, journalPath };
    cloud.setFaults({ throttleRate: 1 });
    const destroyed = await destroy(plan, noRetries);
    expect(destroyed.ok).toBe(false);
    expect(destroyed.error?.message).toMatch(/Rate exceeded/);
    const compared = await diff(plan, noRetries);
    expect(compared.ok).toBe(false);
  });
});
