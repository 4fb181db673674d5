/**
 * VPC Lattice in the local cloud, through the real SDK client: each of AWS's rules with a refused
 * and an accepted call (the model's constraints from botocore's vpc-lattice 2022-11-30, the
 * conflicts and deletion rules of the API reference), clientToken idempotency, and what ECS does
 * for `vpcLatticeConfigurations`. moto implements little of this (see
 * differential/vpc-lattice.test.ts), so these are checked against the reference: "(reference)".
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecurityGroupCommand } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  CreateServiceCommand as CreateEcsServiceCommand,
  type CreateServiceCommandInput as CreateEcsServiceInput,
  DescribeServicesCommand,
  InvalidParameterException,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand as UpdateEcsServiceCommand,
} from '@aws-sdk/client-ecs';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import {
  BatchUpdateRuleCommand,
  ConflictException,
  CreateListenerCommand,
  type CreateListenerCommandInput,
  CreateRuleCommand,
  type CreateRuleCommandInput,
  CreateServiceCommand,
  CreateServiceNetworkCommand,
  CreateServiceNetworkServiceAssociationCommand,
  CreateServiceNetworkVpcAssociationCommand,
  CreateTargetGroupCommand,
  type CreateTargetGroupCommandInput,
  DeleteAuthPolicyCommand,
  DeleteListenerCommand,
  DeleteRuleCommand,
  DeleteServiceCommand,
  DeleteServiceNetworkCommand,
  DeleteServiceNetworkServiceAssociationCommand,
  DeleteServiceNetworkVpcAssociationCommand,
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  GetAuthPolicyCommand,
  GetListenerCommand,
  GetRuleCommand,
  GetServiceNetworkCommand,
  GetServiceNetworkVpcAssociationCommand,
  GetTargetGroupCommand,
  ListRulesCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
  ListTargetsCommand,
  PutAuthPolicyCommand,
  RegisterTargetsCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  ThrottlingException,
  UntagResourceCommand,
  UpdateListenerCommand,
  UpdateRuleCommand,
  UpdateServiceNetworkCommand,
  UpdateTargetGroupCommand,
  ValidationException,
} from '@aws-sdk/client-vpc-lattice';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/local/clock.js';
import { createLocalCloud } from '../../src/local/local-cloud.js';

function setup() {
  const clock = new ManualClock();
  const cloud = createLocalCloud({ clock, delays: { ecsTaskStartMs: 1_000, ecsTaskStopMs: 1_000 } });
  const clients = cloud.clients({ maxAttempts: 1 });
  return { clock, cloud, ...clients, lattice: clients.vpcLattice, network: cloud.defaultNetwork() };
}

type Setup = ReturnType<typeof setup>;

async function refusal(
  promise: Promise<unknown>,
): Promise<Error & { reason?: string; resourceId?: string; $metadata?: { httpStatusCode?: number } }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the call should have been refused').toBeInstanceOf(Error);
  return error as Error;
}

function ipTargetGroup(s: Setup, name: string, changes: Partial<CreateTargetGroupCommandInput> = {}) {
  return s.lattice.send(
    new CreateTargetGroupCommand({
      name,
      type: 'IP',
      config: { port: 8080, protocol: 'HTTP', vpcIdentifier: s.network.vpcId },
      ...changes,
    }),
  );
}

const forwardTo = (...ids: string[]) => ({
  forward: { targetGroups: ids.map((targetGroupIdentifier) => ({ targetGroupIdentifier, weight: 1 })) },
});
const NOT_FOUND = { fixedResponse: { statusCode: 404 } };

/** A service with an HTTP listener (default action: 404) and one IP target group. */
async function routedService(s: Setup, name = 'colorteller') {
  const service = await s.lattice.send(new CreateServiceCommand({ name }));
  const listener = await s.lattice.send(
    new CreateListenerCommand({
      serviceIdentifier: service.id,
      name: 'http',
      protocol: 'HTTP',
      defaultAction: NOT_FOUND,
    }),
  );
  const tg = await ipTargetGroup(s, `${name}-blue`);
  return { service, listener, tg };
}

function rule(
  r: { service: { id?: string }; listener: { id?: string } },
  changes: Partial<CreateRuleCommandInput>,
): CreateRuleCommand {
  return new CreateRuleCommand({
    serviceIdentifier: r.service.id,
    listenerIdentifier: r.listener.id,
    name: 'route',
    priority: 10,
    match: { httpMatch: { pathMatch: { match: { prefix: '/' } } } },
    action: NOT_FOUND,
    ...changes,
  });
}

