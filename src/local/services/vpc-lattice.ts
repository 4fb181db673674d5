/**
 * Amazon VPC Lattice: service networks and their VPC and service associations, services with
 * listeners and rules, target groups with their targets, auth policies and tags. Errors are the
 * SDK's modeled exceptions. ECS registers its tasks' IPs in target groups through `internal`.
 */
import type { InternalApis, ServiceDefinition, World } from '../world.js';
import { associationOperations } from './vpc-lattice/associations.js';
import { authPolicyOperations } from './vpc-lattice/auth-policies.js';
import { internalFailure, throttled } from './vpc-lattice/errors.js';
import { listenerOperations } from './vpc-lattice/listeners.js';
import { idOf } from './vpc-lattice/lookup.js';
import { ruleOperations } from './vpc-lattice/rules.js';
import { serviceNetworkOperations } from './vpc-lattice/service-networks.js';
import { serviceOperations } from './vpc-lattice/services.js';
import { snapshotVpcLattice } from './vpc-lattice/snapshot.js';
import { initialVpcLatticeState, type TargetGroupRecord, type VpcLatticeState } from './vpc-lattice/state.js';
import { tagOperations } from './vpc-lattice/tags.js';
import { targetGroupOperations } from './vpc-lattice/target-groups.js';
import { targetKey, targetOperations } from './vpc-lattice/targets.js';

export type { VpcLatticeState };

function targetGroupByArn(world: World, arn: string): TargetGroupRecord | undefined {
  const tg = world.state.vpcLattice.targetGroups[idOf(arn)];
  return tg !== undefined && tg.arn === arn && world.visible(tg.createdAt) ? tg : undefined;
}

export const vpcLatticeService: ServiceDefinition<'vpcLattice'> = {
  key: 'vpcLattice',
  clientName: 'VPCLatticeClient',
  initialState: initialVpcLatticeState,
  operations: {
    ...serviceNetworkOperations,
    ...associationOperations,
    ...serviceOperations,
    ...targetGroupOperations,
    ...targetOperations,
    ...listenerOperations,
    ...ruleOperations,
    ...authPolicyOperations,
    ...tagOperations,
  },
  events: {},
  throttled,
  internalFailure,
  snapshot: snapshotVpcLattice,
  internal: (world): InternalApis['vpcLattice'] => ({
    targetGroup: (arn) => {
      const tg = targetGroupByArn(world, arn);
      return tg === undefined
        ? undefined
        : {
            type: tg.type,
            ...(tg.config.vpcIdentifier === undefined ? {} : { vpcId: tg.config.vpcIdentifier }),
          };
    },
    // ECS registers and deregisters its tasks itself, as the real service does.
    registerTarget: (arn, ip, port) => {
      const tg = world.state.vpcLattice.targetGroups[idOf(arn)];
      if (tg !== undefined) tg.targets[targetKey(ip, port)] = { id: ip, port };
    },
    deregisterTarget: (arn, ip, port) => {
      const tg = world.state.vpcLattice.targetGroups[idOf(arn)];
      if (tg !== undefined) delete tg.targets[targetKey(ip, port)];
    },
  }),
};
