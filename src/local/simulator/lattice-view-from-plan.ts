/**
 * The LatticeView a plan's `lattice*` resources would produce once applied: its service networks
 * with their VPC associations, its services with their listeners, rules and associations, the auth
 * policies, and its target groups holding the planned tasks of the ECS services that name them in
 * `vpcLatticeConfigurations` (registered as ECS does: the task's IP and the container port of the
 * configuration's port name). Reference tokens must already be resolvable by `resolve`.
 */
import type { CreateServiceCommandInput, PortMapping, VpcLatticeConfiguration } from '@aws-sdk/client-ecs';
import type { RuleAction, TargetStatus } from '@aws-sdk/client-vpc-lattice';
import type { Plan } from '../../plan/plan.js';
import { findRefs, type PlannedResource, ref } from '../../plan/resource.js';
import { latticeIdOf } from './lattice-index.js';
import type { LatticeListener, LatticeService, LatticeTargetGroup, LatticeView } from './lattice-view.js';
import { latticeDnsName } from './plan-attributes.js';
import { resourcesOf } from './plan-tasks.js';

/** An ECS service of the plan as the Lattice view needs it: where its tasks register. */
export interface PlannedLatticeMember {
  /** Resolved. */
  readonly configurations: readonly VpcLatticeConfiguration[];
  readonly portMappings: readonly PortMapping[];
  readonly ips: readonly string[];
}

type Resolve = <T>(value: T) => T;

/** Port of a listener without one: AWS's default for its protocol. */
const DEFAULT_PORTS: Readonly<Record<string, number>> = { HTTP: 80, HTTPS: 443 };

export function latticeViewFromPlan(
  plan: Plan,
  resolve: Resolve,
  region: string,
  members: readonly PlannedLatticeMember[],
): LatticeView | undefined {
  const networkResources = resourcesOf(plan, 'latticeServiceNetwork');
  const serviceResources = resourcesOf(plan, 'latticeService');
  if (networkResources.length === 0 && serviceResources.length === 0) return undefined;
  const idOfResource = (resource: PlannedResource): string => resolve(ref(resource.id, 'id'));
  const arnOfResource = (resource: PlannedResource): string => resolve(ref(resource.id, 'arn'));
  const inputs = <K extends 'latticeVpcAssociation' | 'latticeServiceAssociation' | 'latticeAuthPolicy'>(
    kind: K,
  ) => resourcesOf(plan, kind).map((r) => resolve(r.input));
  const vpcAssociations = inputs('latticeVpcAssociation');
  const serviceAssociations = inputs('latticeServiceAssociation');
  const policies = inputs('latticeAuthPolicy');
  const policyOf = (id: string): string | undefined =>
    policies.find((p) => latticeIdOf(p.resourceIdentifier ?? '') === id)?.policy;

  const serviceNetworks = networkResources.map((resource) => {
    const id = idOfResource(resource);
    return {
      id,
      arn: arnOfResource(resource),
      name: resource.input.name ?? resource.name,
      authType: resource.input.authType ?? 'NONE',
      vpcIds: vpcAssociations
        .filter((a) => latticeIdOf(a.serviceNetworkIdentifier ?? '') === id)
        .map((a) => a.vpcIdentifier ?? ''),
      authPolicy: policyOf(id),
    };
  });

  const listenerResources = resourcesOf(plan, 'latticeListener');
  const ruleResources = resourcesOf(plan, 'latticeRule');
  const services = serviceResources.map((resource): LatticeService => {
    const id = idOfResource(resource);
    const name = resource.input.name ?? resource.name;
    const listeners = listenerResources
      .filter((l) => latticeIdOf(resolve(l.input.serviceIdentifier ?? '')) === id)
      .map((listener): LatticeListener => {
        const input = resolve(listener.input);
        const listenerId = idOfResource(listener);
        const protocol = input.protocol ?? 'HTTP';
        return {
          name: input.name ?? listener.name,
          port: input.port ?? DEFAULT_PORTS[protocol] ?? 0,
          protocol,
          defaultAction: input.defaultAction ?? { fixedResponse: { statusCode: 404 } },
          rules: ruleResources
            .map((rule) => resolve(rule.input))
            .filter((rule) => latticeIdOf(rule.listenerIdentifier ?? '') === listenerId)
            .map((rule) => ({
              name: rule.name ?? '',
              priority: rule.priority ?? 0,
              match: rule.match ?? { httpMatch: {} },
              action: rule.action ?? { fixedResponse: { statusCode: 404 } },
            })),
        };
      });
    return {
      id,
      arn: arnOfResource(resource),
      name,
      customDomainName: resource.input.customDomainName,
      dnsEntry: { domainName: latticeDnsName(name, id, region) },
      authType: resource.input.authType ?? 'NONE',
      authPolicy: policyOf(id),
      serviceNetworks: serviceAssociations
        .filter((a) => latticeIdOf(a.serviceIdentifier ?? '') === id)
        .map((a) => latticeIdOf(a.serviceNetworkIdentifier ?? '')),
      listeners,
    };
  });

  const actions = services.flatMap((s) =>
    s.listeners.flatMap((l) => [l.defaultAction, ...l.rules.map((r) => r.action)]),
  );
  const targetGroups = resourcesOf(plan, 'latticeTargetGroup').map((resource): LatticeTargetGroup => {
    const id = idOfResource(resource);
    const arn = arnOfResource(resource);
    const port = resource.input.config?.port;
    // As the local cloud reports them: a group no rule uses is UNUSED; health checks off, UNAVAILABLE.
    const status: TargetStatus = !actions.some((a) => forwardsTo(a, id))
      ? 'UNUSED'
      : resource.input.config?.healthCheck?.enabled === false
        ? 'UNAVAILABLE'
        : 'HEALTHY';
    const targets = members.flatMap((member) =>
      member.configurations
        .filter((c) => c.targetGroupArn === arn)
        .flatMap((c) => {
          const targetPort = member.portMappings.find((p) => p.name === c.portName)?.containerPort ?? port;
          return targetPort === undefined ? [] : member.ips.map((ip) => ({ ip, port: targetPort, status }));
        }),
    );
    return { id, arn, name: resource.input.name ?? resource.name, port, targets };
  });

  return { serviceNetworks, services, targetGroups };
}

function forwardsTo(action: RuleAction, targetGroupId: string): boolean {
  return (action.forward?.targetGroups ?? []).some(
    (g) => latticeIdOf(g.targetGroupIdentifier ?? '') === targetGroupId,
  );
}

/**
 * The VPC of a planned ECS service's tasks: that of its first security group the plan creates;
 * else the plan's only VPC (its groups, VPC associations and target groups name one).
 */
export function plannedVpcOf(plan: Plan, input: CreateServiceCommandInput): string | undefined {
  const byId = new Map(plan.resources.map((r) => [r.id, r]));
  for (const group of input.networkConfiguration?.awsvpcConfiguration?.securityGroups ?? []) {
    const found = byId.get(findRefs(group)[0]?.resourceId ?? '');
    if (found?.kind === 'securityGroup' && found.input.VpcId !== undefined) return found.input.VpcId;
  }
  const vpcs = new Set(
    plan.resources.flatMap((r) =>
      r.kind === 'securityGroup'
        ? [r.input.VpcId]
        : r.kind === 'latticeVpcAssociation'
          ? [r.input.vpcIdentifier]
          : r.kind === 'latticeTargetGroup'
            ? [r.input.config?.vpcIdentifier]
            : [],
    ),
  );
  vpcs.delete(undefined);
  return vpcs.size === 1 ? [...vpcs][0] : undefined;
}
