/**
 * VPC Lattice: the local cloud against moto, where moto implements it. moto 5.2.1
 * (moto/vpclattice/) has create, get and list for service networks, services, listeners, target
 * groups and service associations; create and list for VPC associations; create for rules; auth
 * policies and tags. It checks no constraint, no name or priority conflict and no client token.
 * Compared: what both answer for those calls (names, statuses, echoed settings, not-found errors).
 *
 * Not compared (moto differs from AWS; each is a row of the table below, with AWS's answer where
 * the API reference or the model gives it). moto does not implement GetServiceNetworkVpcAssociation,
 * Update*, Delete* (but DeleteAuthPolicy), GetRule, ListRules, BatchUpdateRule, RegisterTargets,
 * DeregisterTargets or ListTargets (it answers them with an HTML 404): those rules, and the ECS
 * side, are tested against the reference in ../vpc-lattice.test.ts.
 */
import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateRuleCommand,
  CreateServiceCommand,
  CreateServiceNetworkCommand,
  CreateServiceNetworkServiceAssociationCommand,
  CreateServiceNetworkVpcAssociationCommand,
  CreateTargetGroupCommand,
  DeleteAuthPolicyCommand,
  GetAuthPolicyCommand,
  GetListenerCommand,
  GetServiceCommand,
  GetServiceNetworkCommand,
  GetServiceNetworkServiceAssociationCommand,
  GetTargetGroupCommand,
  ListListenersCommand,
  ListServiceNetworkServiceAssociationsCommand,
  ListServiceNetworksCommand,
  ListServiceNetworkVpcAssociationsCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
  ListTargetGroupsCommand,
  PutAuthPolicyCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-vpc-lattice';
import { describeDifferential, type MotoInfidelity } from './harness.js';
import { echoOf, Recorder } from './observe.js';
import type { Scenario } from './scenarios.js';

const ACCOUNT = 'arn:aws:vpc-lattice:us-east-1:123456789012';
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }],
});

/** Does an id (and its ARN) have AWS's format: `<prefix>-` and 17 lowercase letters or digits? */
function awsFormat(
  prefix: string,
  id: string | undefined,
  arn: string | undefined,
  arnPath: string,
): boolean {
  return new RegExp(`^${prefix}-[0-9a-z]{17}$`).test(id ?? '') && arn === `${ACCOUNT}:${arnPath}${id}`;
}

