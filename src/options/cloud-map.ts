import type { DnsRecord, HealthCheckCustomConfig, RoutingPolicy } from '@aws-sdk/client-servicediscovery';
import type {
  CloudMapNamespaceDefinition,
  CloudMapServiceDefinition,
  Tags,
} from '../definition/mesh-definition.js';
import { plain } from './plain-data.js';

export interface NamespaceOptions {
  /** VPC of the private hosted zone. @default the ECS environment's vpcId (resolved by plan()) */
  readonly vpcId?: string;
  /** @default undefined */
  readonly description?: string;
  /** @default {} */
  readonly tags?: Tags;
}

export interface CloudMapServiceOptions {
  /** @default [{ Type: 'A', TTL: 300 }] */
  readonly dnsRecords?: readonly DnsRecord[];
  /** Shortcut for the TTL of the default A record. @default 300 */
  readonly ttl?: number;
  /** @default 'MULTIVALUE' */
  readonly routingPolicy?: RoutingPolicy;
  /** @default { FailureThreshold: 1 } (ECS reports task health) */
  readonly healthCheckCustomConfig?: HealthCheckCustomConfig;
  /** @default undefined */
  readonly description?: string;
  /** @default {} */
  readonly tags?: Tags;
}

/** The Cloud Map private DNS namespace definition. */
export function cloudMapNamespace(name: string, options: NamespaceOptions = {}): CloudMapNamespaceDefinition {
  return plain({
    kind: 'cloudMapNamespace',
    name,
    vpcId: options.vpcId,
    description: options.description,
    tags: { ...options.tags },
  });
}

/** A Cloud Map service definition with every default filled. */
export function cloudMapService(
  name: string,
  options: CloudMapServiceOptions = {},
): CloudMapServiceDefinition {
  return plain({
    kind: 'cloudMapService',
    name,
    description: options.description,
    dnsRecords: options.dnsRecords ?? [{ Type: 'A', TTL: options.ttl ?? 300 }],
    routingPolicy: options.routingPolicy ?? 'MULTIVALUE',
    healthCheckCustomConfig: options.healthCheckCustomConfig ?? { FailureThreshold: 1 },
    tags: { ...options.tags },
  });
}
