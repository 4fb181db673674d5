/**
 * The gateways of the Lattice plans (`service-connect+vpc-lattice`, `vpc-lattice`): a virtual
 * gateway behind a load balancer becomes an application load balancer (the definition's name with
 * the plan's suffix, its scheme and subnets) with its own security group open to the gateway's
 * ingress CIDRs, an HTTP listener whose default answer is App Mesh's 404, and listener rules in App
 * Mesh's route order: one per gateway route to a node's virtual service, and one per route of the
 * router behind a routed virtual service (its weights scaled to 0-999), each rewriting path and
 * Host as App Mesh does. The target nodes' tasks are registered by ECS (their services'
 * `loadBalancers`) in one IP target group per node; the mesh group admits the ALB's group on their
 * ports. The gateway's Envoy task is not planned: the ALB does its routing. The ALB reaches the
 * tasks directly, never through a VPC Lattice service, so Lattice's auth policies do not apply to it.
 */

import type { HttpGatewayRoute, HttpRoute } from '@aws-sdk/client-app-mesh';
import type { LoadBalancer } from '@aws-sdk/client-ecs';
import type { Action, CreateRuleCommandInput } from '@aws-sdk/client-elastic-load-balancing-v2';
import type {
  GatewayRouteDefinition,
  MeshDefinition,
  Tags,
  VirtualGatewayDefinition,
  VirtualNodeDefinition,
  VirtualRouterDefinition,
} from '../../definition/mesh-definition.js';
import { paths } from '../../definition/paths.js';
import { compareRouteOrder } from '../../local/simulator/route-order.js';
import { planContext, resolveServiceName } from '../../plan/context.js';
import { RULE_TAG_KEY, resourceIds } from '../../plan/names.js';
import { planned } from '../../plan/planned.js';
import { type PlannedResource, ref } from '../../plan/resource.js';
import { loadBalancerResource } from '../../plan/resources/load-balancer.js';
import { applicationListenerResource } from '../../plan/resources/load-balancer-listener.js';
import { securityGroupResource } from '../../plan/resources/security-group.js';
import { cidrIngressResource, groupIngressResource } from '../../plan/resources/security-group-ingress.js';
import { targetGroupResource } from '../../plan/resources/target-group.js';
import { pascalCaseTags } from '../../plan/tags.js';
import { issue, type PlanIssue, show } from '../../validate/issue.js';
import type { ServiceConnectMapping } from '../service-connect/endpoints.js';
import { WEIGHT_SCALE } from '../vpc-lattice/route-rule.js';
import {
  albConditions,
  type GatewayRuleParts,
  gatewayRuleParts,
  type RuleMatch,
  withRouterRoute,
} from './gateway-rule.js';
import { ALB_LIMITS, checkAlbRule, checkElbv2Name } from './limits.js';

export interface GatewayAlbInput {
  /** The definition with the plan's names (green-names.ts). */
  readonly definition: MeshDefinition;
  readonly mapping: ServiceConnectMapping;
  /** The plan's name suffix: the ALB, its group and target groups run beside the App Mesh plan's. */
  readonly nameSuffix: string;
  readonly tags: Tags;
}

export interface GatewayAlbs {
  readonly resources: readonly PlannedResource[];
  readonly issues: readonly PlanIssue[];
  /** By node name: its ECS service's `loadBalancers` and what they need first. */
  readonly ecsServices: ReadonlyMap<
    string,
    { readonly loadBalancers: LoadBalancer[]; readonly dependsOn: string[] }
  >;
  /** By gateway name: the name of the ALB that replaces it (the migration report names it). */
  readonly albNames: ReadonlyMap<string, string>;
  /** Every rule, with the gateway route it carries and what it cannot express exactly. */
  readonly rules: readonly GatewayAlbRule[];
}

export interface GatewayAlbRule {
  readonly gateway: string;
  readonly gatewayRoute: string;
  readonly resource: PlannedResource<'loadBalancerRule'>;
  /** The route's settings the rule matches without, or compares differently (its plan warning). */
  readonly notExact: readonly string[];
}

