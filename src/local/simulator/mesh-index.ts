/**
 * The MeshView turned into lookup tables once, when a simulator is created, so that a request is
 * a few map lookups: DNS names, each node's backends and endpoints, routers' compiled routes,
 * gateways' compiled gateway routes, and which task owns which IP.
 */
import type {
  VirtualGatewayListener,
  VirtualNodeData,
  VirtualRouterListener,
} from '@aws-sdk/client-app-mesh';
import { type CompiledGatewayRoute, compileGatewayRoutes } from './gateway-route-table.js';
import type { CloudMapServiceView, MeshView, RunningTask } from './mesh-view.js';
import { type CompiledRoute, compileRoutes, type ListenerProtocol } from './route-table.js';

export interface TaskEntry {
  readonly task: RunningTask;
  /** The virtual node of this mesh the task implements, if any. */
  readonly node: string | undefined;
  readonly gateway: string | undefined;
  /** Ports that accept connections: a meshed task's listener ports, otherwise its container ports. */
  readonly ports: ReadonlySet<number>;
  /** What its app answers: COLOR, else the node's name. */
  readonly body: string;
}

export interface NodeEntry {
  readonly name: string;
  readonly listeners: ReadonlyMap<number, ListenerProtocol>;
  /** The first listener's port: where a target without a port is sent. */
  readonly defaultPort: number | undefined;
  /** Backend virtual service names by lower-case name. */
  readonly backends: ReadonlyMap<string, string>;
  /** How Envoy finds the node's endpoints, for traces: `cloud map colors.local/red`. */
  readonly discovery: string;
  /** Endpoint IPs, as Envoy's service discovery returns them. */
  readonly endpoints: readonly string[];
  readonly tasks: readonly TaskEntry[];
}

export type Provider =
  | { readonly kind: 'virtualNode'; readonly name: string }
  | { readonly kind: 'virtualRouter'; readonly name: string }
  | { readonly kind: 'none' };

export interface ServiceEntry {
  readonly name: string;
  readonly provider: Provider;
}

export interface RouterEntry {
  readonly name: string;
  readonly listeners: ReadonlyMap<number, ListenerProtocol>;
  readonly defaultPort: number | undefined;
  readonly routes: readonly CompiledRoute[];
}

export interface GatewayEntry {
  readonly name: string;
  readonly listeners: ReadonlyMap<number, ListenerProtocol>;
  readonly defaultPort: number | undefined;
  readonly routes: readonly CompiledGatewayRoute[];
  readonly tasks: readonly TaskEntry[];
}

export interface MeshIndex {
  readonly meshName: string;
  readonly egressFilter: 'ALLOW_ALL' | 'DROP_ALL';
  readonly nodes: ReadonlyMap<string, NodeEntry>;
  /** By lower-case name (DNS and Envoy's virtual hosts ignore case). */
  readonly services: ReadonlyMap<string, ServiceEntry>;
  readonly routers: ReadonlyMap<string, RouterEntry>;
  readonly gateways: ReadonlyMap<string, GatewayEntry>;
  /** Lower-case host name to the IPs its A records hold. */
  readonly dns: ReadonlyMap<string, readonly string[]>;
  readonly tasksByIp: ReadonlyMap<string, TaskEntry>;
}