describe('local cloud: VPC Lattice service networks and associations (reference)', () => {
  it('checks a service network name against the model and keeps names unique in the account', async () => {
    const s = setup();
    const bad = await refusal(s.lattice.send(new CreateServiceNetworkCommand({ name: 'Color_Mesh' })));
    expect(bad).toBeInstanceOf(ValidationException);
    expect(bad.reason).toBe('fieldValidationFailed');
    expect((await refusal(s.lattice.send(new CreateServiceNetworkCommand({ name: 'a--b' })))).name).toBe(
      'ValidationException',
    );
    const sn = await s.lattice.send(new CreateServiceNetworkCommand({ name: 'color-mesh' }));
    expect(sn.id).toMatch(/^sn-[0-9a-z]{17}$/);
    expect(sn.arn).toBe(`arn:aws:vpc-lattice:us-east-1:123456789012:servicenetwork/${sn.id}`);
    expect(sn.authType).toBe('NONE');
    const again = await refusal(s.lattice.send(new CreateServiceNetworkCommand({ name: 'color-mesh' })));
    expect(again).toBeInstanceOf(ConflictException);
  });

  it('updates the auth type, and refuses one outside NONE|AWS_IAM', async () => {
    const s = setup();
    const sn = await s.lattice.send(new CreateServiceNetworkCommand({ name: 'color-mesh' }));
    const bad = await refusal(
      s.lattice.send(
        new UpdateServiceNetworkCommand({ serviceNetworkIdentifier: sn.id, authType: 'IAM' as never }),
      ),
    );
    expect(bad).toBeInstanceOf(ValidationException);
    await s.lattice.send(
      new UpdateServiceNetworkCommand({ serviceNetworkIdentifier: sn.arn, authType: 'AWS_IAM' }),
    );
    expect(
      (await s.lattice.send(new GetServiceNetworkCommand({ serviceNetworkIdentifier: sn.id }))).authType,
    ).toBe('AWS_IAM');
  });

  it('associates a VPC with at most 5 security groups of that VPC, once', async () => {
    const s = setup();
    const sn = await s.lattice.send(new CreateServiceNetworkCommand({ name: 'color-mesh' }));
    const groups: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { GroupId } = await s.ec2.send(
        new CreateSecurityGroupCommand({ GroupName: `group-${i}`, Description: 'x', VpcId: s.network.vpcId }),
      );
      groups.push(GroupId as string);
    }
    const six = await refusal(
      s.lattice.send(
        new CreateServiceNetworkVpcAssociationCommand({
          serviceNetworkIdentifier: sn.id,
          vpcIdentifier: s.network.vpcId,
          securityGroupIds: groups,
        }),
      ),
    );
    expect(six).toBeInstanceOf(ValidationException);
    expect(six.message).toMatch(/securityGroupIds.*less than or equal to 5/);
    const made = await s.lattice.send(
      new CreateServiceNetworkVpcAssociationCommand({
        serviceNetworkIdentifier: sn.id,
        vpcIdentifier: s.network.vpcId,
        securityGroupIds: groups.slice(0, 5),
      }),
    );
    expect(made.id).toMatch(/^snva-[0-9a-z]{17}$/);
    expect(made.status).toBe('CREATE_IN_PROGRESS');
    const got = await s.lattice.send(
      new GetServiceNetworkVpcAssociationCommand({ serviceNetworkVpcAssociationIdentifier: made.arn }),
    );
    expect(got).toMatchObject({ status: 'ACTIVE', vpcId: s.network.vpcId, serviceNetworkName: 'color-mesh' });
    expect(got.securityGroupIds).toEqual(groups.slice(0, 5));
    // A VPC is associated with one service network only.
    const other = await s.lattice.send(new CreateServiceNetworkCommand({ name: 'other' }));
    const twice = await refusal(
      s.lattice.send(
        new CreateServiceNetworkVpcAssociationCommand({
          serviceNetworkIdentifier: other.id,
          vpcIdentifier: s.network.vpcId,
        }),
      ),
    );
    expect(twice).toBeInstanceOf(ConflictException);
  });

  it('refuses to delete a service network while a VPC or a service is associated, then deletes it', async () => {
    const s = setup();
    const sn = await s.lattice.send(new CreateServiceNetworkCommand({ name: 'color-mesh' }));
    const vpc = await s.lattice.send(
      new CreateServiceNetworkVpcAssociationCommand({
        serviceNetworkIdentifier: sn.id,
        vpcIdentifier: s.network.vpcId,
      }),
    );
    const service = await s.lattice.send(new CreateServiceCommand({ name: 'colorteller' }));
    const assoc = await s.lattice.send(
      new CreateServiceNetworkServiceAssociationCommand({
        serviceNetworkIdentifier: sn.id,
        serviceIdentifier: service.id,
      }),
    );
    expect(assoc).toMatchObject({ status: 'CREATE_IN_PROGRESS', dnsEntry: service.dnsEntry });
    const duplicate = await refusal(
      s.lattice.send(
        new CreateServiceNetworkServiceAssociationCommand({
          serviceNetworkIdentifier: sn.id,
          serviceIdentifier: service.id,
        }),
      ),
    );
    expect(duplicate).toBeInstanceOf(ConflictException);

    const withVpc = await refusal(
      s.lattice.send(new DeleteServiceNetworkCommand({ serviceNetworkIdentifier: sn.id })),
    );
    expect(withVpc).toBeInstanceOf(ConflictException);
    expect(withVpc.message).toBe(`ServiceNetwork ${sn.id} has VPC(s) associated`);
    await s.lattice.send(
      new DeleteServiceNetworkVpcAssociationCommand({ serviceNetworkVpcAssociationIdentifier: vpc.id }),
    );
    const withService = await refusal(
      s.lattice.send(new DeleteServiceNetworkCommand({ serviceNetworkIdentifier: sn.id })),
    );
    expect(withService).toBeInstanceOf(ConflictException);
    await s.lattice.send(
      new DeleteServiceNetworkServiceAssociationCommand({
        serviceNetworkServiceAssociationIdentifier: assoc.id,
      }),
    );
    await s.lattice.send(new DeleteServiceNetworkCommand({ serviceNetworkIdentifier: sn.arn }));
    const gone = await refusal(
      s.lattice.send(new GetServiceNetworkCommand({ serviceNetworkIdentifier: sn.id })),
    );
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect(gone.$metadata?.httpStatusCode).toBe(404);
  });
});

