/**
 * What every part of the Service Connect migration report reads: the definition, the options, the
 * endpoint mapping the plan uses (so the report says what the plan does), and where each virtual
 * service name ends up.
 */
import type {
  MeshDefinition,
  VirtualNodeDefinition,
  VirtualServiceDefinition,
} from '../../definition/mesh-definition.js';
import { planNameOf } from '../../plan/names.js';
import type { ServiceConnectOptions, VpcLatticeOptions } from '../../plan/plan-options.js';
import type {
  MigrationAlternative,
  MigrationEntry,
  MigrationSeverity,
  MigrationStatus,
} from '../../report/migration-report.js';
import { latticeName } from '../vpc-lattice/limits.js';
import { DEFAULT_LATTICE_NAME_SUFFIX, latticeNames } from '../vpc-lattice/plan.js';
import { latticeRoleName } from '../vpc-lattice/routing.js';
import {
  type DroppedAlias,
  type ServiceConnectEndpoint,
  type ServiceConnectMapping,
  serviceConnectMapping,
} from './endpoints.js';
import { DEFAULT_NAME_SUFFIX, NAME_SUFFIX, withGreenNames } from './green-names.js';
import type { MigrationCode } from './migration-codes.js';

export type ServiceConnectEntry = MigrationEntry<MigrationCode>;

/** The targets a migration report describes. */
export const MIGRATION_REPORT_TARGETS = Object.freeze([
  'service-connect',
  'service-connect+vpc-lattice',
  'vpc-lattice',
] as const);
export type MigrationTarget = (typeof MIGRATION_REPORT_TARGETS)[number];

export const MIGRATION_TARGET_TITLES: Readonly<Record<MigrationTarget, string>> = Object.freeze({
  'service-connect': 'Service Connect',
  'service-connect+vpc-lattice': 'Service Connect and VPC Lattice',
  'vpc-lattice': 'VPC Lattice',
});

/** What the Lattice targets put on VPC Lattice. */
export interface LatticeContext {
  /** The virtual services that become Lattice services, by name. */
  readonly services: ReadonlySet<string>;
  readonly auth: 'NONE' | 'AWS_IAM';
  /** The service network: the plan's name made a Lattice name. */
  readonly network: string;
  /** The ECS infrastructure role ECS registers the tasks with. */
  readonly roleName: string;
}

export interface MigrationContext {
  readonly target: MigrationTarget;
  /** The suffix the target's plan adds to every name it creates (`''`: none). */
  readonly nameSuffix: string;
  /** How the report names the new environment: `Service Connect`, `VPC Lattice`... */
  readonly targetTitle: string;
  /** The App Mesh definition: its names are the App Mesh side's. */
  readonly definition: MeshDefinition;
  /**
   * The same definition with the names the Service Connect plan gives what it creates (ECS
   * services, families, roles, group, log group, cluster): the new environment's names.
   */
  readonly green: MeshDefinition;
  readonly options: ServiceConnectOptions;
  readonly mapping: ServiceConnectMapping;
  /** The namespace the services join: the existing one given, else the one the plan creates. */
  readonly namespace: string;
  readonly createsNamespace: boolean;
  readonly nodes: ReadonlyMap<string, VirtualNodeDefinition>;
  /** The nodes of `green`, by name (node names do not change). */
  readonly greenNodes: ReadonlyMap<string, VirtualNodeDefinition>;
  /** The endpoint that keeps each virtual service name as its client alias. */
  readonly keptBy: ReadonlyMap<string, ServiceConnectEndpoint>;
  /** Virtual service names no endpoint keeps, and why. */
  readonly dropped: ReadonlyMap<string, DroppedAlias>;
  /** The Lattice targets: what is on VPC Lattice. */
  readonly lattice: LatticeContext | undefined;
}

export function migrationContext(
  definition: MeshDefinition,
  options: ServiceConnectOptions = {},
  target: MigrationTarget = 'service-connect',
  latticeOptions: VpcLatticeOptions = {},
): MigrationContext {
  const suffix = options.nameSuffix ?? DEFAULT_NAME_SUFFIX;
  const green =
    target === 'vpc-lattice'
      ? latticeNames(definition, latticeOptions)
      : NAME_SUFFIX.test(suffix)
        ? withGreenNames(definition, suffix)
        : definition;
  const mapping = serviceConnectMapping(green, { routersOnLattice: target !== 'service-connect' });
  const keptBy = new Map<string, ServiceConnectEndpoint>();
  for (const endpoints of mapping.endpoints.values()) {
    for (const endpoint of endpoints) {
      if (endpoint.alias !== undefined) keptBy.set(endpoint.alias.virtualService, endpoint);
    }
  }
  const onLattice = definition.services.filter(
    (service) =>
      service.provider.kind === 'virtualRouter' ||
      (target === 'vpc-lattice' && service.provider.kind === 'virtualNode'),
  );
  return {
    target,
    nameSuffix:
      target === 'vpc-lattice' ? (latticeOptions.nameSuffix ?? DEFAULT_LATTICE_NAME_SUFFIX) : suffix,
    targetTitle: MIGRATION_TARGET_TITLES[target],
    definition,
    green,
    options,
    mapping,
    namespace: options.existingNamespace ?? options.namespace ?? definition.name,
    createsNamespace: options.existingNamespace === undefined,
    nodes: new Map(definition.nodes.map((node) => [node.name, node])),
    greenNodes: new Map(green.nodes.map((node) => [node.name, node])),
    keptBy,
    dropped: new Map(mapping.dropped.map((dropped) => [dropped.virtualService, dropped])),
    lattice:
      target === 'service-connect'
        ? undefined
        : {
            services: new Set(onLattice.map((service) => service.name)),
            auth: latticeOptions.auth ?? 'NONE',
            network: latticeName(planNameOf(green), 'serviceNetwork'),
            roleName: latticeRoleName(
              definition.name,
              target === 'vpc-lattice' ? (latticeOptions.nameSuffix ?? DEFAULT_LATTICE_NAME_SUFFIX) : suffix,
            ),
          },
  };
}

/** One entry, its keys always in the same order (the JSON output is compared byte for byte). */
export function entry(fields: {
  code: MigrationCode;
  status: MigrationStatus;
  severity: MigrationSeverity;
  path: string;
  field?: string;
  appMesh: string;
  serviceConnect: string;
  reason: string;
  alternative?: MigrationAlternative | undefined;
}): ServiceConnectEntry {
  const { code, status, severity, path, field = '', appMesh, serviceConnect, reason, alternative } = fields;
  return {
    code,
    status,
    severity,
    path,
    field,
    appMesh,
    serviceConnect,
    reason,
    ...(alternative === undefined ? {} : { alternative }),
  };
}

/** The virtual service a backend reference names: the service itself, or the one fronting a node. */
export function backendService(
  definition: MeshDefinition,
  ref: string,
): VirtualServiceDefinition | undefined {
  return (
    definition.services.find((service) => service.name === ref) ??
    sortedByName(definition.services).find(
      (service) => service.provider.kind === 'virtualNode' && service.provider.name === ref,
    )
  );
}

/** The node that answers a virtual service name under Service Connect, if any. */
export function serverOf(context: MigrationContext, serviceName: string): string | undefined {
  return context.keptBy.get(serviceName)?.node;
}

export function sortedByName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareText(a.name, b.name));
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `250 ms`, `2 s`. */
export function millisText(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** `a, b and c`. */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A value for an identifier only known once the resource exists: `<target group of green>`. */
export function placeholder(what: string): string {
  return `<${what}>`;
}
