/**
 * User tags on every resource that takes them: at most 50, key 1-128, value 0-256 characters. Tags
 * that reach IAM, ECS or Elastic Load Balancing resources (the mesh's when there is an ECS
 * environment, the environment's, the tasks') also keep to the characters those services accept.
 */
import type {
  CloudMapServiceDefinition,
  Tags,
  VirtualNodeDefinition,
  VirtualServiceDefinition,
} from '../definition/mesh-definition.js';
import { paths } from '../definition/paths.js';
import { checkPattern, checkTags } from './checks.js';
import type { ValidationContext } from './context.js';
import type { PlanIssue } from './issue.js';

/** Most resources have no tags of their own: they are skipped before their path is even built. */
function untagged(tags: Tags | undefined): boolean {
  if (tags === undefined) return true;
  if (tags === null || typeof tags !== 'object') return false; // malformed: checkTags reports it
  for (const _ in tags) return false;
  return true;
}

/** The tag key and value pattern of the IAM, ECS and ELBv2 models; App Mesh, Cloud Map and EC2 take any text. */
const AWS_SIDE_TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const AWS_SIDE_TAG_EXPECTED =
  'letters, digits, spaces and _ . : / = + - @ only (IAM, ECS and Elastic Load Balancing refuse other characters in tags)';

function checkAwsSideTagText(out: PlanIssue[], path: string, tags: Tags | undefined): void {
  if (tags === null || typeof tags !== 'object') return; // malformed: checkTags reports it
  for (const key of Object.keys(tags)) {
    const at = `tags[${JSON.stringify(key)}]`;
    checkPattern(out, 'INVALID_VALUE', path, at, key, AWS_SIDE_TAG_TEXT, AWS_SIDE_TAG_EXPECTED);
    const value = tags[key];
    // A value of another type is reported by checkTags.
    if (typeof value === 'string') {
      checkPattern(
        out,
        'INVALID_VALUE',
        path,
        `${at}.value`,
        value,
        AWS_SIDE_TAG_TEXT,
        AWS_SIDE_TAG_EXPECTED,
      );
    }
  }
}

export function checkAllTags(context: ValidationContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  const { definition, mesh } = context;
  const awsSide = definition.ecs !== undefined;
  if (!untagged(definition.tags)) {
    checkTags(out, paths.mesh(mesh), definition.tags);
    if (awsSide) checkAwsSideTagText(out, paths.mesh(mesh), definition.tags);
  }
  const namespace = definition.namespace;
  if (namespace && !untagged(namespace.tags)) {
    checkTags(out, paths.cloudMapNamespace(namespace.name), namespace.tags);
  }
  // Indexed loops: the definition's lists are frozen (see context.ts).
  const { cloudMapServices, nodes, services } = definition;
  for (let i = 0; i < cloudMapServices.length; i++) {
    const service = cloudMapServices[i] as CloudMapServiceDefinition;
    if (untagged(service.tags)) continue;
    checkTags(out, paths.cloudMapService(namespace?.name ?? '', service.name), service.tags);
  }
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as VirtualNodeDefinition;
    if (!untagged(node.tags)) checkTags(out, context.nodePaths[i] as string, node.tags);
    if (!untagged(node.task?.tags)) {
      checkTags(out, paths.nodeTask(mesh, node.name), node.task?.tags);
      checkAwsSideTagText(out, paths.nodeTask(mesh, node.name), node.task?.tags);
    }
  }
  for (let i = 0; i < services.length; i++) {
    const service = services[i] as VirtualServiceDefinition;
    if (!untagged(service.tags)) checkTags(out, paths.virtualService(mesh, service.name), service.tags);
  }
  definition.routers.forEach((router, r) => {
    if (!untagged(router.tags)) checkTags(out, context.routerPaths[r] as string, router.tags);
    for (const route of router.routes) {
      if (!untagged(route.tags)) checkTags(out, paths.route(mesh, router.name, route.name), route.tags);
    }
  });
  definition.gateways.forEach((gateway, g) => {
    if (!untagged(gateway.tags)) checkTags(out, context.gatewayPaths[g] as string, gateway.tags);
    for (const route of gateway.routes) {
      if (!untagged(route.tags))
        checkTags(out, paths.gatewayRoute(mesh, gateway.name, route.name), route.tags);
    }
    if (!untagged(gateway.task?.tags)) {
      checkTags(out, paths.gatewayTask(mesh, gateway.name), gateway.task?.tags);
      checkAwsSideTagText(out, paths.gatewayTask(mesh, gateway.name), gateway.task?.tags);
    }
  });
  if (!untagged(definition.ecs?.tags)) {
    checkTags(out, paths.ecsEnvironment(mesh), definition.ecs?.tags);
    checkAwsSideTagText(out, paths.ecsEnvironment(mesh), definition.ecs?.tags);
  }
  return out;
}