describe('local cloud: VPC Lattice services (reference)', () => {
  it('checks the name (≤40, pattern, no svc- prefix) and idleTimeoutSeconds (60-600)', async () => {
    const s = setup();
    for (const name of ['a'.repeat(41), 'svc-colors', 'Colors', '-colors']) {
      expect(await refusal(s.lattice.send(new CreateServiceCommand({ name })))).toBeInstanceOf(
        ValidationException,
      );
    }
    for (const idleTimeoutSeconds of [59, 601]) {
      const error = await refusal(
        s.lattice.send(new CreateServiceCommand({ name: 'colors', idleTimeoutSeconds })),
      );
      expect(error).toBeInstanceOf(ValidationException);
    }
    const made = await s.lattice.send(
      new CreateServiceCommand({ name: 'a'.repeat(40), idleTimeoutSeconds: 60 }),
    );
    expect(made.id).toMatch(/^svc-[0-9a-z]{17}$/);
    expect(made.arn).toBe(`arn:aws:vpc-lattice:us-east-1:123456789012:service/${made.id}`);
    expect(made.dnsEntry?.domainName).toMatch(
      new RegExp(`^a{40}-${made.id?.slice(4)}\\.[0-9a-f]{7}\\.vpc-lattice-svcs\\.us-east-1\\.on\\.aws$`),
    );
    expect(made.dnsEntry?.hostedZoneId).toMatch(/^Z[0-9A-Z]+$/);
    await s.lattice.send(
      new CreateServiceCommand({
        name: 'colors',
        customDomainName: 'colors.appmesh.local',
        idleTimeoutSeconds: 600,
      }),
    );
    const names = (await s.lattice.send(new ListServicesCommand({}))).items?.map((i) => i.name);
    expect(names?.sort()).toEqual(['a'.repeat(40), 'colors']);
    expect(await refusal(s.lattice.send(new CreateServiceCommand({ name: 'colors' })))).toBeInstanceOf(
      ConflictException,
    );
  });

  it('refuses to delete a service associated with a service network; deleting it removes its listeners and rules', async () => {
    const s = setup();
    const r = await routedService(s);
    await s.lattice.send(rule(r, { action: forwardTo(r.tg.id as string) }));
    const sn = await s.lattice.send(new CreateServiceNetworkCommand({ name: 'color-mesh' }));
    const assoc = await s.lattice.send(
      new CreateServiceNetworkServiceAssociationCommand({
        serviceNetworkIdentifier: sn.id,
        serviceIdentifier: r.service.id,
      }),
    );
    const associated = await refusal(
      s.lattice.send(new DeleteServiceCommand({ serviceIdentifier: r.service.id })),
    );
    expect(associated).toBeInstanceOf(ConflictException);
    await s.lattice.send(
      new DeleteServiceNetworkServiceAssociationCommand({
        serviceNetworkServiceAssociationIdentifier: assoc.arn,
      }),
    );
    const deleted = await s.lattice.send(new DeleteServiceCommand({ serviceIdentifier: r.service.arn }));
    expect(deleted.status).toBe('DELETE_IN_PROGRESS');
    const listener = await refusal(
      s.lattice.send(
        new GetListenerCommand({ serviceIdentifier: r.service.id, listenerIdentifier: r.listener.id }),
      ),
    );
    expect(listener).toBeInstanceOf(ResourceNotFoundException);
    // Its rules went with it: the target group is free to delete.
    await s.lattice.send(new DeleteTargetGroupCommand({ targetGroupIdentifier: r.tg.id }));
    expect(s.cloud.snapshot().vpcLattice).toMatchObject({
      services: [],
      listeners: [],
      rules: [],
      targetGroups: [],
    });
  });
});

