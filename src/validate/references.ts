/**
 * References between App Mesh resources: backends, virtual service providers, route targets and
 * gateway route targets must name something this definition declares.
 */
import type {
  BackendDefinition,
  VirtualNodeDefinition,
  VirtualServiceDefinition,
} from '../definition/mesh-definition.js';
import { paths } from '../definition/paths.js';
import type { ValidationContext } from './context.js';
import { resolveServiceRef } from './context.js';
import { type IssueCode, issue, type PlanIssue, show } from './issue.js';
import { gatewayTargetOf, weightedTargetsOf } from './route-kinds.js';
import { didYouMean } from './suggest.js';

/** Past this many misses, stop computing suggestions: one typo per resource is the usual case. */
const SUGGESTION_BUDGET = 20;

export function checkReferences(context: ValidationContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  const { definition, mesh } = context;
  let budget = SUGGESTION_BUDGET;
  const hint = (name: string, candidates: () => Iterable<string>): string => {
    if (budget <= 0) return '';
    budget--;
    return didYouMean(name, candidates());
  };
  let serviceNames: string[] | undefined;
  const serviceCandidates = () => {
    serviceNames ??= [...context.serviceNames, ...context.servicesByNode.keys()];
    return serviceNames;
  };

  /** Backends and gateway route targets share the same resolution and the same messages. */
  const checkServiceRef = (code: IssueCode, path: string, fieldName: string, ref: string | undefined) => {
    if (ref === undefined) {
      out.push(issue(code, path, 'a virtual service name', 'nothing', { field: fieldName }));
      return;
    }
    const resolved = resolveServiceRef(context, ref);
    if (resolved.kind === 'ambiguous') {
      out.push(
        issue('AMBIGUOUS_REFERENCE', path, 'a node fronted by exactly one virtual service', show(ref), {
          field: fieldName,
          explanation: `Node ${show(ref)} is the provider of ${resolved.services.map((s) => show(s)).join(', ')}; name the virtual service instead.`,
        }),
      );
    } else if (resolved.kind === 'unknown') {
      const fronted = context.nodes.has(ref)
        ? ` Node ${show(ref)} exists, but no virtual service fronts it.`
        : '';
      out.push(
        issue(code, path, 'a virtual service name, or a node that a virtual service fronts', show(ref), {
          field: fieldName,
          explanation: `${fronted}${hint(ref, serviceCandidates)}`.trim(),
        }),
      );
    }
  };

  const { nodes, services } = definition;
  for (let i = 0; i < nodes.length; i++) {
    const backends = (nodes[i] as VirtualNodeDefinition).backends;
    for (let index = 0; index < backends.length; index++) {
      const ref = (backends[index] as BackendDefinition).ref;
      // Most backends name a virtual service: nothing to report, so no field to build.
      if (ref !== undefined && context.serviceNames.has(ref)) continue;
      checkServiceRef('UNKNOWN_BACKEND', context.nodePaths[i] as string, `backends[${index}].ref`, ref);
    }
  }

  for (let i = 0; i < services.length; i++) {
    const service = services[i] as VirtualServiceDefinition;
    const provider = service.provider;
    if (provider.kind === 'none') continue;
    const known = provider.kind === 'virtualNode' ? context.nodes : context.routers;
    if (known.has(provider.name)) continue;
    const what = provider.kind === 'virtualNode' ? 'virtual node' : 'virtual router';
    out.push(
      issue(
        'UNKNOWN_PROVIDER',
        paths.virtualService(mesh, service.name),
        `a declared ${what}`,
        show(provider.name),
        {
          field: 'provider.name',
          explanation: hint(provider.name, () => known.keys()).trim(),
        },
      ),
    );
  }

  for (const router of definition.routers) {
    for (const route of router.routes) {
      const found = weightedTargetsOf(route.spec);
      if (!found) continue;
      const path = paths.route(mesh, router.name, route.name);
      found.targets.forEach((target, index) => {
        const node = target.virtualNode;
        if (node !== undefined && context.nodes.has(node)) return;
        out.push(
          issue('UNKNOWN_ROUTE_TARGET', path, 'a declared virtual node', show(node), {
            field: `spec.${found.member}.action.weightedTargets[${index}].virtualNode`,
            explanation: node === undefined ? undefined : hint(node, () => context.nodes.keys()).trim(),
          }),
        );
      });
    }
  }

  for (const gateway of definition.gateways) {
    for (const route of gateway.routes) {
      const target = gatewayTargetOf(route.spec);
      if (!target) continue;
      checkServiceRef(
        'UNKNOWN_GATEWAY_ROUTE_TARGET',
        paths.gatewayRoute(mesh, gateway.name, route.name),
        `spec.${target.member}.action.target.virtualService.virtualServiceName`,
        target.service,
      );
    }
  }
  return out;
}
