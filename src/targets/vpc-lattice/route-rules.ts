/**
 * One VPC Lattice rule per route of a router, on the listener of its Lattice service: priority,
 * match and weighted forward (route-rule.ts), with the names, priorities and quota checked per
 * listener. Target groups come from `targetGroup`, which makes each on first use.
 */
import type { CreateRuleCommandInput } from '@aws-sdk/client-vpc-lattice';
import type {
  MeshDefinition,
  Tags,
  VirtualNodeDefinition,
  VirtualRouterDefinition,
} from '../../definition/mesh-definition.js';
import { paths } from '../../definition/paths.js';
import { resourceIds } from '../../plan/names.js';
import { planned } from '../../plan/planned.js';
import { type PlannedResource, ref } from '../../plan/resource.js';
import { issue, type PlanIssue, show } from '../../validate/issue.js';
import { checkLatticeName, checkLatticeRule, latticeName } from './limits.js';
import { latticeRouteRule } from './route-rule.js';

/** "Rules per listener", adjustable; the English quota page says 5, some translations 10. */
const RULES_PER_LISTENER = 5;

export function routeRules(
  definition: MeshDefinition,
  router: VirtualRouterDefinition,
  serviceName: string,
  serviceId: string,
  listenerId: string,
  nodes: ReadonlyMap<string, VirtualNodeDefinition>,
  targetGroup: (
    node: VirtualNodeDefinition,
    port: number | undefined,
    user: { readonly serviceName: string; readonly path: string },
  ) => string | undefined,
  resources: PlannedResource[],
  tags: Tags,
): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const priorities = new Map<number, string>();
  const ruleNames = new Map<string, string>();
  if (router.routes.length > RULES_PER_LISTENER)
    issues.push(
      issue(
        'QUOTA_EXCEEDED',
        paths.virtualRouter(definition.name, router.name),
        `at most ${RULES_PER_LISTENER} rules per VPC Lattice listener (the default quota)`,
        `${router.routes.length} routes`,
        {
          field: 'routes',
          severity: 'warning',
          explanation:
            'The quota can be raised: check "Rules per listener" in Service Quotas before applying (AWS documents 5 in one place and 10 in another).',
        },
      ),
    );
  router.routes.forEach((route, order) => {
    const routePath = paths.route(definition.name, router.name, route.name);
    const rule = latticeRouteRule(route, order);
    if (rule.notExpressible.length > 0)
      issues.push(
        issue(
          'CHANGED_BY_TARGET',
          routePath,
          'a route VPC Lattice can express',
          `not expressible: ${rule.notExpressible.join(', ')}`,
          {
            severity: 'warning',
            explanation:
              'The Lattice rule matches and forwards without these: requests they excluded now match, and retries and timeouts are not applied.',
          },
        ),
      );
    const ruleName = latticeName(route.name, 'rule');
    issues.push(...checkLatticeName('rule', ruleName, routePath));
    const sameName = ruleNames.get(ruleName);
    if (sameName !== undefined)
      issues.push(
        issue(
          'DUPLICATE_NAME',
          routePath,
          'a VPC Lattice rule name unique in its listener',
          `${show(ruleName)}, also route ${show(sameName)}'s`,
        ),
      );
    ruleNames.set(ruleName, route.name);
    const samePriority = priorities.get(rule.priority);
    if (samePriority !== undefined)
      issues.push(
        issue(
          'INVALID_PRIORITY',
          routePath,
          'a VPC Lattice rule priority unique in its listener',
          `${rule.priority}, also route ${show(samePriority)}'s`,
          {
            field: 'priority',
            explanation:
              "Each rule's priority is the route's priority + 1, else its position + 1: give the routes distinct priorities.",
          },
        ),
      );
    priorities.set(rule.priority, route.name);

    const forward: { targetGroupIdentifier: string; weight: number }[] = [];
    const groupIds: string[] = [];
    for (const target of rule.targets) {
      const node = nodes.get(target.node);
      const groupId =
        node === undefined ? undefined : targetGroup(node, target.port, { serviceName, path: routePath });
      if (groupId === undefined) continue; // UNKNOWN_ROUTE_TARGET or MISSING_LISTENER, reported by validation
      groupIds.push(groupId);
      forward.push({ targetGroupIdentifier: ref(groupId, 'id'), weight: target.weight });
    }
    const input = {
      serviceIdentifier: ref(serviceId, 'id'),
      listenerIdentifier: ref(listenerId, 'id'),
      name: ruleName,
      priority: rule.priority,
      match: { httpMatch: rule.match },
      action: { forward: { targetGroups: forward } },
      tags,
    } satisfies CreateRuleCommandInput;
    issues.push(...checkLatticeRule(input, routePath));
    const listenerName = listenerId.slice(listenerId.lastIndexOf('/') + 1);
    resources.push(
      planned(
        'latticeRule',
        resourceIds.latticeRule(serviceName, listenerName, ruleName),
        ruleName,
        [serviceId, listenerId, ...groupIds],
        input,
      ),
    );
  });
  return issues;
}