const latticeLifecycle: Scenario = async ({ vpcLattice: lattice, ec2 }) => {
  const r = new Recorder();
  const { Vpcs } = await ec2.send(
    new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
  );
  const vpcId = Vpcs?.[0]?.VpcId as string;

  const sn = await r.step(
    'create service network',
    () => lattice.send(new CreateServiceNetworkCommand({ name: 'color-mesh' })),
    (o) => ({ name: o.name }),
  );
  await r.step(
    'create service network with a taken name',
    () => lattice.send(new CreateServiceNetworkCommand({ name: 'color-mesh' })),
    (o) => o.name,
  );
  await r.step(
    'get service network by id',
    () => lattice.send(new GetServiceNetworkCommand({ serviceNetworkIdentifier: sn?.id })),
    (o) => o.name,
  );
  await r.step(
    'get service network by ARN',
    () => lattice.send(new GetServiceNetworkCommand({ serviceNetworkIdentifier: sn?.arn })),
    (o) => o.name,
  );
  await r.step(
    'get a service network that does not exist',
    () => lattice.send(new GetServiceNetworkCommand({ serviceNetworkIdentifier: 'sn-0123456789abcdef0' })),
    (o) => o.name,
  );
  await r.step(
    'list service networks',
    () => lattice.send(new ListServiceNetworksCommand({})),
    (o) => o.items?.map((i) => i.name).filter((name) => name === 'color-mesh').length,
  );
  const vpcAssociation = await r.step(
    'associate the VPC',
    () =>
      lattice.send(
        new CreateServiceNetworkVpcAssociationCommand({
          serviceNetworkIdentifier: sn?.id,
          vpcIdentifier: vpcId,
        }),
      ),
    (o) => ({ securityGroupIds: o.securityGroupIds }),
  );
  await r.step(
    'VPC association status',
    async () => vpcAssociation ?? {},
    (o) => ({
      status: (o as { status?: string }).status,
      createdBy: (o as { createdBy?: string }).createdBy,
    }),
  );
  await r.step(
    'list VPC associations of the service network',
    () => lattice.send(new ListServiceNetworkVpcAssociationsCommand({ serviceNetworkIdentifier: sn?.id })),
    (o) =>
      o.items?.map((a) => ({
        vpc: a.vpcId === vpcId,
        serviceNetworkName: a.serviceNetworkName,
        status: a.status,
      })),
  );

  const service = await r.step(
    'create service',
    () => lattice.send(new CreateServiceCommand({ name: 'colorteller', authType: 'AWS_IAM' })),
    (o) => ({ name: o.name, status: o.status }),
  );
  await r.step(
    'create service with an invalid name',
    () => lattice.send(new CreateServiceCommand({ name: 'Color_Teller' })),
    (o) => o.name,
  );
  await r.step(
    'service DNS name',
    async () => service ?? {},
    (o) =>
      /\.vpc-lattice-svcs\.us-east-1\.on\.aws$/.test(
        (o as { dnsEntry?: { domainName?: string } }).dnsEntry?.domainName ?? '',
      ),
  );
  await r.step(
    'get service by ARN',
    () => lattice.send(new GetServiceCommand({ serviceIdentifier: service?.arn })),
    (o) => ({ name: o.name, status: o.status }),
  );
  await r.step(
    'list services',
    () => lattice.send(new ListServicesCommand({})),
    (o) => o.items?.map((i) => i.name).filter((name) => name === 'colorteller'),
  );

  const config = { port: 9080, protocol: 'HTTP' as const, vpcIdentifier: vpcId };
  /** The settings sent, as they came back; the VPC (whose id differs between clouds) as a yes/no. */
  const echoedConfig = (received: { vpcIdentifier?: string } | undefined) => ({
    ...(echoOf(config, received) as object),
    vpcIdentifier: received?.vpcIdentifier === vpcId,
  });
  const tg = await r.step(
    'create IP target group',
    () => lattice.send(new CreateTargetGroupCommand({ name: 'colorteller-blue', type: 'IP', config })),
    (o) => ({ name: o.name, type: o.type, status: o.status, config: echoedConfig(o.config) }),
  );
  await r.step(
    'get target group',
    () => lattice.send(new GetTargetGroupCommand({ targetGroupIdentifier: tg?.id })),
    (o) => ({ name: o.name, type: o.type, config: echoedConfig(o.config) }),
  );
  await r.step(
    'list target groups',
    () => lattice.send(new ListTargetGroupsCommand({ vpcIdentifier: vpcId })),
    (o) => o.items?.map((i) => ({ name: i.name, type: i.type, vpc: i.vpcIdentifier === vpcId })),
  );

  const defaultAction = { fixedResponse: { statusCode: 404 } };
  const listener = await r.step(
    'create HTTP listener on port 8080',
    () =>
      lattice.send(
        new CreateListenerCommand({
          serviceIdentifier: service?.id,
          name: 'http',
          protocol: 'HTTP',
          port: 8080,
          defaultAction,
        }),
      ),
    (o) => ({
      name: o.name,
      protocol: o.protocol,
      port: o.port,
      defaultAction: o.defaultAction,
      service: o.serviceId === service?.id,
    }),
  );
  await r.step(
    'create HTTP listener without a port',
    () =>
      lattice.send(
        new CreateListenerCommand({
          serviceIdentifier: service?.id,
          name: 'http-default',
          protocol: 'HTTP',
          defaultAction,
        }),
      ),
    (o) => o.port,
  );
  await r.step(
    'get listener',
    () =>
      lattice.send(
        new GetListenerCommand({ serviceIdentifier: service?.id, listenerIdentifier: listener?.id }),
      ),
    (o) => ({ name: o.name, port: o.port, defaultAction: o.defaultAction }),
  );
  await r.step(
    'list listeners',
    () => lattice.send(new ListListenersCommand({ serviceIdentifier: service?.id })),
    (o) =>
      o.items
        ?.filter((i) => i.name === 'http')
        .map((i) => ({ name: i.name, protocol: i.protocol, port: i.port })),
  );

  const forward = { forward: { targetGroups: [{ targetGroupIdentifier: tg?.id, weight: 80 }] } };
  const match = {
    httpMatch: { method: 'GET', pathMatch: { match: { prefix: '/color' }, caseSensitive: true } },
  };
  const rule = (name: string) =>
    lattice.send(
      new CreateRuleCommand({
        serviceIdentifier: service?.id,
        listenerIdentifier: listener?.id,
        name,
        priority: 10,
        match,
        action: forward,
      }),
    );
  const created = await r.step(
    'create weighted rule',
    () => rule('color'),
    (o) => ({
      name: o.name,
      priority: o.priority,
      match: o.match,
      forward: o.action?.forward?.targetGroups?.map((g) => ({
        ours: g.targetGroupIdentifier === tg?.id,
        weight: g.weight,
      })),
    }),
  );
  await r.step(
    'create rule with a taken priority',
    () => rule('color-again'),
    (o) => o.priority,
  );

  const association = await r.step(
    'associate the service',
    () =>
      lattice.send(
        new CreateServiceNetworkServiceAssociationCommand({
          serviceNetworkIdentifier: sn?.id,
          serviceIdentifier: service?.id,
        }),
      ),
    (o) => ({ createdBy: o.createdBy }),
  );
  await r.step(
    'get service association',
    () =>
      lattice.send(
        new GetServiceNetworkServiceAssociationCommand({
          serviceNetworkServiceAssociationIdentifier: association?.id,
        }),
      ),
    (o) => ({
      service: o.serviceId === service?.id,
      network: o.serviceNetworkId === sn?.id,
      status: o.status,
    }),
  );
  await r.step(
    'list service associations of the service network',
    () =>
      lattice.send(new ListServiceNetworkServiceAssociationsCommand({ serviceNetworkIdentifier: sn?.id })),
    (o) => o.items?.map((a) => ({ service: a.serviceId === service?.id, status: a.status })),
  );

  await r.step(
    'auth policy on an AWS_IAM service',
    () => lattice.send(new PutAuthPolicyCommand({ resourceIdentifier: service?.id, policy: POLICY })),
    (o) => ({ policy: o.policy === POLICY, state: o.state }),
  );
  await r.step(
    'auth policy on a service network of the default auth type',
    () => lattice.send(new PutAuthPolicyCommand({ resourceIdentifier: sn?.arn, policy: POLICY })),
    (o) => o.state,
  );
  await r.step(
    'get auth policy',
    () => lattice.send(new GetAuthPolicyCommand({ resourceIdentifier: service?.arn })),
    (o) => ({ policy: o.policy === POLICY, state: o.state }),
  );
  await r.step(
    'delete auth policy',
    () => lattice.send(new DeleteAuthPolicyCommand({ resourceIdentifier: service?.id })),
    () => true,
  );
  await r.step(
    'get deleted auth policy',
    () => lattice.send(new GetAuthPolicyCommand({ resourceIdentifier: service?.id })),
    (o) => o.policy,
  );

  const arn = service?.arn;
  await r.step(
    'tag the service',
    () => lattice.send(new TagResourceCommand({ resourceArn: arn, tags: { team: 'colors', env: 'dev' } })),
    () => true,
  );
  await r.step(
    'untag the service',
    () => lattice.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['env'] })),
    () => true,
  );
  await r.step(
    'list tags',
    () => lattice.send(new ListTagsForResourceCommand({ resourceArn: arn })),
    (o) => o.tags,
  );

  r.note('ids and ARNs in AWS format', {
    serviceNetwork: awsFormat('sn', sn?.id, sn?.arn, 'servicenetwork/'),
    vpcAssociation: awsFormat(
      'snva',
      vpcAssociation?.id,
      vpcAssociation?.arn,
      'servicenetworkvpcassociation/',
    ),
    service: awsFormat('svc', service?.id, service?.arn, 'service/'),
    targetGroup: awsFormat('tg', tg?.id, tg?.arn, 'targetgroup/'),
    listener: awsFormat('listener', listener?.id, listener?.arn, `service/${service?.id}/listener/`),
    rule: awsFormat(
      'rule',
      created?.id,
      created?.arn,
      `service/${service?.id}/listener/${listener?.id}/rule/`,
    ),
    serviceAssociation: awsFormat(
      'snsa',
      association?.id,
      association?.arn,
      'servicenetworkserviceassociation/',
    ),
  });
  return r.observations;
};

