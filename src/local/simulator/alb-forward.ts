/**
 * One request arriving at an application load balancer, as ELBv2 handles it: the listener on the
 * request's port, its rules tried by priority (every condition must hold; values compared with
 * `*` and `?` wildcards, host, header and query values without case, paths with case), the first
 * that matches rewrites the path and Host (its transforms) and forwards to one of its target groups
 * by weight, and one of that group's healthy targets, a task, answers. No rule: the listener's
 * default action (a fixed 404 in the plans).
 *
 * `hops` collects a trace when given; samples pass undefined so that no trace text is built.
 */
import type { Action, RuleCondition, RuleTransform } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { LoadBalancerView, TargetGroupView } from './alb-view.js';
import type { Chooser } from './choice.js';
import { describeRequest, type SimRequest } from './request.js';
import { type FailureReason, failure, type SimResult } from './result.js';
import type { ServiceConnectIndex } from './service-connect-index.js';

type Hops = string[] | undefined;

export function requestAtLoadBalancer(
  index: ServiceConnectIndex,
  balancer: LoadBalancerView,
  request: SimRequest,
  chooser: Chooser,
  hops: Hops,
): SimResult {
  const fail = (reason: FailureReason, message: string, status?: number): SimResult => {
    hops?.push(`${reason}: ${message}`);
    const result = failure(reason, message, hops ?? [], { host: request.host, port: request.port });
    return status === undefined || result.ok ? result : { ...result, status };
  };
  hops?.push(`load balancer ${balancer.name}: ${describeRequest(request)}`);
  const listener = balancer.listeners.find((candidate) => candidate.port === request.port);
  if (listener === undefined) {
    const ports = balancer.listeners.map((l) => l.port).join(', ') || 'no port';
    return fail(
      'CONNECTION_REFUSED',
      `load balancer ${balancer.name} listens on ${ports}, not ${request.port}`,
    );
  }
  const rule = [...listener.rules]
    .sort((a, b) => a.priority - b.priority)
    .find((candidate) => candidate.conditions.every((condition) => holds(condition, request)));
  const actions = rule?.actions ?? listener.defaultActions;
  hops?.push(rule === undefined ? 'no rule matches: the default action' : `rule ${rule.priority} matches`);
  const rewritten = rule === undefined ? request : transformed(request, rule.transforms);
  if (rewritten !== request) hops?.push(`rewritten to ${rewritten.path}, Host ${rewritten.authority}`);
  const action = actions[actions.length - 1];
  if (action?.Type === 'fixed-response') {
    const status = Number(action.FixedResponseConfig?.StatusCode ?? 404);
    return fail('NO_ROUTE', `load balancer ${balancer.name} answers ${status} (fixed response)`, status);
  }
  if (action?.Type !== 'forward')
    return fail(
      'NO_ROUTE',
      `load balancer ${balancer.name}: a ${action?.Type ?? 'missing'} action is not simulated`,
    );
  const tuples = forwardedGroups(action);
  const chosen = tuples[chooser.weighted(tuples.map((tuple) => tuple.weight))];
  if (chosen === undefined) return fail('NO_HEALTHY_UPSTREAM', 'every target group of the rule has weight 0');
  const group = balancer.targetGroups.find((candidate) => candidate.arn === chosen.arn);
  return toTargetGroup(index, group, chosen.arn, rewritten, chooser, hops, fail);
}

