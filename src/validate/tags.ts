/** User tags on every resource that takes them: at most 50, key 1-128, value 0-256 characters. */
import { paths } from '../definition/paths.js';
import { checkTags } from './checks.js';
import type { ValidationContext } from './context.js';
import type { PlanIssue } from './issue.js';

export function checkAllTags(context: ValidationContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  const { definition, mesh } = context;
  checkTags(out, paths.mesh(mesh), definition.tags);
  const namespace = definition.namespace;
  if (namespace) checkTags(out, paths.cloudMapNamespace(namespace.name), namespace.tags);
  for (const service of definition.cloudMapServices) {
    checkTags(out, paths.cloudMapService(namespace?.name ?? '', service.name), service.tags);
  }
  for (const node of definition.nodes) {
    checkTags(out, paths.virtualNode(mesh, node.name), node.tags);
    if (node.task) checkTags(out, paths.nodeTask(mesh, node.name), node.task.tags);
  }
  for (const service of definition.services)
    checkTags(out, paths.virtualService(mesh, service.name), service.tags);
  for (const router of definition.routers) {
    checkTags(out, paths.virtualRouter(mesh, router.name), router.tags);
    for (const route of router.routes) checkTags(out, paths.route(mesh, router.name, route.name), route.tags);
  }
  for (const gateway of definition.gateways) {
    checkTags(out, paths.virtualGateway(mesh, gateway.name), gateway.tags);
    for (const route of gateway.routes) {
      checkTags(out, paths.gatewayRoute(mesh, gateway.name, route.name), route.tags);
    }
    if (gateway.task) checkTags(out, paths.gatewayTask(mesh, gateway.name), gateway.task.tags);
  }
  if (definition.ecs) checkTags(out, paths.ecsEnvironment(mesh), definition.ecs.tags);
  return out;
}
