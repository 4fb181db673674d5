/**
 * How a mesh's virtual nodes become Service Connect endpoints: one `services[]` entry per node
 * listener (its port name, discovery name and one client alias), and which virtual service name
 * each entry keeps. The plan, the migration report and the simulator all read this one mapping,
 * so what the report says changes is exactly what the plan does.
 */
import type { Duration, Listener, PortProtocol, WeightedTarget } from '@aws-sdk/client-app-mesh';
import type {
  MeshDefinition,
  RouteDefinition,
  VirtualNodeDefinition,
  VirtualRouterDefinition,
} from '../../definition/mesh-definition.js';

/** `portMappings[].name` and `discoveryName`: lowercase letters, digits, `_` and `-`, not first `-`. */
export const SERVICE_CONNECT_NAME = /^[a-z0-9_][a-z0-9_-]{0,63}$/;
/** `clientAliases[].dnsName`: lowercase letters, digits, `_`, `-` and `.`, not first `-`, ≤127. */
export const CLIENT_ALIAS_DNS_NAME = /^[a-z0-9_.][a-z0-9_.-]{0,126}$/;

/** A virtual service name kept as a client alias: applications call the same name and port. */
export interface ClientAlias {
  readonly dnsName: string;
  readonly port: number;
  /** The virtual service this alias keeps. */
  readonly virtualService: string;
  /** Through a router: the router whose routes are replaced by this one target. */
  readonly router?: string;
}

/** A virtual service name (and port) that no endpoint can answer under Service Connect. */
export interface DroppedAlias {
  readonly virtualService: string;
  readonly port: number;
  readonly reason: 'alias-taken' | 'no-endpoint' | 'not-a-dns-name';
  /** For `alias-taken`: the name the entry kept instead. */
  readonly keptInstead?: string;
}

/** Service Connect timeouts, whole seconds (AWS's unit), with the App Mesh values they come from. */
export interface EndpointTimeout {
  readonly idleTimeoutSeconds?: number;
  readonly perRequestTimeoutSeconds?: number;
  /** The App Mesh durations in milliseconds, where rounding changed them. */
  readonly roundedFromMs: { readonly idle?: number; readonly perRequest?: number };
}

/** One `serviceConnectConfiguration.services[]` entry of a node's ECS service. */
export interface ServiceConnectEndpoint {
  readonly node: string;
  readonly listenerIndex: number;
  readonly protocol: PortProtocol;
  /** The container port the listener intercepted; the entry's port mapping publishes it. */
  readonly port: number;
  /** `portMappings[].name` and `portName`: `<protocol>-<port>`. */
  readonly portName: string;
  /** The Cloud Map service ECS creates; the node's name made valid, unique in the namespace. */
  readonly discoveryName: string;
  /** `appProtocol`; undefined for TCP (ECS's default). */
  readonly appProtocol: 'http' | 'http2' | 'grpc' | undefined;
  /** At most one: AWS allows one client alias per entry. */
  readonly alias: ClientAlias | undefined;
  readonly timeout: EndpointTimeout | undefined;
  /** The listener has TLS (mode STRICT or PERMISSIVE): Service Connect TLS must replace it. */
  readonly tls: boolean;
}

export interface ServiceConnectMapping {
  /** Every node's endpoints, by node name (nodes without a listener have none: clients only). */
  readonly endpoints: ReadonlyMap<string, readonly ServiceConnectEndpoint[]>;
  /** Virtual service names that lose their endpoint, in name order. */
  readonly dropped: readonly DroppedAlias[];
}

const MAX_NAME = 64;

/** A name made valid for a port or discovery name: lowercase, other characters to `-`, ≤64. */
export function serviceConnectName(name: string, maxLength = MAX_NAME): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '-')
    .replace(/^-+/, '')
    .slice(0, maxLength);
}

/** Whole seconds, rounded up: Service Connect cannot time out sooner than App Mesh did. */
export function secondsRoundedUp(duration: Duration): { seconds: number; ms: number } {
  const ms = duration.unit === 's' ? (duration.value ?? 0) * 1000 : (duration.value ?? 0);
  return { seconds: Math.ceil(ms / 1000), ms };
}

export interface MappingOptions {
  /**
   * The routers' virtual services are VPC Lattice services (target `service-connect+vpc-lattice`):
   * Lattice answers their names, so no endpoint keeps them as a client alias.
   */
  readonly routersOnLattice?: boolean;
}