const NOT_FOUND: Action = { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } };

/** Whether a gateway becomes an ALB: it has a load balancer, and its first listener is HTTP. */
export function becomesAlb(gateway: VirtualGatewayDefinition): boolean {
  const protocol = gateway.spec.listeners?.[0]?.portMapping?.protocol;
  return gateway.task?.loadBalancer !== undefined && (protocol === 'http' || protocol === 'http2');
}

/** The gateways with a load balancer, as ALBs. */
export function gatewayLoadBalancers(input: GatewayAlbInput): GatewayAlbs {
  const { definition } = input;
  const resources: PlannedResource[] = [];
  const issues: PlanIssue[] = [];
  const ecsServices = new Map<string, { loadBalancers: LoadBalancer[]; dependsOn: string[] }>();
  const albNames = new Map<string, string>();
  const rules: GatewayAlbRule[] = [];
  if (definition.ecs === undefined) return { resources, issues, ecsServices, albNames, rules };
  for (const gateway of definition.gateways) {
    if (gateway.task?.loadBalancer === undefined) continue;
    planGateway(input, gateway, { resources, issues, ecsServices, albNames, rules });
  }
  for (const [node, entry] of ecsServices)
    if (entry.loadBalancers.length > ALB_LIMITS.maxServiceTargetGroups)
      issues.push(
        issue(
          'QUOTA_EXCEEDED',
          paths.virtualNode(definition.name, node),
          `at most ${ALB_LIMITS.maxServiceTargetGroups} target groups on one ECS service (ECS's limit)`,
          `${entry.loadBalancers.length}: one per load balancer and listener port that reaches this node`,
        ),
      );
  return { resources, issues, ecsServices, albNames, rules };
}

