/**
 * One request from a task through VPC Lattice, when its host is a Lattice service's name (its
 * custom domain name, whose DNS record the plan asks the user to create, or AWS's DNS name): the
 * caller's VPC must be associated with a service network the service is in; the service needs a
 * listener on the request's port; the AWS_IAM auth policies on the way must allow the caller's
 * task role; then the listener's rules are tried by priority and the first that matches acts (no
 * match: the listener's default action, a fixed 404 unless set). A forward draws a target group
 * by weight (weight 0 is never drawn), then one of its serving targets evenly; that task's app
 * answers.
 *
 * `hops` collects a trace when given; samples pass undefined so that no trace text is built.
 */
import type { RuleAction } from '@aws-sdk/client-vpc-lattice';
import type { Chooser } from './choice.js';
import { latticeAuthDenial } from './lattice-auth.js';
import { type LatticeIndex, type LatticeServiceEntry, latticeIdOf } from './lattice-index.js';
import type { SimRequest } from './request.js';
import type { FailureReason, SimResult } from './result.js';
import type { ServiceConnectTaskEntry } from './service-connect-index.js';
import type { ServiceConnectTask } from './service-connect-view.js';
import { answer } from './task-answer.js';

type Hops = string[] | undefined;
type Fail = (reason: FailureReason, message: string) => SimResult;

/** Targets in these states receive requests (UNAVAILABLE: health checks are off, so none is judged). */
const SERVING = new Set(['HEALTHY', 'UNAVAILABLE']);

/** The service a name reaches through VPC Lattice, if any. */
export function latticeServiceFor(
  lattice: LatticeIndex | undefined,
  host: string,
): LatticeServiceEntry | undefined {
  return lattice?.hosts.get(host);
}

export function requestThroughLattice(
  lattice: LatticeIndex,
  entry: LatticeServiceEntry,
  tasksByIp: ReadonlyMap<string, ServiceConnectTaskEntry>,
  caller: ServiceConnectTask,
  request: SimRequest,
  chooser: Chooser,
  hops: Hops,
  fail: Fail,
): SimResult {
  const { service } = entry;
  const network = entry.networks.find((n) => caller.vpcId !== undefined && n.vpcIds.includes(caller.vpcId));
  if (network === undefined) {
    // The name resolves (AWS's name is public; the custom one is the user's record), to addresses
    // only the service networks' VPCs can reach.
    return fail(
      'CONNECTION_TIMEOUT',
      `${request.host} is VPC Lattice service ${service.name}, and the caller's VPC (${caller.vpcId ?? 'unknown'}) is associated with none of its service networks (${entry.networks.map((n) => n.name).join(', ') || 'none'})`,
    );
  }
  hops?.push(`vpc lattice ${network.name}: ${request.host} -> service ${service.name}`);
  const listener = entry.listeners.get(request.port);
  if (listener === undefined) {
    return fail(
      'CONNECTION_REFUSED',
      `VPC Lattice service ${service.name} has no listener on port ${request.port} (it listens on ${[...entry.listeners.keys()].join(', ') || 'none'})`,
    );
  }
  const denied = latticeAuthDenial(network, service, caller.taskRoleArn, request.path);
  if (denied !== undefined) {
    const result = fail('AUTH_DENIED', denied);
    return result.ok
      ? result
      : {
          ...result,
          curl: `AccessDeniedException: User: ${caller.taskRoleArn ?? 'anonymous'} is not authorized to perform: vpc-lattice-svcs:Invoke on resource: ${service.arn}${request.path}`,
        };
  }
  const matched = listener.rules.find((r) => r.matches(request));
  hops?.push(
    matched === undefined
      ? `listener ${listener.listener.name}: no rule matches, default action`
      : `listener ${listener.listener.name}: rule ${matched.rule.name} (priority ${matched.rule.priority})`,
  );
  const action: RuleAction = matched?.rule.action ?? listener.listener.defaultAction;
  const fixed = action.fixedResponse?.statusCode;
  if (fixed !== undefined) {
    const result =
      matched === undefined
        ? fail(
            'NO_ROUTE',
            `no rule of ${service.name}'s listener ${listener.listener.name} matches ${request.method} ${request.path}: the default action answers ${fixed}`,
          )
        : fail('FIXED_RESPONSE', `rule ${matched.rule.name} of ${service.name} answers ${fixed}`);
    return result.ok ? result : { ...result, status: fixed };
  }

  const groups = action.forward?.targetGroups ?? [];
  const drawn = groups[chooser.weighted(groups.map((g) => g.weight ?? 0))];
  if (drawn === undefined) {
    return fail('NO_HEALTHY_UPSTREAM', `every target group of ${service.name}'s forward weighs 0`);
  }
  const group = lattice.targetGroups.get(latticeIdOf(drawn.targetGroupIdentifier ?? ''));
  const targets = (group?.targets ?? []).filter((t) => SERVING.has(t.status));
  if (group === undefined || targets.length === 0) {
    return fail(
      'NO_HEALTHY_UPSTREAM',
      `target group ${group?.name ?? drawn.targetGroupIdentifier} has no healthy target`,
    );
  }
  const target = targets[chooser.uniform(targets.length)] as (typeof targets)[number];
  hops?.push(`target group ${group.name}: ${target.ip}:${target.port}`);
  const task = tasksByIp.get(target.ip);
  if (task === undefined) {
    return fail(
      'UPSTREAM_CONNECT_FAILED',
      `no running task has address ${target.ip} (a stale target of ${group.name})`,
    );
  }
  if (!task.ports.has(target.port)) {
    return fail('UPSTREAM_CONNECT_FAILED', `the task at ${target.ip} does not listen on port ${target.port}`);
  }
  return answer(task, { ...request, port: target.port }, hops);
}