describe('local cloud: VPC Lattice target groups and targets (reference)', () => {
  it('creates an IP target group with AWS defaults, in a VPC that exists, under a unique name', async () => {
    const s = setup();
    const noConfig = await refusal(
      s.lattice.send(new CreateTargetGroupCommand({ name: 'blue', type: 'IP' })),
    );
    expect(noConfig).toBeInstanceOf(ValidationException);
    const noVpc = await refusal(
      ipTargetGroup(s, 'blue', {
        config: { port: 80, protocol: 'HTTP', vpcIdentifier: 'vpc-0123456789abcdef0' },
      }),
    );
    expect(noVpc).toBeInstanceOf(ResourceNotFoundException);
    const badType = await refusal(ipTargetGroup(s, 'blue', { type: 'ECS' as never }));
    expect(badType).toBeInstanceOf(ValidationException);
    expect(await refusal(ipTargetGroup(s, 'tg-blue'))).toBeInstanceOf(ValidationException);
    const tg = await ipTargetGroup(s, 'blue', {
      config: { protocol: 'HTTP', vpcIdentifier: s.network.vpcId, healthCheck: { path: '/ping' } },
    });
    expect(tg.id).toMatch(/^tg-[0-9a-z]{17}$/);
    expect(tg.config).toEqual({
      port: 80,
      protocol: 'HTTP',
      protocolVersion: 'HTTP1',
      ipAddressType: 'IPV4',
      vpcIdentifier: s.network.vpcId,
      healthCheck: {
        enabled: true,
        protocol: 'HTTP',
        protocolVersion: 'HTTP1',
        path: '/ping',
        healthCheckIntervalSeconds: 30,
        healthCheckTimeoutSeconds: 5,
        healthyThresholdCount: 5,
        unhealthyThresholdCount: 2,
        matcher: { httpCode: '200' },
      },
    });
    expect(await refusal(ipTargetGroup(s, 'blue'))).toBeInstanceOf(ConflictException);
  });

  it('updates the health check within its ranges', async () => {
    const s = setup();
    const tg = await ipTargetGroup(s, 'blue');
    const tooOften = await refusal(
      s.lattice.send(
        new UpdateTargetGroupCommand({
          targetGroupIdentifier: tg.id,
          healthCheck: { healthCheckIntervalSeconds: 4 },
        }),
      ),
    );
    expect(tooOften).toBeInstanceOf(ValidationException);
    const badPath = await refusal(
      s.lattice.send(
        new UpdateTargetGroupCommand({ targetGroupIdentifier: tg.id, healthCheck: { path: 'ping' } }),
      ),
    );
    expect(badPath).toBeInstanceOf(ValidationException);
    const updated = await s.lattice.send(
      new UpdateTargetGroupCommand({
        targetGroupIdentifier: tg.arn,
        healthCheck: { healthCheckIntervalSeconds: 10, path: '/health', unhealthyThresholdCount: 3 },
      }),
    );
    expect(updated.config?.healthCheck).toMatchObject({
      healthCheckIntervalSeconds: 10,
      healthCheckTimeoutSeconds: 5,
      path: '/health',
      unhealthyThresholdCount: 3,
    });
  });

  it('registers IP targets (UNUSED until a listener forwards to the group), lists and deregisters them', async () => {
    const s = setup();
    const r = await routedService(s);
    const out = await s.lattice.send(
      new RegisterTargetsCommand({
        targetGroupIdentifier: r.tg.id,
        targets: [{ id: '10.0.1.5' }, { id: '10.0.1.6', port: 9090 }, { id: 'i-0123456789abcdef0' }],
      }),
    );
    expect(out.successful).toEqual([
      { id: '10.0.1.5', port: 8080 },
      { id: '10.0.1.6', port: 9090 },
    ]);
    expect(out.unsuccessful?.map((f) => f.id)).toEqual(['i-0123456789abcdef0']);
    const listTargets = async () =>
      (await s.lattice.send(new ListTargetsCommand({ targetGroupIdentifier: r.tg.id }))).items;
    expect(await listTargets()).toEqual([
      { id: '10.0.1.5', port: 8080, status: 'UNUSED', reasonCode: 'TargetGroupNotInUse' },
      { id: '10.0.1.6', port: 9090, status: 'UNUSED', reasonCode: 'TargetGroupNotInUse' },
    ]);
    await s.lattice.send(
      new UpdateListenerCommand({
        serviceIdentifier: r.service.id,
        listenerIdentifier: r.listener.id,
        defaultAction: forwardTo(r.tg.id as string),
      }),
    );
    expect((await listTargets())?.map((t) => t.status)).toEqual(['HEALTHY', 'HEALTHY']);
    const tooMany = await refusal(
      s.lattice.send(
        new RegisterTargetsCommand({
          targetGroupIdentifier: r.tg.id,
          targets: Array.from({ length: 101 }, (_, i) => ({ id: `10.0.2.${i}` })),
        }),
      ),
    );
    expect(tooMany).toBeInstanceOf(ValidationException);
    await s.lattice.send(
      new DeregisterTargetsCommand({
        targetGroupIdentifier: r.tg.id,
        targets: [{ id: '10.0.1.6', port: 9090 }],
      }),
    );
    expect((await listTargets())?.map((t) => t.id)).toEqual(['10.0.1.5']);
  });

  it('refuses to delete a target group a listener or a rule forwards to, or with registered targets', async () => {
    const s = setup();
    const r = await routedService(s);
    const tg = r.tg.id as string;
    await s.lattice.send(
      new UpdateListenerCommand({
        serviceIdentifier: r.service.id,
        listenerIdentifier: r.listener.id,
        defaultAction: forwardTo(tg),
      }),
    );
    const byListener = await refusal(
      s.lattice.send(new DeleteTargetGroupCommand({ targetGroupIdentifier: tg })),
    );
    expect(byListener).toBeInstanceOf(ConflictException);
    expect(
      (await s.lattice.send(new GetTargetGroupCommand({ targetGroupIdentifier: tg }))).serviceArns,
    ).toEqual([r.service.arn]);
    await s.lattice.send(
      new UpdateListenerCommand({
        serviceIdentifier: r.service.id,
        listenerIdentifier: r.listener.id,
        defaultAction: NOT_FOUND,
      }),
    );
    const made = await s.lattice.send(rule(r, { action: forwardTo(tg) }));
    expect(
      await refusal(s.lattice.send(new DeleteTargetGroupCommand({ targetGroupIdentifier: tg }))),
    ).toBeInstanceOf(ConflictException);
    await s.lattice.send(
      new DeleteRuleCommand({
        serviceIdentifier: r.service.id,
        listenerIdentifier: r.listener.id,
        ruleIdentifier: made.id,
      }),
    );
    await s.lattice.send(
      new RegisterTargetsCommand({ targetGroupIdentifier: tg, targets: [{ id: '10.0.1.5' }] }),
    );
    expect(
      await refusal(s.lattice.send(new DeleteTargetGroupCommand({ targetGroupIdentifier: tg }))),
    ).toBeInstanceOf(ConflictException);
    await s.lattice.send(
      new DeregisterTargetsCommand({ targetGroupIdentifier: tg, targets: [{ id: '10.0.1.5' }] }),
    );
    const deleted = await s.lattice.send(new DeleteTargetGroupCommand({ targetGroupIdentifier: r.tg.arn }));
    expect(deleted).toMatchObject({ id: tg, status: 'DELETE_IN_PROGRESS' });
  });
});