function planGateway(
  { definition, mapping, nameSuffix, tags }: GatewayAlbInput,
  gateway: VirtualGatewayDefinition,
  out: {
    resources: PlannedResource[];
    issues: PlanIssue[];
    ecsServices: Map<string, { loadBalancers: LoadBalancer[]; dependsOn: string[] }>;
    albNames: Map<string, string>;
    rules: GatewayAlbRule[];
  },
): void {
  const { resources, issues, ecsServices } = out;
  const ecs = definition.ecs as NonNullable<MeshDefinition['ecs']>;
  const task = gateway.task as NonNullable<VirtualGatewayDefinition['task']>;
  const balancer = task.loadBalancer as NonNullable<typeof task.loadBalancer>;
  const gatewayPath = paths.virtualGateway(definition.name, gateway.name);
  const listener = gateway.spec.listeners?.[0]?.portMapping;
  // The port clients call: the load balancer's, else the gateway's (as the App Mesh plan's NLB).
  const port = balancer.port ?? listener?.port;
  if (listener?.protocol === undefined || port === undefined) return; // MISSING_LISTENER, reported
  if (listener.protocol !== 'http' && listener.protocol !== 'http2') {
    issues.push(
      issue(
        'CHANGED_BY_TARGET',
        gatewayPath,
        'a gateway an ALB can replace (http or http2)',
        listener.protocol,
        {
          field: 'listeners[0].portMapping.protocol',
          severity: 'warning',
          explanation: 'Not compiled: its task and load balancer are not planned.',
        },
      ),
    );
    return;
  }
  const context = planContext(definition);
  const lbName = `${balancer.name}${nameSuffix}`;
  out.albNames.set(gateway.name, lbName);
  issues.push(
    ...checkElbv2Name(
      'load balancer',
      lbName,
      gatewayPath,
      "The ALB is named after the gateway's load balancer, with the plan's name suffix.",
    ),
  );
  const groupName = `${task.securityGroupName}${nameSuffix}`;
  const group = securityGroupResource(
    groupName,
    `Clients of the ALB of virtual gateway ${gateway.name} in mesh ${definition.name}`,
    ecs.vpcId,
    tags,
  );
  resources.push(group);
  if (task.ingressCidrs.length > 0)
    resources.push(cidrIngressResource(groupName, port, task.ingressCidrs, tags));
  resources.push(loadBalancerResource({ ...balancer, name: lbName }, [groupName], tags, 'application'));
  const albListener = applicationListenerResource(lbName, port, tags);
  resources.push(albListener);
  issues.push(
    issue(
      'CHANGED_BY_TARGET',
      gatewayPath,
      'a virtual gateway',
      `application load balancer ${show(lbName)} (${balancer.scheme}, port ${port}) with one rule per route`,
      {
        severity: 'warning',
        explanation:
          "Its Envoy task is not planned: the ALB's rules match, rewrite and forward as the gateway's routes do. Clients call the ALB's DNS name.",
      },
    ),
  );

  // --- One HTTP target group per node (and port) the rules reach, registered by ECS.
  const groups = new Map<string, string>(); // node#port -> target group id
  const admitted = new Set<number>();
  const targetGroup = (node: VirtualNodeDefinition, wanted: number | undefined, ruleId: string) => {
    const listeners = node.listeners.filter((candidate) => candidate.portMapping?.port !== undefined);
    const nodeListener =
      listeners.find((candidate) => candidate.portMapping?.port === wanted) ?? listeners[0];
    const nodePort = nodeListener?.portMapping?.port;
    if (nodeListener === undefined || nodePort === undefined) return undefined; // MISSING_LISTENER
    const key = `${node.name}#${nodePort}`;
    const known = groups.get(key);
    if (known !== undefined) return known;
    const nodePath = paths.virtualNode(definition.name, node.name);
    const base = `${lbName}-${node.name.replace(/[^A-Za-z0-9-]/g, '-')}`;
    const name = listeners.length > 1 ? `${base}-${nodePort}` : base;
    issues.push(
      ...checkElbv2Name(
        'target group',
        name,
        nodePath,
        'ALB target groups are named <load balancer>-<node>: choose shorter names.',
      ),
    );
    const health = nodeListener.healthCheck;
    const http = health?.protocol === 'http' || health?.protocol === 'http2';
    const tg = targetGroupResource(name, nodePort, ecs.vpcId, tags, {
      ...(http && health?.path !== undefined ? { healthCheckPath: health.path } : {}),
    });
    if ([...groups.values()].includes(tg.id)) {
      issues.push(
        issue('DUPLICATE_NAME', nodePath, 'an ALB target group name unique in the plan', show(name)),
      );
      return undefined;
    }
    resources.push(tg);
    groups.set(key, tg.id);
    if (!admitted.has(nodePort)) {
      admitted.add(nodePort);
      resources.push(groupIngressResource(ecs.meshSecurityGroup, nodePort, groupName, tags));
    }
    const endpoint = mapping.endpoints.get(node.name)?.find((candidate) => candidate.port === nodePort);
    if (node.task === undefined || endpoint === undefined) {
      issues.push(
        issue(
          'CHANGED_BY_TARGET',
          nodePath,
          'tasks ECS registers in its ALB target group',
          'none: the node has no task',
          {
            severity: 'warning',
            explanation: 'Its target group stays empty: requests the ALB sends to it get 503.',
          },
        ),
      );
      return tg.id;
    }
    const containers = node.task.containers;
    const containerName = (containers.find((c) => c.port === nodePort) ?? containers[0])?.name ?? '';
    const entry = ecsServices.get(node.name) ?? { loadBalancers: [], dependsOn: [] };
    entry.loadBalancers.push({ targetGroupArn: ref(tg.id, 'arn'), containerName, containerPort: nodePort });
    // ECS refuses a target group no load balancer uses yet: the rule that forwards to it first.
    entry.dependsOn.push(tg.id, ruleId);
    ecsServices.set(node.name, entry);
    return tg.id;
  };

  // --- The rules, in the order App Mesh tries the gateway's routes.
  const nodes = new Map(definition.nodes.map((node) => [node.name, node]));
  const routes = [...gateway.routes]
    .map((route) => ({ route, http: route.spec.httpRoute ?? route.spec.http2Route }))
    .sort((a, b) => compareRouteOrder(orderKey(a.route, a.http), orderKey(b.route, b.http)));
  let previous = 0;
  routes.forEach(({ route, http }, order) => {
    const routePath = paths.gatewayRoute(definition.name, gateway.name, route.name);
    if (http === undefined) {
      issues.push(
        issue(
          'CHANGED_BY_TARGET',
          routePath,
          'a gateway route an ALB rule can carry (http or http2)',
          'a gRPC route',
          {
            severity: 'warning',
            explanation: "Not compiled: the ALB has no rule for it, and its requests get the listener's 404.",
          },
        ),
      );
      return;
    }
    const named = http.action?.target?.virtualService?.virtualServiceName ?? '';
    const serviceName = resolveServiceName(context, named);
    const service = definition.services.find((candidate) => candidate.name === serviceName);
    if (service === undefined) return; // UNKNOWN_GATEWAY_ROUTE_TARGET, reported by validation
    if (http.match?.port !== undefined && http.match.port !== listener.port) {
      issues.push(
        issue(
          'CHANGED_BY_TARGET',
          routePath,
          `a gateway route for port ${listener.port}`,
          `port ${http.match.port}`,
          {
            field: 'match.port',
            severity: 'warning',
            explanation: "Not compiled: the ALB has one listener, for the gateway's first listener.",
          },
        ),
      );
      return;
    }
    const parts = gatewayRuleParts(http, serviceName);
    const base = (route.spec.priority ?? order) + 1;
    // Priorities increase strictly in App Mesh's order: unique in the listener by construction.
    const nextPriority = () => {
      previous = Math.max(previous + 1, base);
      return previous;
    };
    const addRule = (
      ruleName: string,
      match: RuleMatch,
      actions: Action[],
      transforms: GatewayRuleParts['transforms'],
      notExact: readonly string[],
      at: string,
      targets: readonly { node: string; port?: number }[],
    ) => {
      const priority = nextPriority();
      const ruleId = resourceIds.loadBalancerRule(lbName, port, ruleName);
      if (ruleName.length > ALB_LIMITS.maxTagValue)
        issues.push(
          issue(
            'INVALID_NAME',
            at,
            `an ALB rule name of at most ${ALB_LIMITS.maxTagValue} characters (it is a tag value)`,
            `${show(ruleName)} (${ruleName.length} characters)`,
            {
              explanation:
                'A rule through a router is named <gateway route>.<router route>: shorten either name.',
            },
          ),
        );
      const { conditions, notExact: conditionNotes } = albConditions(match);
      const lost = [...notExact, ...conditionNotes];
      if (lost.length > 0)
        issues.push(
          issue('CHANGED_BY_TARGET', at, 'a route an ALB rule can express exactly', lost.join(', '), {
            severity: 'warning',
            explanation: `ALB rule ${show(ruleName)} matches without these, or compares them differently.`,
          }),
        );
      const groupIds: string[] = [];
      const forward = actions.map((action) => {
        if (action.Type !== 'forward') return action;
        const tuples = (action.ForwardConfig?.TargetGroups ?? []).flatMap((tuple, index) => {
          const target = targets[index];
          const node = target === undefined ? undefined : nodes.get(target.node);
          const groupId = node === undefined ? undefined : targetGroup(node, target?.port, ruleId);
          if (groupId === undefined) return []; // UNKNOWN_ROUTE_TARGET or MISSING_LISTENER, reported
          groupIds.push(groupId);
          return [{ TargetGroupArn: ref(groupId, 'arn'), Weight: tuple.Weight }];
        });
        return { Type: 'forward' as const, ForwardConfig: { TargetGroups: tuples } };
      });
      const ruleInput = {
        ListenerArn: ref(albListener.id, 'arn'),
        Priority: priority,
        Conditions: conditions,
        Actions: forward,
        ...(transforms.length > 0 && actions[0]?.Type === 'forward' ? { Transforms: transforms } : {}),
        Tags: pascalCaseTags({ ...tags, [RULE_TAG_KEY]: ruleName }),
      } satisfies CreateRuleCommandInput;
      issues.push(...checkAlbRule(ruleInput, at));
      const resource = planned(
        'loadBalancerRule',
        ruleId,
        ruleName,
        [albListener.id, ...groupIds],
        ruleInput,
      );
      resources.push(resource);
      out.rules.push({ gateway: gateway.name, gatewayRoute: route.name, resource, notExact: lost });
    };
    const forwardTo = (targets: readonly { node: string; port?: number; weight: number }[]): Action[] => [
      {
        Type: 'forward',
        ForwardConfig: { TargetGroups: targets.map((target) => ({ Weight: target.weight })) },
      },
    ];

    const { provider } = service;
    if (provider.kind === 'virtualNode') {
      // On `vpc-lattice` this virtual service is a Lattice service too; the ALB does not call it
      // but forwards to the node's own ALB target group, as on the combined target.
      const target = { node: provider.name, port: http.action?.target?.port, weight: 1 };
      addRule(route.name, parts.match, forwardTo([target]), parts.transforms, parts.notExact, routePath, [
        target,
      ]);
      return;
    }
    if (provider.kind !== 'virtualRouter') return;
    const router = definition.routers.find((candidate) => candidate.name === provider.name);
    if (router === undefined) return; // UNKNOWN_PROVIDER, reported
    let caught = false;
    const own = JSON.stringify(albConditions(parts.match).conditions);
    for (const { route: routerRoute, http: routerHttp } of routerRoutes(router)) {
      const at = paths.route(definition.name, router.name, routerRoute.name);
      if (routerHttp === undefined) {
        issues.push(
          issue(
            'CHANGED_BY_TARGET',
            at,
            'a route an ALB rule can carry (http or http2)',
            'a gRPC or TCP route',
            {
              severity: 'warning',
              explanation: `Gateway route ${show(route.name)} does not reach it through the ALB.`,
            },
          ),
        );
        continue;
      }
      const combined = withRouterRoute(parts, routerHttp);
      if (combined.match.path.kind === 'never' || combined.match.noMethod === true) continue; // never reached
      const targets = (routerHttp.action?.weightedTargets ?? []).map((target) => ({
        node: target.virtualNode ?? '',
        ...(target.port === undefined ? {} : { port: target.port }),
        weight: (target.weight ?? 0) * WEIGHT_SCALE,
      }));
      addRule(
        `${route.name}.${routerRoute.name}`,
        combined.match,
        forwardTo(targets),
        parts.transforms,
        [...parts.notExact, ...combined.notExact],
        at,
        targets,
      );
      if (JSON.stringify(albConditions(combined.match).conditions) === own) caught = true;
    }
    // App Mesh answers 404 when the router has no route for a request the gateway route took:
    // the request must not fall through to the next gateway route's rules. This rule has the
    // gateway route's own match and name (the others' hold a `.`, which no App Mesh name has).
    if (!caught) addRule(route.name, parts.match, [NOT_FOUND], [], [], routePath, []);
  });
}

function orderKey(route: GatewayRouteDefinition, http: HttpGatewayRoute | undefined) {
  return {
    name: route.name,
    priority: route.spec.priority,
    prefix: http?.match?.prefix,
    path: http?.match?.path,
  };
}

/** A router's routes in the order App Mesh tries them. */
function routerRoutes(
  router: VirtualRouterDefinition,
): { route: VirtualRouterDefinition['routes'][number]; http: HttpRoute | undefined }[] {
  return router.routes
    .map((route) => ({ route, http: route.spec.httpRoute ?? route.spec.http2Route }))
    .sort((a, b) =>
      compareRouteOrder(
        {
          name: a.route.name,
          priority: a.route.spec.priority,
          prefix: a.http?.match?.prefix,
          path: a.http?.match?.path,
        },
        {
          name: b.route.name,
          priority: b.route.spec.priority,
          prefix: b.http?.match?.prefix,
          path: b.http?.match?.path,
        },
      ),
    );
}
