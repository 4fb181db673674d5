import type { DnsRecord, HealthCheckCustomConfig, RoutingPolicy } from '@aws-sdk/client-servicediscovery';
import type {
  CloudMapNamespaceDefinition,
  CloudMapServiceDefinition,
  Tags,
} from '../definition/mesh-definition.js';
import { NO_TAGS, plain } from './plain-data.js';

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

// Defaults are frozen constants, shared by every service that uses them (the builder copies only the rest).
const DEFAULT_DNS_RECORDS: readonly DnsRecord[] = Object.freeze([Object.freeze({ Type: 'A', TTL: 300 })]);
const DEFAULT_HEALTH_CHECK_CUSTOM_CONFIG: HealthCheckCustomConfig = Object.freeze({ FailureThreshold: 1 });

/** The Cloud Map private DNS namespace definition. */
export function cloudMapNamespace(name: string, options: NamespaceOptions = {}): CloudMapNamespaceDefinition {
  return plain({
    kind: 'cloudMapNamespace',
    name,
    vpcId: options.vpcId,
    description: options.description,
    tags: options.tags ?? NO_TAGS,
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
    dnsRecords:
      options.dnsRecords ??
      (options.ttl === undefined ? DEFAULT_DNS_RECORDS : [{ Type: 'A', TTL: options.ttl }]),
    routingPolicy: options.routingPolicy ?? 'MULTIVALUE',
    healthCheckCustomConfig: options.healthCheckCustomConfig ?? DEFAULT_HEALTH_CHECK_CUSTOM_CONFIG,
    tags: options.tags ?? NO_TAGS,
  });
}
