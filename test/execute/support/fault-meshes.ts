/**
 * The meshes the fault suite applies, and the foreign resources put in the cloud before each case:
 * things this plan did not make and must never write or delete. Another mesh under the same plan
 * name, and same-named resources made by someone else that the plan adopts.
 */
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateSecurityGroupCommand } from '@aws-sdk/client-ec2';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { buildMesh } from '../../../bench/build-mesh.js';
import { planNetwork } from '../../../src/cli/plan-network.js';
import { apply } from '../../../src/execute/apply.js';
import { healthCheck, listener, mesh } from '../../../src/index.js';
import type { LocalCloud } from '../../../src/local/local-cloud.js';
import { plan as planOf } from '../../../src/plan/build-plan.js';
import { OWNERSHIP_TAG_KEY, PLAN_TAG_KEY } from '../../../src/plan/names.js';
import type { Plan } from '../../../src/plan/plan.js';
import { colorMeshIn, fastExecution } from '../../support/local-color-mesh.js';

/** `color-sc`: the color mesh compiled to ECS Service Connect; `color-lattice`: with VPC Lattice for its router. */
export type MeshKind = 'color' | 'color-sc' | 'color-lattice' | 'large';

/** Nodes of the large mesh: the benchmark's shape, with ECS tasks. */
export const LARGE_MESH_NODES = 50;

/** The plan of this mesh in this cloud (the large mesh names placeholder network ids: the cloud gets them). */
export function planFor(kind: MeshKind, cloud: LocalCloud): Plan {
  if (kind === 'color') return colorMeshIn(cloud).plan();
  if (kind === 'color-sc') return colorMeshIn(cloud).plan({ target: 'service-connect' });
  if (kind === 'color-lattice') return colorMeshIn(cloud).plan({ target: 'service-connect+vpc-lattice' });
  const plan = planOf(buildMesh(LARGE_MESH_NODES, { ecs: true }));
  cloud.ensureNetwork(planNetwork(plan));
  return plan;
}

/** Same-named resources someone else made, which the color mesh's plan adopts. */
export type AdoptedKind = 'executionRole' | 'gatewaySecurityGroup' | 'logGroup';

export interface ForeignSetup {
  /** Another mesh applied under this plan's plan name (its own resources, its own tags). */
  readonly otherMesh: boolean;
  readonly adopted: readonly AdoptedKind[];
}

/** The other mesh: small, with a task, under the plan name `planName`. */
function otherMesh(cloud: LocalCloud, planName: string): Plan {
  const { vpcId, subnetIds } = cloud.defaultNetwork();
  return mesh('shop-mesh', { plan: planName })
    .namespace('shop.local')
    .cloudMapService('cart')
    .ecs({
      region: cloud.region,
      accountId: cloud.accountId,
      vpcId,
      subnets: subnetIds.slice(0, 2),
      cluster: 'shop-cluster',
      meshSecurityGroup: 'shop-sg',
    })
    .node('cart')
    .listener(listener.http(8080, { healthCheck: healthCheck.http('/health') }))
    .cloudMap('cart')
    .task({ cpu: 256, memory: 512, app: { image: 'public.ecr.aws/example/cart:1', port: 8080 } })
    .virtualService('cart.shop.local')
    .plan();
}

/**
 * Puts the foreign resources in the cloud, fault-free. `journalPath` is where the other mesh's
 * apply journals: the plan's own journal when the two share it (as the default journal path,
 * derived from the plan name, makes them do).
 */
export async function putForeignResources(
  cloud: LocalCloud,
  plan: Plan,
  setup: ForeignSetup,
  journalPath: string | undefined,
): Promise<void> {
  const clients = cloud.clients();
  if (setup.adopted.includes('executionRole')) {
    await clients.iam.send(
      new CreateRoleCommand({
        RoleName: `${plan.meshName}-execution-role`,
        Description: 'made by hand, not by appmesh-builder',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::210987654321:root' },
              Action: 'sts:AssumeRole',
            },
          ],
        }),
      }),
    );
  }
  if (setup.adopted.includes('gatewaySecurityGroup')) {
    // Tagged as another mesh's, under the same plan name.
    await clients.ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: 'gateway-sg',
        Description: 'the shop team gateway',
        VpcId: cloud.defaultNetwork().vpcId,
        TagSpecifications: [
          {
            ResourceType: 'security-group',
            Tags: [
              { Key: OWNERSHIP_TAG_KEY, Value: 'shop-mesh' },
              { Key: PLAN_TAG_KEY, Value: plan.planName },
            ],
          },
        ],
      }),
    );
  }
  if (setup.adopted.includes('logGroup')) {
    await clients.logs.send(new CreateLogGroupCommand({ logGroupName: `/ecs/${plan.meshName}` }));
  }
  if (setup.otherMesh) {
    const other = otherMesh(cloud, plan.planName);
    const result = await apply(other, { ...fastExecution(cloud), ...(journalPath ? { journalPath } : {}) });
    if (!result.ok) throw new Error(`The foreign mesh's apply failed: ${result.error?.message}`);
  }
  await cloud.settle();
}