export function indexMeshView(view: MeshView): MeshIndex {
  const meshName = view.mesh.meshName ?? '';
  const nodeListeners = new Map(
    view.virtualNodes.map((n) => [n.virtualNodeName ?? '', listenerMap(n.spec?.listeners ?? [])]),
  );
  const gatewayListeners = new Map(
    view.virtualGateways.map((g) => [g.virtualGatewayName ?? '', listenerMap(g.spec?.listeners ?? [])]),
  );

  const tasks = [...view.tasks]
    .sort((a, b) => compareIp(a.ip, b.ip))
    .map((task): TaskEntry => {
      const resource = task.appMeshResource?.meshName === meshName ? task.appMeshResource : undefined;
      const node = resource?.kind === 'virtualNode' ? resource.name : undefined;
      const gateway = resource?.kind === 'virtualGateway' ? resource.name : undefined;
      const meshPorts =
        node !== undefined
          ? nodeListeners.get(node)
          : gateway !== undefined
            ? gatewayListeners.get(gateway)
            : undefined;
      return {
        task,
        node,
        gateway,
        ports: new Set(meshPorts === undefined ? task.ports : meshPorts.keys()),
        body: task.color ?? node ?? '',
      };
    });
  const tasksByIp = new Map<string, TaskEntry>();
  for (const entry of tasks) if (!tasksByIp.has(entry.task.ip)) tasksByIp.set(entry.task.ip, entry);

  const dns = new Map<string, string[]>();
  for (const service of view.cloudMap) {
    if (service.hostname === undefined) continue;
    const ips = service.instances.flatMap((i) => (i.ipv4 === undefined ? [] : [i.ipv4]));
    if (ips.length === 0) continue;
    const host = service.hostname.toLowerCase();
    dns.set(host, [...new Set([...(dns.get(host) ?? []), ...ips])]);
  }

  // Grouped once, so that each node, router and gateway below is a lookup, not a scan.
  const tasksByNode = groupBy(tasks, (t) => t.node);
  const tasksByGateway = groupBy(tasks, (t) => t.gateway);
  const routesByRouter = groupBy(view.routes, (r) => r.virtualRouterName);
  const routesByGateway = groupBy(view.gatewayRoutes, (r) => r.virtualGatewayName);
  const cloudMapServices = groupBy(view.cloudMap, (s) => cloudMapKey(s.namespaceName, s.serviceName));

  const nodes = new Map<string, NodeEntry>();
  for (const node of view.virtualNodes) {
    const name = node.virtualNodeName ?? '';
    const listeners = nodeListeners.get(name) ?? new Map();
    const { discovery, endpoints } = discoverEndpoints(node, cloudMapServices, dns);
    nodes.set(name, {
      name,
      listeners,
      defaultPort: listeners.keys().next().value,
      backends: new Map(
        (node.spec?.backends ?? []).flatMap((b) => {
          const service = b.virtualService?.virtualServiceName;
          return service === undefined ? [] : [[service.toLowerCase(), service] as const];
        }),
      ),
      discovery,
      endpoints,
      tasks: tasksByNode.get(name) ?? [],
    });
  }

  const services = new Map<string, ServiceEntry>();
  for (const service of view.virtualServices) {
    const name = service.virtualServiceName ?? '';
    const provider = service.spec?.provider;
    services.set(name.toLowerCase(), {
      name,
      provider:
        provider?.virtualNode !== undefined
          ? { kind: 'virtualNode', name: provider.virtualNode.virtualNodeName ?? '' }
          : provider?.virtualRouter !== undefined
            ? { kind: 'virtualRouter', name: provider.virtualRouter.virtualRouterName ?? '' }
            : { kind: 'none' },
    });
  }

  const routers = new Map<string, RouterEntry>();
  for (const router of view.virtualRouters) {
    const name = router.virtualRouterName ?? '';
    const listeners = listenerMap(router.spec?.listeners ?? []);
    routers.set(name, {
      name,
      listeners,
      defaultPort: listeners.keys().next().value,
      routes: compileRoutes(routesByRouter.get(name) ?? []),
    });
  }

  const gateways = new Map<string, GatewayEntry>();
  for (const gateway of view.virtualGateways) {
    const name = gateway.virtualGatewayName ?? '';
    const listeners = gatewayListeners.get(name) ?? new Map();
    gateways.set(name, {
      name,
      listeners,
      defaultPort: listeners.keys().next().value,
      routes: compileGatewayRoutes(routesByGateway.get(name) ?? []),
      tasks: tasksByGateway.get(name) ?? [],
    });
  }

  const egressFilter = view.mesh.spec?.egressFilter?.type === 'ALLOW_ALL' ? 'ALLOW_ALL' : 'DROP_ALL';
  return { meshName, egressFilter, nodes, services, routers, gateways, dns, tasksByIp };
}

/** Cloud Map service names are case-insensitive; namespace names are matched as given. */
function cloudMapKey(namespaceName: string, serviceName: string): string {
  return `${namespaceName}\n${serviceName.toLowerCase()}`;
}

/** Items by key, in their order; items without a key are left out. */
function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

function listenerMap(
  listeners: readonly (VirtualRouterListener | VirtualGatewayListener)[],
): Map<number, ListenerProtocol> {
  const result = new Map<number, ListenerProtocol>();
  for (const listener of listeners) {
    const port = listener.portMapping?.port;
    if (port !== undefined && !result.has(port)) {
      result.set(port, (listener.portMapping?.protocol ?? 'http') as ListenerProtocol);
    }
  }
  return result;
}

/**
 * Cloud Map discovery asks for the service's instances (DiscoverInstances), keeping those whose
 * attributes match the node's filter; DNS discovery resolves the host name.
 */
function discoverEndpoints(
  node: VirtualNodeData,
  cloudMap: ReadonlyMap<string, readonly CloudMapServiceView[]>,
  dns: ReadonlyMap<string, readonly string[]>,
): { discovery: string; endpoints: readonly string[] } {
  const discovery = node.spec?.serviceDiscovery;
  if (discovery?.awsCloudMap !== undefined) {
    const { namespaceName = '', serviceName = '', attributes = [] } = discovery.awsCloudMap;
    const endpoints = (cloudMap.get(cloudMapKey(namespaceName, serviceName)) ?? [])
      .flatMap((s) => s.instances)
      .filter((i) => attributes.every((a) => i.attributes[a.key ?? ''] === a.value))
      .flatMap((i) => (i.ipv4 === undefined ? [] : [i.ipv4]));
    return { discovery: `cloud map ${namespaceName}/${serviceName}`, endpoints: [...new Set(endpoints)] };
  }
  if (discovery?.dns !== undefined) {
    const hostname = (discovery.dns.hostname ?? '').toLowerCase();
    return { discovery: `dns ${hostname}`, endpoints: dns.get(hostname) ?? [] };
  }
  return { discovery: 'no service discovery', endpoints: [] };
}

/** Numeric order of dotted IPv4 addresses. */
export function compareIp(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