describe('local cloud: VPC Lattice listeners (reference)', () => {
  it('checks protocol, port and default action; fills in the port; keeps names and ports unique in the service', async () => {
    const s = setup();
    const service = await s.lattice.send(new CreateServiceCommand({ name: 'colors' }));
    const tcp = await ipTargetGroup(s, 'tcp', {
      config: { port: 9000, protocol: 'TCP', vpcIdentifier: s.network.vpcId },
    });
    const http = await ipTargetGroup(s, 'http');
    const input = (changes: Partial<CreateListenerCommandInput>) =>
      new CreateListenerCommand({
        serviceIdentifier: service.id,
        name: 'http',
        protocol: 'HTTP',
        defaultAction: NOT_FOUND,
        ...changes,
      });
    for (const changes of [
      { protocol: 'GRPC' as never },
      { defaultAction: { fixedResponse: { statusCode: 404 }, ...forwardTo(http.id as string) } as never },
      { defaultAction: { fixedResponse: { statusCode: 600 } } },
      { defaultAction: forwardTo(tcp.id as string) },
      { name: 'listener-http' },
      { port: 0 },
    ]) {
      expect(await refusal(s.lattice.send(input(changes)))).toBeInstanceOf(ValidationException);
    }
    const made = await s.lattice.send(input({ defaultAction: forwardTo(http.id as string) }));
    expect(made).toMatchObject({ port: 80, serviceId: service.id, serviceArn: service.arn });
    expect(made.arn).toBe(`${service.arn}/listener/${made.id}`);
    expect(made.id).toMatch(/^listener-[0-9a-z]{17}$/);
    expect(await refusal(s.lattice.send(input({ port: 8080 })))).toBeInstanceOf(ConflictException);
    expect(await refusal(s.lattice.send(input({ name: 'other' })))).toBeInstanceOf(ConflictException);
    const https = await s.lattice.send(input({ name: 'https', protocol: 'HTTPS' }));
    expect(https.port).toBe(443);
    const passthrough = await s.lattice.send(
      input({
        name: 'tls',
        protocol: 'TLS_PASSTHROUGH',
        port: 8443,
        defaultAction: forwardTo(tcp.id as string),
      }),
    );
    expect(passthrough.protocol).toBe('TLS_PASSTHROUGH');
  });

  it("refuses a target group another service's listener or rule already uses", async () => {
    const s = setup();
    const a = await routedService(s, 'alpha');
    const b = await s.lattice.send(new CreateServiceCommand({ name: 'beta' }));
    await s.lattice.send(rule(a, { action: forwardTo(a.tg.id as string) }));
    const shared = await refusal(
      s.lattice.send(
        new CreateListenerCommand({
          serviceIdentifier: b.id,
          name: 'http',
          protocol: 'HTTP',
          defaultAction: forwardTo(a.tg.id as string),
        }),
      ),
    );
    expect(shared).toBeInstanceOf(ConflictException);
  });

  it('refuses to delete a listener that has rules, then deletes it', async () => {
    const s = setup();
    const r = await routedService(s);
    const made = await s.lattice.send(rule(r, {}));
    const ids = { serviceIdentifier: r.service.id, listenerIdentifier: r.listener.arn };
    expect(await refusal(s.lattice.send(new DeleteListenerCommand(ids)))).toBeInstanceOf(ConflictException);
    await s.lattice.send(new DeleteRuleCommand({ ...ids, ruleIdentifier: made.arn }));
    await s.lattice.send(new DeleteListenerCommand(ids));
    expect(await refusal(s.lattice.send(new GetListenerCommand(ids)))).toBeInstanceOf(
      ResourceNotFoundException,
    );
  });
});

