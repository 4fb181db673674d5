/**
 * The tutorial's DNS lesson: the application resolves a virtual service name before Envoy can
 * intercept the request, so every virtual service name must have a DNS record. Here a name
 * resolves when it is `<Cloud Map service>.<namespace>` for a service some task registers in,
 * or when `externalDns` lists it (exactly or through a `*.suffix` wildcard).
 */
import { paths } from '../definition/paths.js';
import type { ValidationContext } from './context.js';
import { issue, type PlanIssue, show } from './issue.js';

const WHY =
  'The application resolves the name before Envoy can intercept the request; if DNS fails, no request is ever ' +
  'made and Envoy never sees it (the tutorial\'s reason for the "router" Cloud Map service).';

/** DNS names compare without case and without a trailing dot. */
function normalise(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

interface ExternalDns {
  readonly exact: ReadonlySet<string>;
  /** `*.mesh.local` is stored as `mesh.local`; it covers any name below it. */
  readonly wildcardSuffixes: ReadonlySet<string>;
}

function externalDns(entries: readonly string[]): ExternalDns {
  const exact = new Set<string>();
  const wildcardSuffixes = new Set<string>();
  for (const entry of entries) {
    const name = normalise(entry);
    if (name.startsWith('*.')) wildcardSuffixes.add(name.slice(2));
    else exact.add(name);
  }
  return { exact, wildcardSuffixes };
}

/** Walks the name's parent domains, so the cost is the number of labels, not the number of wildcards. */
function coveredByWildcard(name: string, suffixes: ReadonlySet<string>): boolean {
  if (suffixes.size === 0) return false;
  for (let dot = name.indexOf('.'); dot !== -1; dot = name.indexOf('.', dot + 1)) {
    if (suffixes.has(name.slice(dot + 1))) return true;
  }
  return false;
}

export function checkDnsResolution(context: ValidationContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  const { definition, mesh } = context;
  const external = externalDns(definition.externalDns);
  const namespace = context.namespaceName === undefined ? undefined : normalise(context.namespaceName);
  // Cloud Map service names by lower case, so `Red` and `red.colors.local` meet.
  const declared = new Map<string, string>();
  for (const name of context.cloudMapServices) declared.set(name.toLowerCase(), name);
  const registered = new Set([...context.registeredCloudMapServices].map((name) => name.toLowerCase()));

  for (const service of definition.services) {
    const name = normalise(service.name);
    if (external.exact.has(name) || coveredByWildcard(name, external.wildcardSuffixes)) continue;
    const path = paths.virtualService(mesh, service.name);
    const inNamespace = namespace !== undefined && name.endsWith(`.${namespace}`);
    const label = inNamespace ? name.slice(0, -(namespace.length + 1)) : undefined;
    if (label !== undefined && registered.has(label)) continue;

    const cloudMapName = label === undefined ? undefined : declared.get(label);
    const expected =
      label === undefined
        ? `a name inside the Cloud Map namespace${namespace === undefined ? '' : ` ${show(namespace)}`} with a registered task, or an externalDns entry`
        : `a Cloud Map service ${show(label)} in namespace ${show(namespace)} with a registered task, or an externalDns entry`;
    const received =
      cloudMapName === undefined
        ? `no DNS record for ${show(service.name)}`
        : `Cloud Map service ${show(cloudMapName)} exists but no task registers in it, so ${show(service.name)} has no DNS record`;
    const fix =
      cloudMapName === undefined
        ? label === undefined
          ? 'Rename the service into the namespace, or list the name in externalDns.'
          : `Declare Cloud Map service ${show(label)} and register a task in it, or list the name in externalDns.`
        : `Register a task in it (a node's Cloud Map discovery or task.registerIn), as the tutorial registers green in "router".`;
    out.push(
      issue('UNRESOLVABLE_SERVICE_NAME', path, expected, received, {
        field: 'name',
        explanation: `${WHY} ${fix}`,
      }),
    );
  }
  return out;
}
