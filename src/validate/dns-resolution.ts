/**
 * The tutorial's DNS lesson: the application resolves a virtual service name before Envoy can
 * intercept the request, so every virtual service name must have a DNS record. Here a name
 * resolves when it is `<Cloud Map service>.<namespace>` for a service some task registers in,
 * or when `externalDns` lists it (exactly or through a `*.suffix` wildcard).
 */
import type { VirtualServiceDefinition } from '../definition/mesh-definition.js';
import { paths } from '../definition/paths.js';
import type { ValidationContext } from './context.js';
import { issue, type PlanIssue, show } from './issue.js';

const WHY =
  'The application resolves the name before Envoy can intercept the request; if DNS fails, no request is ever ' +
  'made and Envoy never sees it (the tutorial\'s reason for the "router" Cloud Map service).';

/** Characters that toLowerCase may change: ASCII capitals and anything beyond ASCII. */
const MAY_HAVE_CAPITALS = /[A-Z\u0080-\uffff]/;

/** toLowerCase, which makes a new string even when nothing changes: most names are lower case already. */
function lowerCase(name: string): string {
  return typeof name === 'string' && !MAY_HAVE_CAPITALS.test(name) ? name : name.toLowerCase();
}

/** DNS names compare without case and without a trailing dot. */
function normalise(name: string): string {
  const lower = lowerCase(name);
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

interface ExternalDns {
  readonly exact: ReadonlySet<string>;
  /** `*.mesh.local` is stored as `mesh.local`; it covers any name below it. */
  readonly wildcardSuffixes: ReadonlySet<string>;
}

function externalDns(entries: readonly string[], mesh: string, out: PlanIssue[]): ExternalDns {
  const exact = new Set<string>();
  const wildcardSuffixes = new Set<string>();
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as string;
    if (typeof entry !== 'string') {
      out.push(
        issue('INVALID_NAME', paths.mesh(mesh), 'a DNS name', show(entry), { field: `externalDns[${i}]` }),
      );
      continue;
    }
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
  const external = externalDns(definition.externalDns, mesh, out);
  const namespace = context.namespaceName === undefined ? undefined : normalise(context.namespaceName);
  // Cloud Map service names by lower case, so `Red` and `red.colors.local` meet.
  const declared = new Map<string, string>();
  for (const name of context.cloudMapServices) declared.set(lowerCase(name), name);
  const registered = new Set<string>();
  for (const name of context.registeredCloudMapServices) registered.add(lowerCase(name));

  const namespaceSuffix = namespace === undefined ? undefined : `.${namespace}`;
  const { services } = definition;
  for (let i = 0; i < services.length; i++) {
    const service = services[i] as VirtualServiceDefinition;
    if (typeof service.name !== 'string') continue; // the names rule reports it
    const name = normalise(service.name);
    if (external.exact.has(name) || coveredByWildcard(name, external.wildcardSuffixes)) continue;
    const path = paths.virtualService(mesh, service.name);
    const inNamespace = namespaceSuffix !== undefined && name.endsWith(namespaceSuffix);
    const label = inNamespace ? name.slice(0, -namespaceSuffix.length) : undefined;
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