describe('local cloud: VPC Lattice rules (reference)', () => {
  it('takes priorities 1-2000, each once per listener', async () => {
    const s = setup();
    const r = await routedService(s);
    for (const priority of [0, 2001]) {
      expect(await refusal(s.lattice.send(rule(r, { priority })))).toBeInstanceOf(ValidationException);
    }
    const first = await s.lattice.send(rule(r, { name: 'first', priority: 1 }));
    expect(first.id).toMatch(/^rule-[0-9a-z]{17}$/);
    expect(first.arn).toBe(`${r.listener.arn}/rule/${first.id}`);
    await s.lattice.send(rule(r, { name: 'last', priority: 2000 }));
    const taken = await refusal(s.lattice.send(rule(r, { name: 'again', priority: 1 })));
    expect(taken).toBeInstanceOf(ConflictException);
    expect(taken.resourceId).toBe(first.id);
    expect(await refusal(s.lattice.send(rule(r, { name: 'first', priority: 5 })))).toBeInstanceOf(
      ConflictException,
    );
    // Another listener has priorities of its own.
    const other = await s.lattice.send(
      new CreateListenerCommand({
        serviceIdentifier: r.service.id,
        name: 'https',
        protocol: 'HTTPS',
        defaultAction: NOT_FOUND,
      }),
    );
    await s.lattice.send(rule({ service: r.service, listener: other }, { name: 'first', priority: 1 }));
  });

  it('forwards to 1-10 existing target groups with weights 0-999', async () => {
    const s = setup();
    const r = await routedService(s);
    const groups = [r.tg.id as string];
    for (let i = 1; i <= 10; i++) groups.push((await ipTargetGroup(s, `green-${i}`)).id as string);
    const eleven = await refusal(s.lattice.send(rule(r, { action: forwardTo(...groups) })));
    expect(eleven).toBeInstanceOf(ValidationException);
    expect(eleven.message).toMatch(/targetGroups.*less than or equal to 10/);
    expect(
      await refusal(s.lattice.send(rule(r, { action: { forward: { targetGroups: [] } } }))),
    ).toBeInstanceOf(ValidationException);
    const heavy = { forward: { targetGroups: [{ targetGroupIdentifier: r.tg.id, weight: 1000 }] } };
    expect(await refusal(s.lattice.send(rule(r, { action: heavy })))).toBeInstanceOf(ValidationException);
    const missing = {
      forward: { targetGroups: [{ targetGroupIdentifier: 'tg-0123456789abcdef0', weight: 1 }] },
    };
    expect(await refusal(s.lattice.send(rule(r, { action: missing })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
    const weighted = {
      forward: {
        targetGroups: [
          { targetGroupIdentifier: r.tg.id, weight: 999 },
          { targetGroupIdentifier: groups[1], weight: 0 },
        ],
      },
    };
    await s.lattice.send(rule(r, { name: 'weighted', action: weighted }));
    await s.lattice.send(rule(r, { name: 'ten', priority: 11, action: forwardTo(...groups.slice(0, 10)) }));
  });

  it('matches a method (≤16), a path (1-200, from /) and 1-5 headers', async () => {
    const s = setup();
    const r = await routedService(s);
    const header = (i: number) => ({ name: `x-h${i}`, match: { exact: 'v' } });
    for (const httpMatch of [
      { method: 'A'.repeat(17) },
      { pathMatch: { match: { prefix: 'api' } } },
      { pathMatch: { match: { exact: `/${'a'.repeat(200)}` } } },
      { pathMatch: { match: { exact: '/a', prefix: '/a' } as never } },
      { headerMatches: [] },
      { headerMatches: [1, 2, 3, 4, 5, 6].map(header) },
      { headerMatches: [{ name: 'x', match: { exact: '' } }] },
    ]) {
      expect(await refusal(s.lattice.send(rule(r, { match: { httpMatch } })))).toBeInstanceOf(
        ValidationException,
      );
    }
    const match = {
      httpMatch: {
        method: 'GET',
        pathMatch: { match: { exact: `/${'a'.repeat(199)}` }, caseSensitive: true },
        headerMatches: [1, 2, 3, 4, 5].map(header),
      },
    };
    const made = await s.lattice.send(rule(r, { match }));
    const got = await s.lattice.send(
      new GetRuleCommand({
        serviceIdentifier: r.service.id,
        listenerIdentifier: r.listener.id,
        ruleIdentifier: made.id,
      }),
    );
    expect(got).toMatchObject({ isDefault: false, priority: 10, match, action: NOT_FOUND });
  });

  it('updates a rule (a taken priority refused), swaps priorities in one batch, and never touches the default rule', async () => {
    const s = setup();
    const r = await routedService(s);
    const ids = { serviceIdentifier: r.service.id, listenerIdentifier: r.listener.id };
    const a = await s.lattice.send(rule(r, { name: 'first', priority: 1 }));
    const b = await s.lattice.send(rule(r, { name: 'second', priority: 2 }));
    expect(
      await refusal(s.lattice.send(new UpdateRuleCommand({ ...ids, ruleIdentifier: a.id, priority: 2 }))),
    ).toBeInstanceOf(ConflictException);
    const weightChange = forwardTo(r.tg.id as string);
    const updated = await s.lattice.send(
      new UpdateRuleCommand({ ...ids, ruleIdentifier: a.id, action: weightChange }),
    );
    expect(updated).toMatchObject({ priority: 1, action: weightChange });

    const clash = await refusal(
      s.lattice.send(new BatchUpdateRuleCommand({ ...ids, rules: [{ ruleIdentifier: a.id, priority: 2 }] })),
    );
    expect(clash).toBeInstanceOf(ConflictException);
    const swapped = await s.lattice.send(
      new BatchUpdateRuleCommand({
        ...ids,
        rules: [
          { ruleIdentifier: a.id, priority: 2 },
          { ruleIdentifier: b.arn, priority: 1 },
        ],
      }),
    );
    expect(swapped.successful?.map((x) => [x.name, x.priority])).toEqual([
      ['first', 2],
      ['second', 1],
    ]);
    const listed = (await s.lattice.send(new ListRulesCommand(ids))).items ?? [];
    expect(listed.map((x) => [x.name, x.priority, x.isDefault])).toEqual([
      ['second', 1, false],
      ['first', 2, false],
      ['default', undefined, true],
    ]);
    const fallback = listed[2]?.id as string;
    expect(await s.lattice.send(new GetRuleCommand({ ...ids, ruleIdentifier: fallback }))).toMatchObject({
      isDefault: true,
      action: NOT_FOUND,
    });
    expect(
      await refusal(s.lattice.send(new UpdateRuleCommand({ ...ids, ruleIdentifier: fallback, priority: 5 }))),
    ).toBeInstanceOf(ValidationException);
    expect(
      await refusal(s.lattice.send(new DeleteRuleCommand({ ...ids, ruleIdentifier: fallback }))),
    ).toBeInstanceOf(ValidationException);
  });
});

describe('local cloud: VPC Lattice auth policies, tags and client tokens (reference)', () => {
  it('keeps an auth policy Inactive under NONE and Active under AWS_IAM; refuses newlines', async () => {
    const s = setup();
    const service = await s.lattice.send(new CreateServiceCommand({ name: 'colors', authType: 'AWS_IAM' }));
    const sn = await s.lattice.send(new CreateServiceNetworkCommand({ name: 'color-mesh' }));
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [] });
    const multiline = await refusal(
      s.lattice.send(new PutAuthPolicyCommand({ resourceIdentifier: service.id, policy: '{\n}' })),
    );
    expect(multiline).toBeInstanceOf(ValidationException);
    expect(
      await s.lattice.send(new PutAuthPolicyCommand({ resourceIdentifier: service.arn, policy })),
    ).toMatchObject({ policy, state: 'Active' });
    expect(
      await s.lattice.send(new PutAuthPolicyCommand({ resourceIdentifier: sn.id, policy })),
    ).toMatchObject({
      state: 'Inactive',
    });
    expect((await s.lattice.send(new GetAuthPolicyCommand({ resourceIdentifier: service.id }))).policy).toBe(
      policy,
    );
    await s.lattice.send(new DeleteAuthPolicyCommand({ resourceIdentifier: service.id }));
    expect(
      await refusal(s.lattice.send(new GetAuthPolicyCommand({ resourceIdentifier: service.id }))),
    ).toBeInstanceOf(ResourceNotFoundException);
  });

  it('tags any resource by ARN, and refuses an ARN that names nothing', async () => {
    const s = setup();
    const r = await routedService(s);
    const arn = r.listener.arn as string;
    await s.lattice.send(new TagResourceCommand({ resourceArn: arn, tags: { team: 'colors', env: 'dev' } }));
    await s.lattice.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['env'] }));
    expect((await s.lattice.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual({
      team: 'colors',
    });
    const nothing = await refusal(
      s.lattice.send(
        new ListTagsForResourceCommand({
          resourceArn: 'arn:aws:vpc-lattice:us-east-1:123456789012:service/svc-0123456789abcdef0',
        }),
      ),
    );
    expect(nothing).toBeInstanceOf(ResourceNotFoundException);
  });

  it('answers a repeated clientToken with the same resource, and a changed request with ConflictException', async () => {
    const s = setup();
    const first = await s.lattice.send(new CreateServiceCommand({ name: 'colors', clientToken: 't1' }));
    const repeat = await s.lattice.send(new CreateServiceCommand({ name: 'colors', clientToken: 't1' }));
    expect(repeat.id).toBe(first.id);
    const changed = await refusal(
      s.lattice.send(new CreateServiceCommand({ name: 'colors', clientToken: 't1', authType: 'AWS_IAM' })),
    );
    expect(changed).toBeInstanceOf(ConflictException);
    const tg = await ipTargetGroup(s, 'blue', { clientToken: 't2' });
    expect((await ipTargetGroup(s, 'blue', { clientToken: 't2' })).id).toBe(tg.id);
    const r = {
      service: first,
      listener: await s.lattice.send(
        new CreateListenerCommand({
          serviceIdentifier: first.id,
          name: 'http',
          protocol: 'HTTP',
          defaultAction: NOT_FOUND,
        }),
      ),
    };
    const made = await s.lattice.send(rule(r, { clientToken: 't3' }));
    expect((await s.lattice.send(rule(r, { clientToken: 't3' }))).id).toBe(made.id);
    expect(await refusal(s.lattice.send(rule(r, { clientToken: 't3', priority: 11 })))).toBeInstanceOf(
      ConflictException,
    );
  });

  it('answers throttling with ThrottlingException (429)', async () => {
    const s = setup();
    s.cloud.setFaults({ throttleRate: 1 });
    const error = await refusal(s.lattice.send(new ListServicesCommand({})));
    expect(error).toBeInstanceOf(ThrottlingException);
    expect((error as ThrottlingException).$metadata.httpStatusCode).toBe(429);
  });

  it('keeps its state in the snapshot and in the state file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lattice-state-'));
    const stateFile = join(dir, 'cloud.json');
    const first = createLocalCloud({ stateFile });
    const lattice = first.clients({ maxAttempts: 1 }).vpcLattice;
    await lattice.send(new CreateServiceNetworkCommand({ name: 'color-mesh', tags: { team: 'colors' } }));
    await lattice.send(new CreateServiceCommand({ name: 'colors' }));
    const second = createLocalCloud({ stateFile });
    expect(second.snapshot().vpcLattice).toEqual(first.snapshot().vpcLattice);
    expect(second.snapshot().vpcLattice).toMatchObject({
      serviceNetworks: [{ name: 'color-mesh', tags: { team: 'colors' } }],
      services: [{ name: 'colors' }],
    });
  });

  it('starts empty from a state file written before the local cloud served VPC Lattice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lattice-state-'));
    const stateFile = join(dir, 'cloud.json');
    createLocalCloud({ stateFile });
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { services: Record<string, unknown> };
    delete saved.services.vpcLattice;
    writeFileSync(stateFile, JSON.stringify(saved));
    const cloud = createLocalCloud({ stateFile });
    expect(cloud.snapshot().vpcLattice).toMatchObject({ serviceNetworks: [], services: [] });
    const made = await cloud
      .clients({ maxAttempts: 1 })
      .vpcLattice.send(new CreateServiceNetworkCommand({ name: 'color-mesh' }));
    expect(made.name).toBe('color-mesh');
  });
});

