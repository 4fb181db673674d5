/** VPC Lattice resources as plain sorted data, without timestamps, tokens or ids' history. */
import type { VpcLatticeState } from './state.js';

function sorted<T>(records: Record<string, T>, key: (record: T) => string): T[] {
  return Object.values(records).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function withoutTimes<T extends { createdAt: number; lastUpdatedAt: number }>(record: T) {
  const { createdAt: _created, lastUpdatedAt: _updated, ...rest } = record;
  return rest;
}

export function snapshotVpcLattice(state: VpcLatticeState): Record<string, unknown> {
  return {
    serviceNetworks: sorted(state.serviceNetworks, (n) => n.name).map(withoutTimes),
    vpcAssociations: sorted(state.vpcAssociations, (a) => a.id).map(withoutTimes),
    serviceAssociations: sorted(state.serviceAssociations, (a) => a.id).map(withoutTimes),
    services: sorted(state.services, (s) => s.name).map(withoutTimes),
    targetGroups: sorted(state.targetGroups, (g) => g.name).map((g) => ({
      ...withoutTimes(g),
      targets: Object.keys(g.targets)
        .sort()
        .map((key) => g.targets[key]),
    })),
    listeners: sorted(state.listeners, (l) => l.arn).map(withoutTimes),
    rules: sorted(state.rules, (r) => `${r.listenerId}/${String(r.priority).padStart(4, '0')}`).map(
      withoutTimes,
    ),
    authPolicies: Object.keys(state.authPolicies)
      .sort()
      .map((resourceId) => ({ resourceId, policy: state.authPolicies[resourceId]?.policy })),
  };
}
