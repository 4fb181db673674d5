/**
 * The Envoy container and the APPMESH proxy configuration, as AWS documents them
 * (aws-facts 5.1, 5.2; aws-app-mesh-examples colorapp envoy-container.json).
 */
import type {
  ContainerDefinition,
  ContainerDependency,
  HealthCheck,
  KeyValuePair,
  LogConfiguration,
  PortMapping,
  ProxyConfiguration,
  Ulimit,
} from '@aws-sdk/client-ecs';
import type { EnvoyDefinition } from '../definition/mesh-definition.js';
import { deepFreeze } from './freeze.js';

export const ENVOY_CONTAINER_NAME = 'envoy';
/** Envoy runs as this uid; the proxy ignores its traffic so Envoy does not intercept itself. */
export const ENVOY_UID = '1337';
export const ENVOY_ADMIN_PORT = 9901;
export const PROXY_INGRESS_PORT = 15000;
export const PROXY_EGRESS_PORT = 15001;
/** Task metadata/credentials endpoint and IMDS: never sent through Envoy. */
export const EGRESS_IGNORED_IPS = '169.254.170.2,169.254.169.254';

// Shared by every task of a plan: frozen once, never copied.
const ENVOY_HEALTH_CHECK: HealthCheck = deepFreeze({
  command: [
    'CMD-SHELL',
    `curl -s http://localhost:${ENVOY_ADMIN_PORT}/server_info | grep state | grep -q LIVE`,
  ],
  startPeriod: 10,
  interval: 5,
  timeout: 2,
  retries: 3,
});
const ENVOY_ULIMITS: Ulimit[] = deepFreeze([{ name: 'nofile', softLimit: 15000, hardLimit: 15000 }]);
const PROXY_PROPERTIES_BEFORE_APP_PORTS: KeyValuePair[] = deepFreeze([
  { name: 'IgnoredUID', value: ENVOY_UID },
  { name: 'ProxyIngressPort', value: String(PROXY_INGRESS_PORT) },
  { name: 'ProxyEgressPort', value: String(PROXY_EGRESS_PORT) },
]);
const EGRESS_IGNORED_IPS_PROPERTY: KeyValuePair = deepFreeze({
  name: 'EgressIgnoredIPs',
  value: EGRESS_IGNORED_IPS,
});

export interface EnvoyContainerOptions {
  readonly envoy: EnvoyDefinition;
  readonly defaultImage: string;
  /** Full ARN of the virtual node or gateway Envoy implements. */
  readonly resourceArn: string;
  /**
   * Sidecars publish none: in awsvpc mode the proxy reaches Envoy through iptables, and the admin
   * port 9901 is only read from localhost by the health check. A gateway publishes its listener ports.
   */
  readonly portMappings: readonly PortMapping[];
  readonly logConfiguration: LogConfiguration;
  readonly dependsOn?: readonly ContainerDependency[];
}

export function envoyContainer(options: EnvoyContainerOptions): ContainerDefinition {
  const { envoy } = options;
  // The node's ARN is not the user's to override: it decides which configuration Envoy serves.
  const environment = { ...envoy.environment, APPMESH_RESOURCE_ARN: options.resourceArn };
  return {
    name: ENVOY_CONTAINER_NAME,
    image: envoy.image ?? options.defaultImage,
    essential: true,
    user: ENVOY_UID,
    cpu: envoy.cpu,
    memory: envoy.memory,
    environment: sortedEnvironment(environment),
    portMappings: options.portMappings.length > 0 ? [...options.portMappings] : undefined,
    ulimits: ENVOY_ULIMITS,
    healthCheck: ENVOY_HEALTH_CHECK,
    dependsOn: options.dependsOn && options.dependsOn.length > 0 ? [...options.dependsOn] : undefined,
    logConfiguration: options.logConfiguration,
  };
}

/** Routes the task's traffic through Envoy; only for node tasks (a gateway's Envoy is the app). */
export function appMeshProxyConfiguration(appPorts: readonly number[]): ProxyConfiguration {
  const properties = [
    ...PROXY_PROPERTIES_BEFORE_APP_PORTS,
    ...(appPorts.length > 0 ? [{ name: 'AppPorts', value: appPorts.join(',') }] : []),
    EGRESS_IGNORED_IPS_PROPERTY,
  ];
  return { type: 'APPMESH', containerName: ENVOY_CONTAINER_NAME, properties };
}

/** ECS environment entries, sorted by name. */
export function sortedEnvironment(
  environment: Readonly<Record<string, string>>,
): { name: string; value: string }[] {
  return Object.keys(environment)
    .sort()
    .map((name) => ({ name, value: environment[name] as string }));
}