function toTargetGroup(
  index: ServiceConnectIndex,
  group: TargetGroupView | undefined,
  arn: string,
  request: SimRequest,
  chooser: Chooser,
  hops: Hops,
  fail: (reason: FailureReason, message: string) => SimResult,
): SimResult {
  if (group === undefined || group.targets.length === 0)
    return fail('NO_HEALTHY_UPSTREAM', `target group ${group?.name ?? arn} has no healthy target`);
  const target = group.targets[chooser.uniform(group.targets.length)] as TargetGroupView['targets'][number];
  hops?.push(`target group ${group.name}: ${target.ip}:${target.port}`);
  const task = index.tasksByIp.get(target.ip);
  if (task === undefined || !task.ports.has(target.port))
    return fail(
      'UPSTREAM_CONNECT_FAILED',
      task === undefined
        ? `no running task has address ${target.ip}`
        : `the task at ${target.ip} does not listen on port ${target.port}`,
    );
  const body = request.path === '/healthcheck' ? 'hi' : task.body;
  hops?.push(`task ${target.ip} (${task.task.serviceName}): 200 ${body}`);
  return {
    ok: true,
    status: 200,
    body,
    servedBy: { node: task.task.serviceName, ip: target.ip },
    path: request.path,
    host: request.authority,
    hops: hops ?? [],
  };
}

function forwardedGroups(action: Action): { arn: string; weight: number }[] {
  const tuples = action.ForwardConfig?.TargetGroups;
  if (tuples !== undefined && tuples.length > 0)
    return tuples.map((tuple) => ({ arn: tuple.TargetGroupArn ?? '', weight: tuple.Weight ?? 1 }));
  return action.TargetGroupArn === undefined ? [] : [{ arn: action.TargetGroupArn, weight: 1 }];
}

/** One condition: any of its values matches. */
function holds(condition: RuleCondition, request: SimRequest): boolean {
  switch (condition.Field) {
    case 'path-pattern': {
      const config = condition.PathPatternConfig;
      const values = config?.Values ?? condition.Values ?? [];
      return (
        values.some((value) => wildcard(value, false).test(request.path)) ||
        (config?.RegexValues ?? []).some((value) => regex(value).test(request.path))
      );
    }
    case 'host-header': {
      const config = condition.HostHeaderConfig;
      const values = config?.Values ?? condition.Values ?? [];
      return (
        values.some((value) => wildcard(value, true).test(request.authority)) ||
        (config?.RegexValues ?? []).some((value) => regex(value).test(request.authority))
      );
    }
    case 'http-request-method':
      return (condition.HttpRequestMethodConfig?.Values ?? []).includes(request.method);
    case 'http-header': {
      const config = condition.HttpHeaderConfig;
      const value = request.headers[(config?.HttpHeaderName ?? '').toLowerCase()];
      if (value === undefined) return false;
      return (
        (config?.Values ?? []).some((pattern) => wildcard(pattern, true).test(value)) ||
        (config?.RegexValues ?? []).some((pattern) => regex(pattern).test(value))
      );
    }
    case 'query-string':
      return (condition.QueryStringConfig?.Values ?? []).some((pair) =>
        [...request.query].some(
          ([key, value]) =>
            (pair.Key === undefined || wildcard(pair.Key, true).test(key)) &&
            wildcard(pair.Value ?? '*', true).test(value),
        ),
      );
    default:
      // source-ip: the simulator does not know the caller's address.
      return false;
  }
}

/** The request as the target receives it: path (url-rewrite) and Host (host-header-rewrite). */
function transformed(request: SimRequest, transforms: readonly RuleTransform[]): SimRequest {
  let result = request;
  for (const transform of transforms) {
    if (transform.Type === 'url-rewrite') {
      const path = rewrite(result.path, transform.UrlRewriteConfig?.Rewrites);
      result = { ...result, path };
    } else if (transform.Type === 'host-header-rewrite') {
      const host = rewrite(result.authority, transform.HostHeaderRewriteConfig?.Rewrites).toLowerCase();
      result = { ...result, authority: host, headers: { ...result.headers, host } };
    }
  }
  return result;
}

function rewrite(
  value: string,
  rewrites: readonly { Regex?: string; Replace?: string }[] | undefined,
): string {
  let result = value;
  for (const { Regex, Replace } of rewrites ?? []) result = result.replace(regex(Regex ?? ''), Replace ?? '');
  return result;
}

/** An ALB pattern: `*` any run of characters, `?` one character, the rest as is; the whole value. */
function wildcard(pattern: string, ignoreCase: boolean): RegExp {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
}

function regex(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch {
    return /(?!)/;
  }
}