const REFERENCE = 'VPC Lattice API reference';
const MODEL = 'vpc-lattice API model (botocore 2022-11-30)';
const INFIDELITIES: readonly MotoInfidelity[] = [
  {
    scenario: 'latticeLifecycle',
    step: 'create service network with a taken name',
    moto: 'creates a second service network of that name',
    aws: 'ConflictException',
    source: `${REFERENCE}, CreateServiceNetwork: "The name must be unique to the account"`,
    awsOutcome: { error: 'ConflictException' },
  },
  {
    scenario: 'latticeLifecycle',
    step: 'list service networks',
    moto: 'lists both service networks of the same name',
    aws: 'one: the second create was refused',
    source: `${REFERENCE}, CreateServiceNetwork`,
    awsOutcome: { ok: 1 },
  },
  {
    scenario: 'latticeLifecycle',
    step: 'VPC association status',
    moto: 'ACTIVE at once; createdBy "user"',
    aws: 'CREATE_IN_PROGRESS in the create answer [U]; createdBy is the account id',
    source: `${MODEL}: CreateServiceNetworkVpcAssociationResponse.createdBy (AccountId, [0-9]{12}); the status is the local cloud's choice`,
    awsOutcome: { ok: { status: 'CREATE_IN_PROGRESS', createdBy: '123456789012' } },
  },
  {
    scenario: 'latticeLifecycle',
    step: 'create service with an invalid name',
    moto: 'creates it',
    aws: 'ValidationException',
    source: `${MODEL}: ServiceName pattern (?!svc-)(?![-])(?!.*[-]$)(?!.*[-]{2})[a-z0-9-]+`,
    awsOutcome: { error: 'ValidationException' },
  },
  {
    scenario: 'latticeLifecycle',
    step: 'service DNS name',
    moto: '<id>.<region>.vpclattice.amazonaws.com',
    aws: '<name>-<id>.<hash>.vpc-lattice-svcs.<region>.on.aws',
    source: 'VPC Lattice user guide, services (DNS names); AWS samples',
    awsOutcome: { ok: true },
  },
  {
    scenario: 'latticeLifecycle',
    step: 'create HTTP listener without a port',
    moto: 'port 443',
    aws: 'port 80',
    source: `${REFERENCE}, CreateListener.port: "For HTTP, the default is 80. For HTTPS, the default is 443"`,
    awsOutcome: { ok: 80 },
  },
  {
    scenario: 'latticeLifecycle',
    step: 'create rule with a taken priority',
    moto: 'creates a second rule with the same priority',
    aws: 'ConflictException: a priority is unique in its listener',
    source: `${REFERENCE}, CreateRule / listener rules (priority); the reference's section 4`,
    awsOutcome: { error: 'ConflictException' },
  },
  {
    scenario: 'latticeLifecycle',
    step: 'auth policy on a service network of the default auth type',
    moto: 'Active (moto keeps no auth type when none is given)',
    aws: 'Inactive: the default auth type is NONE, and a policy is only active under AWS_IAM',
    source: `${REFERENCE}, PutAuthPolicy.state and CreateServiceNetwork.authType ("NONE ... This is the default")`,
    awsOutcome: { ok: 'Inactive' },
  },
  {
    scenario: 'latticeLifecycle',
    step: 'ids and ARNs in AWS format',
    moto: 'ids are a prefix and 17 characters of a UUID (with hyphens); rule ARNs say listener/listener-',
    aws: '<prefix>-[0-9a-z]{17}; ARNs as the model gives them',
    source: `${MODEL}: ServiceNetworkId, ServiceId, TargetGroupId, ListenerId, RuleId, ...Arn patterns`,
    awsOutcome: {
      ok: {
        serviceNetwork: true,
        vpcAssociation: true,
        service: true,
        targetGroup: true,
        listener: true,
        rule: true,
        serviceAssociation: true,
      },
    },
  },
];

describeDifferential('VPC Lattice', { latticeLifecycle }, INFIDELITIES);
