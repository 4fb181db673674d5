/**
 * Report entries for the gateways the Lattice plans make ALBs (src/targets/alb): the gateway's
 * ALB, and per gateway route the rules that carry it and the rewrites they keep. The entries read
 * what the plan builds (gatewayLoadBalancers, the same call with the same names), never a guess.
 */
import type { CreateRuleCommandInput, TargetGroupTuple } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { VirtualGatewayDefinition } from '../../definition/mesh-definition.js';
import { paths } from '../../definition/paths.js';
import { planContext } from '../../plan/context.js';
import { refsInText } from '../../plan/resource.js';
import { becomesAlb, type GatewayAlbs, gatewayLoadBalancers } from '../alb/gateway-alb.js';
import { gatewayRewrites, memberOf } from '../service-connect/gateway-findings.js';
import {
  backendService,
  entry,
  listText,
  type MigrationContext,
  type ServiceConnectEntry,
  sortedByName,
} from '../service-connect/migration-context.js';

/** The plan's ALBs for the gateways, on the Lattice targets (undefined on `service-connect`). */
export function gatewayAlbsOf(context: MigrationContext): GatewayAlbs | undefined {
  if (context.target === 'service-connect') return undefined;
  const definition = context.green;
  return gatewayLoadBalancers({
    definition,
    mapping: context.mapping,
    nameSuffix: context.nameSuffix,
    tags: planContext(definition).awsTags,
  });
}

/** Whether the plan makes this gateway an ALB. */
export function onAlb(albs: GatewayAlbs | undefined, gateway: VirtualGatewayDefinition): boolean {
  return albs?.albNames.has(gateway.name) === true && becomesAlb(gateway);
}

export function gatewayAlbEntries(
  context: MigrationContext,
  albs: GatewayAlbs,
  gateway: VirtualGatewayDefinition,
  appMesh: string,
): ServiceConnectEntry[] {
  const name = albs.albNames.get(gateway.name) ?? '';
  const balancer = gateway.task?.loadBalancer;
  const port = balancer?.port ?? gateway.spec.listeners?.[0]?.portMapping?.port;
  const groupNames = new Map(
    albs.resources
      .filter((resource) => resource.kind === 'targetGroup')
      .map((resource) => [resource.id, resource.name]),
  );
  const rules = albs.rules.filter((rule) => rule.gateway === gateway.name);
  const groups = [...new Set(rules.flatMap((rule) => rule.resource.dependsOn))]
    .flatMap((id) => groupNames.get(id) ?? [])
    .sort();
  const target = (rule: (typeof rules)[number]) => {
    const input = rule.resource.input as CreateRuleCommandInput;
    const action = input.Actions?.[0];
    if (action?.Type !== 'forward') return 'answers 404';
    const tuples: TargetGroupTuple[] = action.ForwardConfig?.TargetGroups ?? [];
    const group = (tuple: TargetGroupTuple) =>
      groupNames.get(refsInText(tuple.TargetGroupArn ?? '')[0]?.resourceId ?? '') ?? '?';
    return `forwards to ${tuples.map((tuple) => `${group(tuple)} ${tuple.Weight}`).join(' : ')}`;
  };
  const entries: ServiceConnectEntry[] = [
    entry({
      code: 'GATEWAY_ON_ALB',
      status: 'approximated',
      severity: 'warning',
      path: paths.virtualGateway(context.definition.name, gateway.name),
      field: 'task.loadBalancer',
      appMesh,
      serviceConnect: `${balancer?.scheme} application load balancer ${name}, HTTP listener on port ${port} (requests no rule matches get a fixed 404), ${rules.length} rule${rules.length === 1 ? '' : 's'}, target groups ${listText(groups)} registered by the ECS services`,
      reason: `The ALB's rules match, rewrite and forward as the gateway's routes did; the gateway's Envoy task${balancer === undefined ? '' : ` and NLB ${balancer.name}`} are not planned. Clients call the ALB's DNS name: the NLB's static IP addresses are gone. The ALB reaches the tasks directly, not through VPC Lattice, so Lattice's auth policies do not apply to it.`,
    }),
  ];
  for (const route of sortedByName(gateway.routes)) {
    const path = paths.gatewayRoute(context.definition.name, gateway.name, route.name);
    const { protocol, member } = memberOf(route);
    const named = member.action?.target?.virtualService?.virtualServiceName ?? '';
    const targetName = backendService(context.definition, named)?.name ?? named;
    const appMeshRoute = `gateway route ${JSON.stringify(member.match ?? {})} to ${targetName}`;
    const carried = rules.filter((rule) => rule.gatewayRoute === route.name);
    if (carried.length === 0) {
      entries.push(
        entry({
          code: 'GATEWAY_ROUTE_LOST',
          status: 'lost',
          severity: 'critical',
          path,
          field: `spec.${protocol}`,
          appMesh: appMeshRoute,
          serviceConnect: `no rule on ${name}: its requests get the listener's 404`,
          reason: `The plan compiles http and http2 gateway routes for the gateway's first listener (port ${gateway.spec.listeners?.[0]?.portMapping?.port}) only.`,
        }),
      );
      continue;
    }
    const notExact = [...new Set(carried.flatMap((rule) => rule.notExact))];
    const routed = backendService(context.definition, named)?.provider.kind === 'virtualRouter';
    const answers404 = carried.some((rule) => target(rule) === 'answers 404');
    const ruleTexts = carried.map((rule) => {
      const input = rule.resource.input as CreateRuleCommandInput;
      return `rule ${rule.resource.name}, priority ${input.Priority}, conditions ${JSON.stringify(input.Conditions)}, ${target(rule)}`;
    });
    entries.push(
      entry({
        code: 'GATEWAY_ROUTE_ON_ALB',
        status: notExact.length === 0 ? 'kept' : 'approximated',
        severity: notExact.length === 0 ? 'info' : 'warning',
        path,
        field: `spec.${protocol}.match`,
        appMesh: appMeshRoute,
        serviceConnect: `${ruleTexts.join('; ')}${notExact.length === 0 ? '' : `. Not exact: ${listText(notExact)}`}`,
        reason: `${routed ? `One ALB rule per route of the router behind ${targetName}, its match folded in and its weights times 9 (every ratio exact)${answers404 ? ", then the gateway route's own rule answering 404 for what the router does not route" : ''}` : "One ALB rule forwarding to the node's target group"}, in App Mesh's route order. ALB compares header, query and host values without case and reads * and ? as wildcards: where that changes the match, or a condition cannot be expressed, the route is approximated.`,
      }),
    );
    const { rewrites } = gatewayRewrites(protocol, member, targetName);
    const transforms = carried
      .map((rule) => (rule.resource.input as CreateRuleCommandInput).Transforms)
      .find((found) => found !== undefined);
    if (rewrites.length > 0 && transforms !== undefined)
      entries.push(
        entry({
          code: 'GATEWAY_REWRITE_KEPT',
          status: 'kept',
          severity: 'info',
          path,
          field: `spec.${protocol}.action.rewrite`,
          appMesh: `rewrites ${listText(rewrites)}`,
          serviceConnect: `Transforms ${JSON.stringify(transforms)} on the rules that forward`,
          reason:
            'ALB rule transforms rewrite the path and the Host header with a regular expression before forwarding [behaviour unverified].',
        }),
      );
  }
  return entries;
}
