/**
 * The application load balancers a plan would create, as the Service Connect simulator reads them:
 * each with its listeners and rules as planned, and its target groups holding the tasks of the ECS
 * services whose `loadBalancers` name them (every task healthy, as once the plan has settled).
 */
import type { Plan } from '../../plan/plan.js';
import { type PlannedResource, replaceRefs } from '../../plan/resource.js';
import type { LoadBalancerView, TargetGroupView } from './alb-view.js';
import { hex, resourcesOf } from './plan-tasks.js';
import type { ServiceConnectTask } from './service-connect-view.js';

/** Every reference as `<resource id>#<attribute>`: the same resource reads the same everywhere. */
function resolved<T>(value: T): T {
  return replaceRefs(value, (id, attribute) => `${id}#${attribute}`);
}

export function loadBalancersFromPlan(plan: Plan, tasks: readonly ServiceConnectTask[]): LoadBalancerView[] {
  const region = plan.aws?.region ?? 'us-east-1';
  const listeners = resourcesOf(plan, 'loadBalancerListener').map((r) => ({
    id: r.id,
    input: resolved(r.input),
  }));
  const rules = resourcesOf(plan, 'loadBalancerRule').map((r) => resolved(r.input));
  const groups = new Map<string, PlannedResource<'targetGroup'>>(
    resourcesOf(plan, 'targetGroup').map((r) => [`${r.id}#arn`, r]),
  );
  const services = resourcesOf(plan, 'ecsService').map((r) => resolved(r.input));
  const targetsOf = (arn: string, group: PlannedResource<'targetGroup'>): TargetGroupView => ({
    arn,
    name: group.name,
    targets: services.flatMap((service) =>
      (service.loadBalancers ?? [])
        .filter((lb) => lb.targetGroupArn === arn)
        .flatMap((lb) =>
          tasks
            .filter((task) => task.serviceName === service.serviceName)
            .map((task) => ({ ip: task.ip, port: lb.containerPort ?? group.input.Port ?? 0 })),
        ),
    ),
  });
  return resourcesOf(plan, 'loadBalancer')
    .filter((balancer) => balancer.input.Type === 'application')
    .map((balancer) => {
      const own = listeners
        .filter((listener) => listener.input.LoadBalancerArn === `${balancer.id}#arn`)
        .map((listener) => ({
          port: listener.input.Port ?? 80,
          protocol: listener.input.Protocol ?? 'HTTP',
          defaultActions: listener.input.DefaultActions ?? [],
          rules: rules
            .filter((rule) => rule.ListenerArn === `${listener.id}#arn`)
            .map((rule) => ({
              priority: rule.Priority ?? 0,
              conditions: rule.Conditions ?? [],
              actions: rule.Actions ?? [],
              transforms: rule.Transforms ?? [],
            })),
        }));
      const arns = new Set(
        own.flatMap((listener) =>
          [...listener.defaultActions, ...listener.rules.flatMap((rule) => rule.actions)].flatMap(
            (action) => [
              ...(action.TargetGroupArn === undefined ? [] : [action.TargetGroupArn]),
              ...(action.ForwardConfig?.TargetGroups ?? []).map((tuple) => tuple.TargetGroupArn ?? ''),
            ],
          ),
        ),
      );
      const internal = balancer.input.Scheme === 'internal' ? 'internal-' : '';
      return {
        name: balancer.name,
        dnsName:
          `${internal}${balancer.name}-${parseInt(hex(balancer.id, 8), 16)}.${region}.elb.amazonaws.com`.toLowerCase(),
        listeners: own,
        targetGroups: [...arns].flatMap((arn) => {
          const group = groups.get(arn);
          return group === undefined ? [] : [targetsOf(arn, group)];
        }),
      };
    });
}
