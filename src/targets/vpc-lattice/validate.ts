/**
 * What a definition must satisfy to compile to `vpc-lattice` beyond what App Mesh asks and what the
 * Lattice routing checks (routing.ts, limits.ts): the target's options, IPv6-only meshes, and node
 * listeners whose TLS Lattice would silently turn into plaintext, and the gateways without a load
 * balancer, which it does not compile (one with a load balancer becomes an ALB: src/targets/alb).
 */
import type { MeshDefinition } from '../../definition/mesh-definition.js';
import { paths } from '../../definition/paths.js';
import type { VpcLatticeOptions } from '../../plan/plan-options.js';
import { issue, type PlanIssue, show } from '../../validate/issue.js';
import { NAME_SUFFIX } from '../service-connect/green-names.js';

export function checkVpcLattice(definition: MeshDefinition, options: VpcLatticeOptions): PlanIssue[] {
  return [
    ...checkVpcLatticeOptions(options),
    ...checkIpv6Only(definition),
    ...checkListenerTls(definition),
    ...gatewayIssues(definition),
  ];
}

/** The option values the shape check leaves to the target (check-plan-options.ts checks the types). */
export function checkVpcLatticeOptions(options: VpcLatticeOptions): PlanIssue[] {
  const { nameSuffix } = options;
  if (nameSuffix === undefined || (typeof nameSuffix === 'string' && NAME_SUFFIX.test(nameSuffix))) return [];
  return [
    issue('INVALID_OPTION', 'plan', 'up to 16 letters, digits, - or _', show(nameSuffix), {
      field: 'vpcLattice.nameSuffix',
    }),
  ];
}

/** The plan's target groups reach the tasks over IPv4 (Lattice's default ipAddressType). */
function checkIpv6Only(definition: MeshDefinition): PlanIssue[] {
  const refused = (path: string, field: string) =>
    issue('UNSUPPORTED_BY_TARGET', path, 'an IP preference the plan honours (IPv4)', 'IPv6_ONLY', {
      field,
      explanation: "The plan's VPC Lattice target groups reach the tasks over IPv4.",
    });
  return [
    ...(definition.ipPreference === 'IPv6_ONLY'
      ? [refused(paths.mesh(definition.name), 'ipPreference')]
      : []),
    ...definition.nodes
      .filter((node) => node.serviceDiscovery?.ipPreference === 'IPv6_ONLY')
      .map((node) => refused(paths.virtualNode(definition.name, node.name), 'serviceDiscovery.ipPreference')),
  ];
}

/**
 * Lattice's HTTP listener and target group carry plaintext to the tasks: a STRICT listener's
 * promise (TLS only) would be broken, so it stops the plan; a PERMISSIVE one accepted plaintext.
 */
function checkListenerTls(definition: MeshDefinition): PlanIssue[] {
  const found: PlanIssue[] = [];
  for (const node of definition.nodes) {
    node.listeners.forEach((listener, index) => {
      const mode = listener.tls?.mode;
      if (mode === undefined || mode === 'DISABLED') return;
      const strict = mode === 'STRICT';
      found.push(
        issue(
          strict ? 'UNSUPPORTED_BY_TARGET' : 'CHANGED_BY_TARGET',
          paths.virtualNode(definition.name, node.name),
          'a listener without TLS: VPC Lattice forwards plain HTTP to the tasks',
          `TLS mode ${mode}`,
          {
            field: `listeners[${index}].tls`,
            ...(strict ? {} : { severity: 'warning' as const }),
            explanation: strict
              ? "The traffic to this listener would silently become plaintext; use target 'service-connect' with serviceConnect.tls."
              : 'Lattice sends plaintext, which this listener accepts: TLS is no longer used.',
          },
        ),
      );
    });
  }
  return found;
}

/**
 * A gateway without a load balancer has nothing to become: each is named, with what the user must
 * do. The others become ALBs, whose code (gateway-alb.ts) reports what changes.
 */
function gatewayIssues(definition: MeshDefinition): PlanIssue[] {
  return definition.gateways
    .filter((gateway) => gateway.task?.loadBalancer === undefined)
    .map((gateway) =>
      issue(
        'CHANGED_BY_TARGET',
        paths.virtualGateway(definition.name, gateway.name),
        'a virtual gateway this target compiles',
        'none: not compiled',
        {
          severity: 'warning',
          explanation:
            'Its task is not planned: give it a load balancer (it then becomes an ALB), or put one in front of the services its routes reach. See the migration report (appmesh-builder migrate).',
        },
      ),
    );
}