/**
 * The mapping for a definition. Each listener entry keeps at most one name: first the virtual
 * services the node provides itself (in name order), then those of routers whose chosen target it
 * is. A name that finds no entry, or whose entry is taken, is dropped.
 */
export function serviceConnectMapping(
  definition: MeshDefinition,
  options: MappingOptions = {},
): ServiceConnectMapping {
  const endpoints = new Map<string, ServiceConnectEndpoint[]>();
  const nodes = new Map(definition.nodes.map((node) => [node.name, node]));
  for (const node of definition.nodes) endpoints.set(node.name, endpointsOf(node));

  const dropped: DroppedAlias[] = [];
  const candidates: { node: string; listenerIndex: number; alias: ClientAlias }[] = [];
  const services = [...definition.services].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const byNodeFirst = [
    ...services.filter((service) => service.provider.kind === 'virtualNode'),
    ...services.filter((service) => service.provider.kind !== 'virtualNode'),
  ];
  for (const service of byNodeFirst) {
    const { provider } = service;
    if (provider.kind === 'virtualNode') {
      const node = nodes.get(provider.name);
      const listeners = endpoints.get(provider.name) ?? [];
      if (node === undefined || listeners.length === 0) {
        dropped.push({ virtualService: service.name, port: 0, reason: 'no-endpoint' });
        continue;
      }
      for (const endpoint of listeners) {
        candidates.push({
          node: node.name,
          listenerIndex: endpoint.listenerIndex,
          alias: { dnsName: service.name.toLowerCase(), port: endpoint.port, virtualService: service.name },
        });
      }
    } else if (provider.kind === 'virtualRouter') {
      if (options.routersOnLattice) continue;
      const router = definition.routers.find((candidate) => candidate.name === provider.name);
      const port = router?.listeners[0]?.portMapping?.port;
      const target = router === undefined ? undefined : chosenTarget(router);
      const listeners = target === undefined ? [] : (endpoints.get(target.virtualNode ?? '') ?? []);
      const endpoint = listeners.find((entry) => entry.port === target?.port) ?? listeners[0];
      if (router === undefined || port === undefined || endpoint === undefined) {
        dropped.push({ virtualService: service.name, port: port ?? 0, reason: 'no-endpoint' });
        continue;
      }
      candidates.push({
        node: endpoint.node,
        listenerIndex: endpoint.listenerIndex,
        alias: {
          dnsName: service.name.toLowerCase(),
          port,
          virtualService: service.name,
          router: router.name,
        },
      });
    } else {
      dropped.push({ virtualService: service.name, port: 0, reason: 'no-endpoint' });
    }
  }

  for (const { node, listenerIndex, alias } of candidates) {
    const list = endpoints.get(node) as ServiceConnectEndpoint[];
    const at = list.findIndex((entry) => entry.listenerIndex === listenerIndex);
    const entry = list[at] as ServiceConnectEndpoint;
    if (!CLIENT_ALIAS_DNS_NAME.test(alias.dnsName)) {
      dropped.push({ virtualService: alias.virtualService, port: alias.port, reason: 'not-a-dns-name' });
    } else if (entry.alias !== undefined) {
      dropped.push({
        virtualService: alias.virtualService,
        port: alias.port,
        reason: 'alias-taken',
        keptInstead: entry.alias.virtualService,
      });
    } else {
      list[at] = { ...entry, alias };
    }
  }
  dropped.sort((a, b) =>
    a.virtualService < b.virtualService ? -1 : a.virtualService > b.virtualService ? 1 : 0,
  );
  return { endpoints, dropped };
}

/**
 * The one node a router's virtual service keeps under Service Connect, which cannot split traffic:
 * the catch-all route (a `/` prefix, or no match at all) of highest priority, else the first route;
 * in it, the target of highest weight (the first by name on a tie).
 */
export function chosenTarget(router: VirtualRouterDefinition): WeightedTarget | undefined {
  const routes = [...router.routes].sort((a, b) => (priorityOf(a) ?? 1001) - (priorityOf(b) ?? 1001));
  const route = routes.find(isCatchAll) ?? routes[0];
  const targets = route === undefined ? [] : targetsOf(route);
  return [...targets].sort(
    (a, b) =>
      (b.weight ?? 0) - (a.weight ?? 0) ||
      ((a.virtualNode ?? '') < (b.virtualNode ?? '')
        ? -1
        : (a.virtualNode ?? '') > (b.virtualNode ?? '')
          ? 1
          : 0),
  )[0];
}

