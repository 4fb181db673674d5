import type { DnsResponseType, IpPreference } from '@aws-sdk/client-app-mesh';
import type { ServiceDiscoveryDefinition } from '../definition/mesh-definition.js';
import { plain } from './plain-data.js';

export interface CloudMapDiscoveryOptions {
  /** Namespace the service lives in. @default the mesh's namespace (resolved by plan()) */
  readonly namespace?: string;
  /** Only instances carrying these attributes. @default {} */
  readonly attributes?: Readonly<Record<string, string>>;
  /** @default undefined (the mesh's preference) */
  readonly ipPreference?: IpPreference;
}

export interface DnsDiscoveryOptions {
  /** @default undefined (App Mesh default, LOADBALANCER) */
  readonly responseType?: DnsResponseType;
  /** @default undefined (the mesh's preference) */
  readonly ipPreference?: IpPreference;
}

/** Discover the node's tasks through a Cloud Map service (ECS registers them there). */
export function cloudMap(
  service: string,
  options: CloudMapDiscoveryOptions = {},
): ServiceDiscoveryDefinition {
  return plain({
    kind: 'cloudMap',
    service,
    namespace: options.namespace,
    attributes: options.attributes ?? {},
    ipPreference: options.ipPreference,
  });
}

/** Discover the node's tasks through a DNS hostname. */
export function dns(hostname: string, options: DnsDiscoveryOptions = {}): ServiceDiscoveryDefinition {
  return plain({
    kind: 'dns',
    hostname,
    responseType: options.responseType,
    ipPreference: options.ipPreference,
  });
}

export const serviceDiscovery = Object.freeze({ cloudMap, dns });
