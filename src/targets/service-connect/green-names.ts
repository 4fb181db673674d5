/**
 * The names of the Service Connect ("green") environment. AWS's migration runs it beside the App
 * Mesh one and shifts traffic at the edge (an ECS service cannot be in a mesh and a Service Connect
 * namespace at once), so the plan must not take over the App Mesh plan's services, task
 * definitions, roles, group, log group or cluster: each name it creates gets a suffix, and the plan
 * its own name (and therefore its own ownership tags, journal and lock).
 */
import type { MeshDefinition } from '../../definition/mesh-definition.js';
import { planNameOf } from '../../plan/names.js';
import type { ServiceConnectOptions } from '../../plan/plan-options.js';

/** @see ServiceConnectOptions.nameSuffix */
export const DEFAULT_NAME_SUFFIX = '-sc';
/** Characters every renamed kind accepts: ECS names, IAM role names, group and log group names. */
export const NAME_SUFFIX = /^[A-Za-z0-9_-]{0,16}$/;
/**
 * The plan name's ending when the resources keep their names (`nameSuffix: ''`). The plan must not
 * take the App Mesh plan's name even then: sharing it, it would own that plan's resources (update
 * them, and delete them as its leftovers through the same journal). No suffix can end with it (`.`).
 */
export const UNSUFFIXED_PLAN_ENDING = '.service-connect';

/** `unsuffixedEnding`: the plan name's ending without a suffix, one per target (`.vpc-lattice`). */
export function withGreenNames(
  definition: MeshDefinition,
  suffix: string,
  unsuffixedEnding = UNSUFFIXED_PLAN_ENDING,
): MeshDefinition {
  if (suffix === '') return { ...definition, plan: `${planNameOf(definition)}${unsuffixedEnding}` };
  const { ecs } = definition;
  return {
    ...definition,
    plan: `${planNameOf(definition)}${suffix}`,
    ...(ecs === undefined
      ? {}
      : {
          ecs: {
            ...ecs,
            cluster: ecs.createCluster ? `${ecs.cluster}${suffix}` : ecs.cluster,
            executionRoleName: `${ecs.executionRoleName}${suffix}`,
            meshSecurityGroup: `${ecs.meshSecurityGroup}${suffix}`,
            logGroup: `${ecs.logGroup}${suffix}`,
          },
        }),
    nodes: definition.nodes.map((node) =>
      node.task === undefined
        ? node
        : {
            ...node,
            task: {
              ...node.task,
              family: `${node.task.family}${suffix}`,
              serviceName: `${node.task.serviceName}${suffix}`,
              taskRoleName: `${node.task.taskRoleName}${suffix}`,
            },
          },
    ),
  };
}

/** The ECS infrastructure role a plan with TLS (and no `tls.roleArn`) creates, suffixed like the rest. */
export function infrastructureRoleName(meshName: string, options: ServiceConnectOptions): string {
  return `${meshName}-ecs-infrastructure-role${options.nameSuffix ?? DEFAULT_NAME_SUFFIX}`;
}