/** The nodes a router's routes send traffic to, by name, each once. */
export function routerTargetNodes(router: VirtualRouterDefinition): string[] {
  const nodes = router.routes.flatMap((route) => targetsOf(route).map((target) => target.virtualNode ?? ''));
  return [...new Set(nodes)].filter((node) => node !== '').sort();
}

type RouteMember = {
  match?: {
    prefix?: string;
    path?: unknown;
    headers?: unknown;
    queryParameters?: unknown;
    method?: string;
    serviceName?: string;
    metadata?: unknown;
  };
  action?: { weightedTargets?: WeightedTarget[] };
};

function routeMember(route: RouteDefinition): RouteMember | undefined {
  const { spec } = route;
  return (spec.httpRoute ?? spec.http2Route ?? spec.grpcRoute ?? spec.tcpRoute) as RouteMember | undefined;
}

function priorityOf(route: RouteDefinition): number | undefined {
  return route.spec.priority;
}

function targetsOf(route: RouteDefinition): readonly WeightedTarget[] {
  return routeMember(route)?.action?.weightedTargets ?? [];
}

/** A route every request of its protocol takes: TCP, a `/` prefix alone, or a gRPC route without a match. */
export function isCatchAll(route: RouteDefinition): boolean {
  const member = routeMember(route);
  if (route.spec.tcpRoute !== undefined) return true;
  const match = member?.match;
  if (match === undefined) return true;
  const { prefix, ...rest } = match;
  const others = Object.values(rest).filter((value) => value !== undefined);
  return (
    (prefix === '/' || (route.spec.grpcRoute !== undefined && prefix === undefined)) && others.length === 0
  );
}

function endpointsOf(node: VirtualNodeDefinition): ServiceConnectEndpoint[] {
  const listeners = node.listeners.filter(
    (listener): listener is Listener & { portMapping: { port: number; protocol: PortProtocol } } =>
      listener.portMapping?.port !== undefined && listener.portMapping.protocol !== undefined,
  );
  const base = serviceConnectName(node.name);
  return listeners.map((listener) => {
    const { port, protocol } = listener.portMapping;
    const discoveryName =
      listeners.length === 1
        ? base
        : `${serviceConnectName(node.name, MAX_NAME - String(port).length - 1)}-${port}`;
    return {
      node: node.name,
      listenerIndex: node.listeners.indexOf(listener),
      protocol,
      port,
      portName: `${protocol}-${port}`,
      discoveryName,
      appProtocol: protocol === 'tcp' ? undefined : protocol,
      alias: undefined,
      timeout: timeoutOf(listener),
      tls: listener.tls !== undefined && listener.tls.mode !== 'DISABLED',
    };
  });
}

function timeoutOf(listener: Listener): EndpointTimeout | undefined {
  const timeout = listener.timeout;
  if (timeout === undefined) return undefined;
  const member = (timeout.http ?? timeout.http2 ?? timeout.grpc ?? timeout.tcp) as
    | { idle?: Duration; perRequest?: Duration }
    | undefined;
  if (member === undefined) return undefined;
  const idle = member.idle === undefined ? undefined : secondsRoundedUp(member.idle);
  const perRequest =
    member.perRequest === undefined || timeout.tcp !== undefined
      ? undefined
      : secondsRoundedUp(member.perRequest);
  if (idle === undefined && perRequest === undefined) return undefined;
  const roundedFromMs: { idle?: number; perRequest?: number } = {};
  if (idle !== undefined && idle.seconds * 1000 !== idle.ms) roundedFromMs.idle = idle.ms;
  if (perRequest !== undefined && perRequest.seconds * 1000 !== perRequest.ms)
    roundedFromMs.perRequest = perRequest.ms;
  return {
    ...(idle === undefined ? {} : { idleTimeoutSeconds: idle.seconds }),
    ...(perRequest === undefined ? {} : { perRequestTimeoutSeconds: perRequest.seconds }),
    roundedFromMs,
  };
}
