import type {
  CreateServiceCommandInput,
  DeploymentConfiguration,
  LoadBalancer,
  ServiceConnectConfiguration,
  ServiceRegistry,
  VpcLatticeConfiguration,
} from '@aws-sdk/client-ecs';
import type {
  EcsEnvironmentDefinition,
  Tags,
  TaskCommonDefinition,
} from '../../definition/mesh-definition.js';
import { deepFreeze, frozenCopy } from '../freeze.js';
import { resourceIds } from '../names.js';
import { planned } from '../planned.js';
import { type PlannedResource, ref } from '../resource.js';
import { lowerCaseTags } from '../tags.js';

const ROLLING_DEPLOYMENT: DeploymentConfiguration = deepFreeze({
  minimumHealthyPercent: 100,
  maximumPercent: 200,
});

export interface EcsServiceOptions {
  readonly ecs: EcsEnvironmentDefinition;
  readonly task: TaskCommonDefinition;
  /** The task's subnets (its own, else the environment's). */
  readonly subnets: readonly string[];
  /** Security group ids or `{{ref}}` tokens, in order. */
  readonly securityGroups: readonly string[];
  /** Cloud Map service the tasks register in (plan id). */
  readonly cloudMapServiceId?: string;
  readonly loadBalancer?: {
    readonly targetGroupId: string;
    readonly containerName: string;
    readonly port: number;
  };
  /** Service Connect plans: the namespace, endpoints and proxy logs. */
  readonly serviceConnectConfiguration?: ServiceConnectConfiguration;
  /** Target groups of application load balancers ECS registers the tasks in (instead of `loadBalancer`). */
  readonly loadBalancers?: readonly LoadBalancer[];
  /** The VPC Lattice target groups ECS registers the tasks in. */
  readonly vpcLatticeConfigurations?: readonly VpcLatticeConfiguration[];
  /** What must exist before tasks start: the App Mesh resource, ingress rules, the NLB listener... */
  readonly dependsOn: readonly (string | undefined)[];
  readonly tags: Tags;
}

/**
 * The ECS service running a task. ECS does not fill `clientToken` itself (aws-facts 5.4): its
 * create gets one derived from this resource (tokens.ts). Rolling deploys keep every task up
 * (100/200) so Envoys drain before replacement.
 */
export function ecsServiceResource(options: EcsServiceOptions): PlannedResource<'ecsService'> {
  const { ecs, task } = options;
  const id = resourceIds.ecsService(ecs.cluster, task.serviceName);
  const taskDefinitionId = resourceIds.taskDefinition(task.family);
  const serviceRegistries: ServiceRegistry[] | undefined = options.cloudMapServiceId
    ? [{ registryArn: ref(options.cloudMapServiceId, 'arn') }]
    : undefined;
  const loadBalancers: LoadBalancer[] | undefined = options.loadBalancers
    ? frozenCopy(options.loadBalancers)
    : options.loadBalancer
      ? [
          {
            targetGroupArn: ref(options.loadBalancer.targetGroupId, 'arn'),
            containerName: options.loadBalancer.containerName,
            containerPort: options.loadBalancer.port,
          },
        ]
      : undefined;
  return planned(
    'ecsService',
    id,
    task.serviceName,
    [
      ecs.createCluster ? resourceIds.ecsCluster(ecs.cluster) : undefined,
      taskDefinitionId,
      options.cloudMapServiceId,
      options.loadBalancer?.targetGroupId,
      ...options.dependsOn,
    ],
    {
      cluster: ecs.cluster,
      serviceName: task.serviceName,
      taskDefinition: ref(taskDefinitionId, 'arn'),
      desiredCount: task.desiredCount,
      launchType: ecs.launchType,
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: frozenCopy(options.subnets),
          securityGroups: frozenCopy(options.securityGroups),
          assignPublicIp: (task.assignPublicIp ?? ecs.assignPublicIp) ? 'ENABLED' : 'DISABLED',
        },
      },
      loadBalancers,
      serviceRegistries,
      serviceConnectConfiguration: options.serviceConnectConfiguration,
      vpcLatticeConfigurations:
        options.vpcLatticeConfigurations === undefined
          ? undefined
          : frozenCopy(options.vpcLatticeConfigurations),
      enableExecuteCommand: task.enableExecuteCommand,
      deploymentConfiguration: ROLLING_DEPLOYMENT,
      propagateTags: 'SERVICE',
      tags: lowerCaseTags(options.tags),
    } satisfies CreateServiceCommandInput,
  );
}
