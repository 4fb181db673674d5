/**
 * A referenced resource (VPC Lattice's AWS-managed prefix list, in the color mesh's plan for the
 * combined target): looked up before any write, used by the mesh group's ingress rule, never
 * written, journaled or deleted; when the account has none, the apply stops with nothing written.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeManagedPrefixListsCommand, DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { isMeshError } from '../../src/errors/mesh-error.js';
import { apply } from '../../src/execute/apply.js';
import { destroy } from '../../src/execute/destroy.js';
import { diff } from '../../src/execute/diff.js';
import type { ExecuteEvent } from '../../src/execute/events.js';
import { resume } from '../../src/execute/resume.js';
import { handlerFor } from '../../src/execute/step.js';
import type { LocalCloud } from '../../src/local/local-cloud.js';
import type { Plan } from '../../src/plan/plan.js';
import { colorMeshIn, fastExecution, fastLocalCloud } from '../support/local-color-mesh.js';

const LATTICE = { target: 'service-connect+vpc-lattice' } as const;

function latticeColorPlan(cloud: LocalCloud): Plan {
  return colorMeshIn(cloud).plan(LATTICE);
}

/** The plan with its prefix list looked up under a name AWS has no list of. */
function withMissingPrefixList(plan: Plan): Plan {
  const name = 'com.amazonaws.us-east-1.no-such-list';
  return {
    ...plan,
    resources: plan.resources.map((r) =>
      r.kind === 'managedPrefixList'
        ? { ...r, name, input: { Filters: [{ Name: 'prefix-list-name', Values: [name] }] } }
        : r,
    ),
  };
}

async function latticePrefixListId(cloud: LocalCloud): Promise<string | undefined> {
  const { PrefixLists } = await cloud.clients().ec2.send(
    new DescribeManagedPrefixListsCommand({
      Filters: [{ Name: 'prefix-list-name', Values: [`com.amazonaws.${cloud.region}.vpc-lattice`] }],
    }),
  );
  return PrefixLists?.[0]?.PrefixListId;
}

const writesSince = (cloud: LocalCloud, from: number) =>
  cloud
    .callLog()
    .slice(from)
    .filter((c) => c.write)
    .map((c) => `${c.service}:${c.command}`);

describe('a referenced AWS-managed prefix list', () => {
  it('is looked up at apply time, and the mesh group admits it on the target groups port; destroy leaves it', async () => {
    const cloud = fastLocalCloud();
    const plan = latticeColorPlan(cloud);
    const events: ExecuteEvent[] = [];
    const applied = await apply(plan, { ...fastExecution(cloud), onEvent: (e) => events.push(e) });
    expect(applied.error?.message).toBeUndefined();
    // Read and reported once, before anything is created.
    const listEvents = events.flatMap((e, at) =>
      (e.type === 'finish' ? e.result.kind : e.type === 'start' ? e.kind : '') === 'managedPrefixList'
        ? [`${at} ${e.type}`]
        : [],
    );
    const firstCreate = events.findIndex((e) => e.type === 'start' && e.phase === 'create');
    expect(listEvents.map((e) => e.split(' ')[1])).toEqual(['start', 'finish']);
    expect(Number(listEvents[1]?.split(' ')[0])).toBeLessThan(firstCreate);
    const listId = await latticePrefixListId(cloud);
    const list = applied.results.find((r) => r.kind === 'managedPrefixList');
    expect(list).toMatchObject({ outcome: 'referenced', attributes: { id: listId } });

    const group = applied.results.find((r) => r.id === 'ec2/securityGroup/colorapp-sg-sc');
    const { SecurityGroups } = await cloud
      .clients()
      .ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [group?.attributes?.id as string] }));
    const fromList = SecurityGroups?.[0]?.IpPermissions?.filter((p) => (p.PrefixListIds ?? []).length > 0);
    expect(fromList?.map((p) => [p.IpProtocol, p.FromPort, p.ToPort, p.PrefixListIds])).toEqual([
      ['tcp', 80, 80, [{ PrefixListId: listId }]],
    ]);

    const entries = await diff(plan, fastExecution(cloud));
    expect(entries.entries.filter((e) => e.action !== 'unchanged').map((e) => [e.id, e.action])).toEqual([
      [list?.id, 'referenced'],
    ]);

    const mark = cloud.callLog().length;
    const destroyed = await destroy(plan, fastExecution(cloud));
    expect(destroyed.error?.message).toBeUndefined();
    expect(destroyed.results.find((r) => r.id === list?.id)?.outcome).toBe('referenced');
    // The rule went; the list is AWS's: no call but the groups' own touched EC2 (the mesh's
    // three rules, the gateway ALB's one, and both groups). Sorted: the destroy runs steps at once,
    // and one group may go before the other group's rule.
    expect(
      writesSince(cloud, mark)
        .filter((w) => w.startsWith('ec2:'))
        .sort(),
    ).toEqual([
      'ec2:DeleteSecurityGroup',
      'ec2:DeleteSecurityGroup',
      'ec2:RevokeSecurityGroupIngress',
      'ec2:RevokeSecurityGroupIngress',
      'ec2:RevokeSecurityGroupIngress',
      'ec2:RevokeSecurityGroupIngress',
    ]);
    expect(await latticePrefixListId(cloud)).toBe(listId);
  });

  it('missing from the account: the apply stops before any write, with nothing journaled to resume or undo', async () => {
    const cloud = fastLocalCloud();
    const plan = withMissingPrefixList(latticeColorPlan(cloud));
    const journalPath = join(mkdtempSync(join(tmpdir(), 'appmesh-referenced-')), 'journal.jsonl');
    const mark = cloud.callLog().length;
    const result = await apply(plan, { ...fastExecution(cloud), journalPath });
    expect(result.ok).toBe(false);
    expect(isMeshError(result.error) && result.error.code).toBe('REFERENCE_NOT_FOUND');
    expect(result.error?.message).toMatch(
      /AWS-managed prefix list com\.amazonaws\.us-east-1\.no-such-list, which this account and region do not have/,
    );
    expect(writesSince(cloud, mark)).toEqual([]);
    expect(result.results.filter((r) => r.outcome !== 'skipped').map((r) => [r.kind, r.outcome])).toEqual([
      ['managedPrefixList', 'failed'],
    ]);
    await expect(resume(plan, { ...fastExecution(cloud), journalPath })).rejects.toMatchObject({
      code: 'NOTHING_TO_RESUME',
    });
    const planned = await diff(plan, fastExecution(cloud));
    expect(planned.ok).toBe(false);
    expect(planned.error?.code).toBe('REFERENCE_NOT_FOUND');
  });

  it('has no handler that could write it', () => {
    expect(() => handlerFor('managedPrefixList')).toThrow(/only read, never written/);
  });
});
