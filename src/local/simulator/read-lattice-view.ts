/**
 * Reads the LatticeView of the VPCs a cloud's tasks run in, through the VPC Lattice SDK client
 * only (List and Get calls with the SDK's paginators): the service networks associated with those
 * VPCs, with every VPC they are associated with and their auth policy; the services associated
 * with those networks, with their listeners, rules and auth policy; and the target groups the rules
 * and default actions forward to, with each target's status (ListTargets).
 */
import {
  GetAuthPolicyCommand,
  GetListenerCommand,
  GetRuleCommand,
  GetServiceCommand,
  GetServiceNetworkCommand,
  GetTargetGroupCommand,
  paginateListListeners,
  paginateListRules,
  paginateListServiceNetworkServiceAssociations,
  paginateListServiceNetworkVpcAssociations,
  paginateListTargets,
  type RuleAction,
  type VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { latticeIdOf } from './lattice-index.js';
import type {
  LatticeListener,
  LatticeService,
  LatticeServiceNetwork,
  LatticeTargetGroup,
  LatticeView,
} from './lattice-view.js';
import { collect } from './sdk-reading.js';

/** Undefined when no service network is associated with any of the VPCs. */
export async function readLatticeView(
  client: VPCLatticeClient,
  vpcIds: readonly string[],
): Promise<LatticeView | undefined> {
  const config = { client };
  const associated = await Promise.all(
    vpcIds.map((vpcIdentifier) =>
      collect(paginateListServiceNetworkVpcAssociations(config, { vpcIdentifier }), (p) => p.items ?? []),
    ),
  );
  const networkIds = [
    ...new Set(
      associated
        .flat()
        .filter((a) => a.status === undefined || a.status === 'ACTIVE')
        .map((a) => a.serviceNetworkId ?? ''),
    ),
  ].filter((id) => id !== '');
  if (networkIds.length === 0) return undefined;

  const networks = await Promise.all(
    networkIds.map(async (id) => {
      const [network, vpcs, members, authPolicy] = await Promise.all([
        client.send(new GetServiceNetworkCommand({ serviceNetworkIdentifier: id })),
        collect(paginateListServiceNetworkVpcAssociations(config, { serviceNetworkIdentifier: id }), (p) =>
          (p.items ?? []).filter((a) => a.status === undefined || a.status === 'ACTIVE'),
        ),
        collect(
          paginateListServiceNetworkServiceAssociations(config, { serviceNetworkIdentifier: id }),
          (p) => p.items ?? [],
        ),
        readAuthPolicy(client, id),
      ]);
      const view: LatticeServiceNetwork = {
        id: network.id ?? id,
        arn: network.arn ?? '',
        name: network.name ?? '',
        authType: network.authType ?? 'NONE',
        vpcIds: vpcs.map((a) => a.vpcId ?? ''),
        authPolicy,
      };
      return { view, serviceIds: members.map((m) => m.serviceId ?? '') };
    }),
  );
  const serviceIds = [...new Set(networks.flatMap((n) => n.serviceIds))].filter((id) => id !== '');
  const services = await Promise.all(serviceIds.map((id) => readService(client, id)));
  const groupIds = [
    ...new Set(
      services.flatMap((s) =>
        s.listeners.flatMap((l) =>
          [l.defaultAction, ...l.rules.map((r) => r.action)].flatMap(targetGroupsOf),
        ),
      ),
    ),
  ];
  const targetGroups = await Promise.all(groupIds.map((id) => readTargetGroup(client, id)));
  return { serviceNetworks: networks.map((n) => n.view), services, targetGroups };
}

async function readService(client: VPCLatticeClient, id: string): Promise<LatticeService> {
  const config = { client };
  const [service, associations, authPolicy, summaries] = await Promise.all([
    client.send(new GetServiceCommand({ serviceIdentifier: id })),
    collect(
      paginateListServiceNetworkServiceAssociations(config, { serviceIdentifier: id }),
      (p) => p.items ?? [],
    ),
    readAuthPolicy(client, id),
    collect(paginateListListeners(config, { serviceIdentifier: id }), (p) => p.items ?? []),
  ]);
  const listeners = await Promise.all(
    summaries.map(async (summary): Promise<LatticeListener> => {
      const listenerIdentifier = summary.id ?? '';
      const [listener, rules] = await Promise.all([
        client.send(new GetListenerCommand({ serviceIdentifier: id, listenerIdentifier })),
        collect(
          paginateListRules(config, { serviceIdentifier: id, listenerIdentifier }),
          (p) => p.items ?? [],
        ),
      ]);
      const described = await Promise.all(
        rules
          .filter((rule) => rule.isDefault !== true)
          .map((rule) =>
            client.send(
              new GetRuleCommand({
                serviceIdentifier: id,
                listenerIdentifier,
                ruleIdentifier: rule.id ?? '',
              }),
            ),
          ),
      );
      return {
        name: listener.name ?? '',
        port: listener.port ?? 0,
        protocol: listener.protocol ?? 'HTTP',
        defaultAction: listener.defaultAction ?? { fixedResponse: { statusCode: 404 } },
        rules: described.map((rule) => ({
          name: rule.name ?? '',
          priority: rule.priority ?? 0,
          match: rule.match ?? { httpMatch: {} },
          action: rule.action ?? { fixedResponse: { statusCode: 404 } },
        })),
      };
    }),
  );
  return {
    id: service.id ?? id,
    arn: service.arn ?? '',
    name: service.name ?? '',
    customDomainName: service.customDomainName,
    dnsEntry: service.dnsEntry,
    authType: service.authType ?? 'NONE',
    authPolicy,
    serviceNetworks: associations.map((a) => a.serviceNetworkId ?? ''),
    listeners,
  };
}

async function readTargetGroup(client: VPCLatticeClient, id: string): Promise<LatticeTargetGroup> {
  const [group, targets] = await Promise.all([
    client.send(new GetTargetGroupCommand({ targetGroupIdentifier: id })),
    collect(paginateListTargets({ client }, { targetGroupIdentifier: id }), (p) => p.items ?? []),
  ]);
  return {
    id: group.id ?? id,
    arn: group.arn ?? '',
    name: group.name ?? '',
    port: group.config?.port,
    targets: targets.map((t) => ({
      ip: t.id ?? '',
      port: t.port ?? group.config?.port ?? 0,
      status: t.status ?? 'UNAVAILABLE',
    })),
  };
}

/** The policy document, or undefined when the resource has none. */
async function readAuthPolicy(
  client: VPCLatticeClient,
  resourceIdentifier: string,
): Promise<string | undefined> {
  try {
    const { policy } = await client.send(new GetAuthPolicyCommand({ resourceIdentifier }));
    return policy === undefined || policy === '' ? undefined : policy;
  } catch (error) {
    // Whether AWS answers "no policy" with this error or an empty policy is not documented: both mean none.
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

function targetGroupsOf(action: RuleAction): string[] {
  return (action.forward?.targetGroups ?? []).map((g) => latticeIdOf(g.targetGroupIdentifier ?? ''));
}
