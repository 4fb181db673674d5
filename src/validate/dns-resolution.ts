/**
 * The tutorial's DNS lesson: the application resolves a virtual service name before Envoy can
 * intercept the request, so every virtual service name must have a DNS record. Here a name
 * resolves when it is `<Cloud Map service>.<namespace>` for a service some task registers in,
 * or when `externalDns` lists it (exactly or through a `*.suffix` wildcard).
 *
 * Only the plan's own tasks are known here. When a task of this plan serves the name, a missing
 * record is an error; when the tasks run elsewhere (deployed by other tools), registering them is
 * the user's part, so the issue is a warning that says what to register where.
 */
import type { VirtualNodeDefinition, VirtualServiceDefinition } from '../definition/mesh-definition.js';
import { paths } from '../definition/paths.js';
import type { ValidationContext } from './context.js';
import { issue, type PlanIssue, show } from './issue.js';
import { weightedTargetsOf } from './route-kinds.js';

/** The why is the same for every name: it lives in the docs, not in each issue. */
const WHY = 'Why: docs/validation.md#why-a-virtual-service-name-must-resolve';

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

/** The nodes whose tasks answer for a service: its provider node, or its router's route targets. */
function nodesBehind(context: ValidationContext, service: VirtualServiceDefinition): string[] {
  const provider = service.provider;
  if (provider?.kind === 'virtualNode') return [provider.name];
  if (provider?.kind !== 'virtualRouter') return [];
  const names = new Set<string>();
  for (const route of context.routers.get(provider.name)?.routes ?? []) {
    const found = route?.spec === undefined ? undefined : weightedTargetsOf(route.spec);
    for (const target of found?.targets ?? []) {
      if (typeof target?.virtualNode === 'string') names.add(target.virtualNode);
    }
  }
  return [...names];
}

/** The Cloud Map service a node is discovered in, in lower case. */
function discoveryOf(node: VirtualNodeDefinition | undefined): string | undefined {
  const discovery = node?.serviceDiscovery;
  return discovery?.kind === 'cloudMap' && typeof discovery.service === 'string'
    ? lowerCase(discovery.service)
    : undefined;
}

/** `"a"`, `"a" or "b"`, `"a", "b" or "c"`; past three, the first three and how many more. */
function either(names: readonly string[]): string {
  const shown = names.slice(0, 3).map((name) => show(name));
  if (names.length > 3) return `${shown.join(', ')} or ${names.length - 3} more`;
  return shown.length === 1 ? (shown[0] as string) : `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}`;
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
    const inNamespace = namespaceSuffix !== undefined && name.endsWith(namespaceSuffix);
    const label = inNamespace ? name.slice(0, -namespaceSuffix.length) : undefined;
    if (label !== undefined && registered.has(label)) continue;

    const behind = nodesBehind(context, service);
    const ownTasks = behind.filter((node) => context.nodes.get(node)?.task !== undefined);
    // Tasks elsewhere: a node that Envoy already finds in this Cloud Map service is the one to register.
    const discovered =
      label === undefined ? [] : behind.filter((node) => discoveryOf(context.nodes.get(node)) === label);
    const toRegister = discovered.length > 0 ? discovered : behind;
    // The plan's own tasks are the ones to register (an error) unless a node that Envoy finds in
    // this Cloud Map service runs elsewhere: then registering is someone else's (a warning).
    const elsewhere = discovered.some((node) => context.nodes.get(node)?.task === undefined);
    const ours = elsewhere ? [] : ownTasks;
    const cloudMapName = label === undefined ? undefined : declared.get(label);
    out.push(
      issue(
        'UNRESOLVABLE_SERVICE_NAME',
        paths.virtualService(mesh, service.name),
        label === undefined
          ? `a name in ${namespace === undefined ? "the mesh's Cloud Map namespace" : `Cloud Map namespace ${show(namespace)}`}, or an externalDns entry`
          : `a task registered in Cloud Map service ${show(label)} of ${show(namespace)}, or an externalDns entry`,
        label === undefined
          ? namespace === undefined
            ? 'a mesh without a namespace'
            : `a name outside ${show(namespace)}`
          : cloudMapName === undefined
            ? `no Cloud Map service ${show(label)}`
            : `no task of this plan registered in ${show(cloudMapName)}`,
        {
          field: 'name',
          severity: ours.length > 0 ? 'error' : 'warning',
          explanation: `${whatToDo(label, cloudMapName, namespace, ours, toRegister)} ${WHY}`,
        },
      ),
    );
  }
  return out;
}

/** One sentence: who must register what, for the plan's own tasks or for tasks that run elsewhere. */
function whatToDo(
  label: string | undefined,
  cloudMapName: string | undefined,
  namespace: string | undefined,
  ownTasks: readonly string[],
  toRegister: readonly string[],
): string {
  if (label === undefined) {
    if (ownTasks.length === 0)
      return 'Its tasks run outside this plan: make the name resolve there and list it in externalDns.';
    return namespace === undefined
      ? 'Declare a namespace and name it inside.'
      : `Name it inside ${show(namespace)}.`;
  }
  const declare = cloudMapName === undefined ? `declare .cloudMapService(${show(label)}) and ` : '';
  if (ownTasks.length > 0) {
    const register = `register the task of ${nodes(ownTasks)} in ${show(label)} (.cloudMap() or task.registerIn).`;
    return capitalised(`${declare}${register}`);
  }
  const tasks = toRegister.length > 0 ? `the tasks of ${nodes(toRegister)}` : 'its tasks';
  return `Its tasks run outside this plan: ${declare}register ${tasks} in ${show(label)} (the ECS service's service registry).`;
}

function nodes(names: readonly string[]): string {
  return `${names.length === 1 ? 'node' : 'nodes'} ${either(names)}`;
}

function capitalised(sentence: string): string {
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}`;
}