describe('local cloud: ECS vpcLatticeConfigurations (reference)', () => {
  const ROLE_TRUST = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });

  async function ecsSetup() {
    const s = setup();
    await s.ecs.send(new CreateClusterCommand({ clusterName: 'colors' }));
    await s.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'blue',
        networkMode: 'awsvpc',
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          { name: 'app', image: 'colorteller', portMappings: [{ name: 'http', containerPort: 9080 }] },
        ],
      }),
    );
    const role = await s.iam.send(
      new CreateRoleCommand({ RoleName: 'ecs-infrastructure', AssumeRolePolicyDocument: ROLE_TRUST }),
    );
    const tg = await ipTargetGroup(s, 'blue');
    const roleArn = role.Role?.Arn as string;
    const service = (changes: Partial<CreateEcsServiceInput>) =>
      new CreateEcsServiceCommand({
        cluster: 'colors',
        serviceName: 'blue',
        taskDefinition: 'blue',
        desiredCount: 2,
        networkConfiguration: { awsvpcConfiguration: { subnets: [...s.network.subnetIds] } },
        ...changes,
      });
    return { ...s, roleArn, tg, service };
  }

  it('refuses a missing role, a missing or non-IP target group and an unknown port name', async () => {
    const s = await ecsSetup();
    const instance = await s.lattice.send(
      new CreateTargetGroupCommand({
        name: 'instances',
        type: 'INSTANCE',
        config: { port: 80, protocol: 'HTTP', vpcIdentifier: s.network.vpcId },
      }),
    );
    const good = { roleArn: s.roleArn, targetGroupArn: s.tg.arn, portName: 'http' };
    for (const bad of [
      { roleArn: 'arn:aws:iam::123456789012:role/missing' },
      { targetGroupArn: 'arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/tg-0123456789abcdef0' },
      { targetGroupArn: instance.arn },
      { portName: 'grpc' },
    ]) {
      const error = await refusal(s.ecs.send(s.service({ vpcLatticeConfigurations: [{ ...good, ...bad }] })));
      expect(error).toBeInstanceOf(InvalidParameterException);
    }
    await s.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'bridged',
        networkMode: 'bridge',
        containerDefinitions: [
          {
            name: 'app',
            image: 'colorteller',
            memory: 128,
            portMappings: [{ name: 'http', containerPort: 9080 }],
          },
        ],
      }),
    );
    const bridged = await refusal(
      s.ecs.send(
        s.service({
          taskDefinition: 'bridged',
          networkConfiguration: undefined,
          vpcLatticeConfigurations: [good],
        }),
      ),
    );
    expect(bridged).toBeInstanceOf(InvalidParameterException);
    await s.ecs.send(s.service({ vpcLatticeConfigurations: [good] }));
  });

  it('keeps the port name when the service moves to a new task definition', async () => {
    const s = await ecsSetup();
    const configuration = { roleArn: s.roleArn, targetGroupArn: s.tg.arn, portName: 'http' };
    await s.ecs.send(s.service({ vpcLatticeConfigurations: [configuration] }));
    const revision = (portName: string) =>
      s.ecs.send(
        new RegisterTaskDefinitionCommand({
          family: 'blue',
          networkMode: 'awsvpc',
          cpu: '256',
          memory: '512',
          containerDefinitions: [
            { name: 'app', image: 'colorteller:2', portMappings: [{ name: portName, containerPort: 9080 }] },
          ],
        }),
      );
    await revision('web');
    const renamed = await refusal(
      s.ecs.send(
        new UpdateEcsServiceCommand({ cluster: 'colors', service: 'blue', taskDefinition: 'blue:2' }),
      ),
    );
    expect(renamed).toBeInstanceOf(InvalidParameterException);
    await revision('http');
    await s.ecs.send(
      new UpdateEcsServiceCommand({ cluster: 'colors', service: 'blue', taskDefinition: 'blue:3' }),
    );
  });

  it('registers each running task on the port mapping, shows the configuration on the deployment, and deregisters stopped tasks', async () => {
    const s = await ecsSetup();
    const configuration = { roleArn: s.roleArn, targetGroupArn: s.tg.arn, portName: 'http' };
    await s.ecs.send(s.service({ vpcLatticeConfigurations: [configuration] }));
    await s.cloud.settle();
    const targets = async () =>
      (await s.lattice.send(new ListTargetsCommand({ targetGroupIdentifier: s.tg.id }))).items ?? [];
    const running = await targets();
    expect(running).toHaveLength(2);
    expect(running.every((t) => t.port === 9080 && /^\d+\.\d+\.\d+\.\d+$/.test(t.id ?? ''))).toBe(true);
    const ips = (s.cloud.snapshot().ecs.tasks as { ip: string }[]).map((t) => t.ip).sort();
    expect(running.map((t) => t.id).sort()).toEqual(ips);
    const described = await s.ecs.send(
      new DescribeServicesCommand({ cluster: 'colors', services: ['blue'] }),
    );
    expect(described.services?.[0]?.deployments?.[0]?.vpcLatticeConfigurations).toEqual([configuration]);

    await s.ecs.send(new UpdateEcsServiceCommand({ cluster: 'colors', service: 'blue', desiredCount: 1 }));
    await s.cloud.settle();
    expect(await targets()).toHaveLength(1);
    // An empty list takes the service out of the target group: a new deployment without it.
    await s.ecs.send(
      new UpdateEcsServiceCommand({ cluster: 'colors', service: 'blue', vpcLatticeConfigurations: [] }),
    );
    await s.cloud.settle();
    expect(await targets()).toEqual([]);
    const after = await s.ecs.send(new DescribeServicesCommand({ cluster: 'colors', services: ['blue'] }));
    expect(after.services?.[0]?.deployments?.[0]?.vpcLatticeConfigurations).toBeUndefined();
    expect((s.cloud.snapshot().ecs.tasks as unknown[]).length).toBe(1);
  });
});
