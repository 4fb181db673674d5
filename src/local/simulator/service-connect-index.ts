/**
 * A ServiceConnectView turned into lookup tables once, when a simulator is created: which ECS
 * service may resolve the namespace's names, every endpoint name (client alias, or
 * `discoveryName.namespace` for an entry without one) with its server and Cloud Map service, and
 * which task owns which IP, and the VPC Lattice part's own tables.
 */
import type { ServiceConnectConfiguration } from '@aws-sdk/client-ecs';
import { indexLatticeView, type LatticeIndex } from './lattice-index.js';
import { compareIp } from './mesh-index.js';
import type {
  ServiceConnectCloudMapService,
  ServiceConnectTask,
  ServiceConnectView,
} from './service-connect-view.js';

export interface ServiceConnectTaskEntry {
  readonly task: ServiceConnectTask;
  /** The container ports of its service's task definition. */
  readonly ports: ReadonlySet<number>;
  /** What its app answers: COLOR, else the service's name. */
  readonly body: string;
}

export interface ServiceConnectServiceEntry {
  readonly name: string;
  readonly family: string | undefined;
  /** Why its tasks cannot resolve the namespace's names; undefined when they can. */
  readonly outside: string | undefined;
  /** Sorted by IP: the first is the one requests are sent from. */
  readonly tasks: readonly ServiceConnectTaskEntry[];
}

/** One name and port a Service Connect task can call. */
export interface ServiceConnectEndpoint {
  /** Lower case. */
  readonly host: string;
  readonly port: number;
  /** The ECS service whose tasks answer. */
  readonly server: string;
  readonly discoveryName: string;
  /** The port mapping's container port: where the server's proxy sends the request. */
  readonly targetPort: number | undefined;
  /** Named by a client alias; false for the `discoveryName.namespace` of an entry without one. */
  readonly alias: boolean;
  /** Undefined when ECS has not created it (the endpoint does not exist yet). */
  readonly cloudMap: ServiceConnectCloudMapService | undefined;
}

export interface ServiceConnectIndex {
  readonly namespace: string;
  readonly services: ReadonlyMap<string, ServiceConnectServiceEntry>;
  /** By task definition family, for callers named as a plan names its nodes. */
  readonly families: ReadonlyMap<string, ServiceConnectServiceEntry>;
  /** By lower-case host: one per port. */
  readonly endpoints: ReadonlyMap<string, readonly ServiceConnectEndpoint[]>;
  readonly tasksByIp: ReadonlyMap<string, ServiceConnectTaskEntry>;
  readonly lattice: LatticeIndex | undefined;
}

/**
 * The ECS service a caller names: by service name or task family, as given or with the plan's
 * name suffix (a Service Connect plan's services are `<node's service><suffix>`).
 */
export function findServiceConnectService(
  index: ServiceConnectIndex,
  name: string,
  nameSuffix: string,
): ServiceConnectServiceEntry | undefined {
  for (const candidate of nameSuffix === '' ? [name] : [name, `${name}${nameSuffix}`]) {
    const entry = index.services.get(candidate) ?? index.families.get(candidate);
    if (entry !== undefined) return entry;
  }
  return undefined;
}

export function indexServiceConnectView(view: ServiceConnectView): ServiceConnectIndex {
  const namespace = view.namespace.name;
  const cloudMap = new Map(view.cloudMap.map((s) => [s.serviceName.toLowerCase(), s]));
  const portsOf = new Map(
    view.services.map((s) => [
      s.serviceName,
      new Set(s.portMappings.flatMap((p) => (p.containerPort === undefined ? [] : [p.containerPort]))),
    ]),
  );

  const tasks = [...view.tasks]
    .sort((a, b) => compareIp(a.ip, b.ip))
    .map(
      (task): ServiceConnectTaskEntry => ({
        task,
        ports: portsOf.get(task.serviceName) ?? new Set(),
        body: task.color ?? task.serviceName,
      }),
    );
  const tasksByIp = new Map<string, ServiceConnectTaskEntry>();
  for (const entry of tasks) if (!tasksByIp.has(entry.task.ip)) tasksByIp.set(entry.task.ip, entry);

  const services = new Map<string, ServiceConnectServiceEntry>();
  const families = new Map<string, ServiceConnectServiceEntry>();
  const endpoints = new Map<string, ServiceConnectEndpoint[]>();
  for (const service of view.services) {
    const config = service.serviceConnectConfiguration;
    const outside = whyOutside(config, view.namespace);
    const entry: ServiceConnectServiceEntry = {
      name: service.serviceName,
      family: service.taskFamily,
      outside,
      tasks: tasks.filter((t) => t.task.serviceName === service.serviceName),
    };
    services.set(entry.name, entry);
    if (entry.family !== undefined && !families.has(entry.family)) families.set(entry.family, entry);
    if (outside !== undefined) continue;

    for (const scService of config?.services ?? []) {
      const discoveryName = scService.discoveryName ?? scService.portName ?? '';
      const targetPort = service.portMappings.find((p) => p.name === scService.portName)?.containerPort;
      const aliases = scService.clientAliases ?? [];
      const names =
        aliases.length > 0
          ? aliases.map((a) => ({ host: a.dnsName ?? `${discoveryName}.${namespace}`, port: a.port }))
          : [{ host: `${discoveryName}.${namespace}`, port: targetPort }];
      for (const { host, port } of names) {
        if (port === undefined) continue;
        const key = host.toLowerCase();
        const list = endpoints.get(key) ?? [];
        // Each name and port is unique in a namespace: ECS refuses a second one.
        if (list.some((e) => e.port === port)) continue;
        list.push({
          host: key,
          port,
          server: service.serviceName,
          discoveryName,
          targetPort,
          alias: aliases.length > 0,
          cloudMap: cloudMap.get(discoveryName.toLowerCase()),
        });
        endpoints.set(key, list);
      }
    }
  }
  const lattice = view.lattice === undefined ? undefined : indexLatticeView(view.lattice);
  return { namespace, services, families, endpoints, tasksByIp, lattice };
}

/** Why a service's tasks do not get the namespace's endpoints; undefined when they do. */
function whyOutside(
  config: ServiceConnectConfiguration | undefined,
  namespace: ServiceConnectView['namespace'],
): string | undefined {
  if (config === undefined) return 'it has no Service Connect configuration';
  if (config.enabled !== true) return 'its Service Connect configuration is not enabled';
  if (config.namespace === undefined) return 'its Service Connect configuration names no namespace';
  if (config.namespace !== namespace.name && config.namespace !== namespace.arn) {
    return `it is in namespace ${config.namespace}`;
  }
  return undefined;
}
