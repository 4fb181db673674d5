/**
 * What a definition must satisfy to compile to Service Connect, beyond what App Mesh asks: the
 * target's options, the names AWS accepts for discovery names and client aliases, and the App Mesh
 * features Service Connect cannot carry without changing what the mesh promises (TLS, IPv6 only).
 * Errors stop the plan; warnings say what the plan does differently (the migration report has
 * the detail).
 */
import type { MeshDefinition } from '../../definition/mesh-definition.js';
import { paths } from '../../definition/paths.js';
import type { ServiceConnectOptions } from '../../plan/plan-options.js';
import { issue, type PlanIssue, show } from '../../validate/issue.js';
import {
  chosenTarget,
  type MappingOptions,
  SERVICE_CONNECT_NAME,
  type ServiceConnectMapping,
} from './endpoints.js';
import { infrastructureRoleName, NAME_SUFFIX } from './green-names.js';

const HTTP_NAMESPACE_NAME = /^[!-~]{1,1024}$/;
const NAMESPACE_ARN = /^arn:aws[a-z-]*:servicediscovery:[a-z0-9-]+:\d{12}:namespace\/ns-[a-z0-9]+$/;
const PRIVATE_CA_ARN = /^arn:aws[a-z-]*:acm-pca:[a-z0-9-]+:\d{12}:certificate-authority\/[A-Za-z0-9-]+$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const KMS_KEY = /^[!-~]{1,2048}$/;
const MAX_ROLE_NAME = 64;

/**
 * App Mesh checks that do not apply: Service Connect names need no DNS, nodes no Cloud Map
 * discovery, and routes (whose timeouts chain with the listener's) are not compiled.
 */
export const APP_MESH_ONLY_CODES: ReadonlySet<string> = new Set([
  'UNRESOLVABLE_SERVICE_NAME',
  'MISSING_SERVICE_DISCOVERY',
  'MISSING_NAMESPACE',
  'TIMEOUT_CHAIN',
]);

export function checkServiceConnect(
  definition: MeshDefinition,
  options: ServiceConnectOptions,
  mapping: ServiceConnectMapping,
  mappingOptions: MappingOptions = {},
): PlanIssue[] {
  return [
    ...checkOptions(options, definition),
    ...checkUnsupported(definition, options),
    ...checkNames(definition, mapping),
    ...changes(definition, mapping, mappingOptions),
  ];
}

function option(field: string, expected: string, received: unknown): PlanIssue {
  return issue('INVALID_OPTION', 'plan', expected, show(received), { field: `serviceConnect.${field}` });
}

/** The target's own options, each checked for what AWS accepts (their shape is checked before: check-plan-options.ts). */
export function checkOptions(options: ServiceConnectOptions, definition: MeshDefinition): PlanIssue[] {
  const found: PlanIssue[] = [...checkNamespaceFree(definition, options)];
  const { namespace, existingNamespace, tls, nameSuffix } = options;
  if (nameSuffix !== undefined && (typeof nameSuffix !== 'string' || !NAME_SUFFIX.test(nameSuffix)))
    found.push(option('nameSuffix', 'up to 16 letters, digits, - or _', nameSuffix));
  if (namespace !== undefined && (typeof namespace !== 'string' || !HTTP_NAMESPACE_NAME.test(namespace)))
    found.push(option('namespace', 'a namespace name of 1 to 1024 printable ASCII characters', namespace));
  if (
    existingNamespace !== undefined &&
    (typeof existingNamespace !== 'string' ||
      !(NAMESPACE_ARN.test(existingNamespace) || /^[!-.0-~]{1,1024}$/.test(existingNamespace)))
  )
    found.push(
      option(
        'existingNamespace',
        'a Cloud Map namespace name, or its ARN arn:aws:servicediscovery:<region>:<account>:namespace/ns-<id>',
        existingNamespace,
      ),
    );
  if (namespace !== undefined && existingNamespace !== undefined)
    found.push(
      option(
        'existingNamespace',
        'either namespace (created) or existingNamespace (reused), not both',
        existingNamespace,
      ),
    );
  if (tls !== undefined) {
    const { certificateAuthorityArn, roleArn, kmsKey } = tls;
    if (typeof certificateAuthorityArn !== 'string' || !PRIVATE_CA_ARN.test(certificateAuthorityArn))
      found.push(
        option(
          'tls.certificateAuthorityArn',
          'an AWS Private CA ARN, arn:aws:acm-pca:<region>:<account>:certificate-authority/<id>',
          certificateAuthorityArn,
        ),
      );
    if (roleArn !== undefined && (typeof roleArn !== 'string' || !ROLE_ARN.test(roleArn)))
      found.push(option('tls.roleArn', 'an IAM role ARN, arn:aws:iam::<account>:role/<name>', roleArn));
    if (kmsKey !== undefined && (typeof kmsKey !== 'string' || !KMS_KEY.test(kmsKey)))
      found.push(option('tls.kmsKey', 'a KMS key id, alias or ARN', kmsKey));
    const role = infrastructureRoleName(definition.name, options);
    if (roleArn === undefined && role.length > MAX_ROLE_NAME)
      found.push(
        issue(
          'INVALID_NAME',
          'plan',
          `an ECS infrastructure role name of at most ${MAX_ROLE_NAME} characters (IAM's limit)`,
          `${show(role)} (${role.length} characters)`,
          {
            field: 'serviceConnect.tls.roleArn',
            explanation: 'Give the role to use as serviceConnect.tls.roleArn, or a shorter mesh name.',
          },
        ),
      );
  }
  return found;
}

/**
 * The namespace to create must not take the App Mesh plan's Cloud Map namespace name: HTTP names
 * are unique across namespace types, so beside that plan the create would be refused.
 */
function checkNamespaceFree(definition: MeshDefinition, options: ServiceConnectOptions): PlanIssue[] {
  if (options.existingNamespace !== undefined) return [];
  const created = options.namespace ?? definition.name;
  const appMesh = definition.namespace?.name;
  if (created !== appMesh) return [];
  return [
    option(
      'namespace',
      `a name other than the App Mesh plan's Cloud Map namespace ${show(appMesh)}, whose name it would take (or existingNamespace to join that namespace)`,
      created,
    ),
  ];
}

/** Features whose loss would change what the mesh guarantees: refused rather than dropped. */
function checkUnsupported(definition: MeshDefinition, options: ServiceConnectOptions): PlanIssue[] {
  const found: PlanIssue[] = [];
  if (definition.ipPreference === 'IPv6_ONLY')
    found.push(
      issue(
        'UNSUPPORTED_BY_TARGET',
        paths.mesh(definition.name),
        'an IP preference Service Connect can honour (IPv4)',
        'IPv6_ONLY',
        {
          field: 'ipPreference',
          explanation: 'Service Connect always needs IPv4 between its proxies.',
        },
      ),
    );
  for (const node of definition.nodes) {
    const path = paths.virtualNode(definition.name, node.name);
    if (node.serviceDiscovery?.ipPreference === 'IPv6_ONLY')
      found.push(
        issue(
          'UNSUPPORTED_BY_TARGET',
          path,
          'an IP preference Service Connect can honour (IPv4)',
          'IPv6_ONLY',
          {
            field: 'serviceDiscovery.ipPreference',
            explanation: 'Service Connect always needs IPv4 between its proxies.',
          },
        ),
      );
    if (options.tls !== undefined) continue;
    node.listeners.forEach((listener, index) => {
      if (listener.tls === undefined || listener.tls.mode === 'DISABLED') return;
      found.push(
        issue(
          'UNSUPPORTED_BY_TARGET',
          path,
          'serviceConnect.tls.certificateAuthorityArn (an AWS Private CA) for a listener with TLS',
          `TLS mode ${listener.tls.mode} and no certificate authority`,
          {
            field: `listeners[${index}].tls`,
            explanation: 'Without it the traffic to this listener would silently become plaintext.',
          },
        ),
      );
    });
  }
  return found;
}

/** Discovery names must be valid and unique in the namespace; virtual service names must be DNS names. */
function checkNames(definition: MeshDefinition, mapping: ServiceConnectMapping): PlanIssue[] {
  const found: PlanIssue[] = [];
  const owners = new Map<string, string>();
  for (const node of definition.nodes) {
    if (node.task === undefined) continue;
    const path = paths.virtualNode(definition.name, node.name);
    for (const endpoint of mapping.endpoints.get(node.name) ?? []) {
      const field = `listeners[${endpoint.listenerIndex}]`;
      if (!SERVICE_CONNECT_NAME.test(endpoint.discoveryName)) {
        found.push(
          issue(
            'INVALID_NAME',
            path,
            'a node name that gives a discovery name of [a-z0-9_-], not starting with -',
            show(node.name),
            { field },
          ),
        );
        continue;
      }
      const owner = owners.get(endpoint.discoveryName);
      if (owner !== undefined && owner !== node.name)
        found.push(
          issue(
            'DUPLICATE_NAME',
            path,
            `a discovery name unique in the namespace`,
            `${show(endpoint.discoveryName)}, also virtual node ${show(owner)}'s`,
            {
              field,
              explanation:
                'Service Connect names each endpoint after its node, lowercased, with other characters as -.',
            },
          ),
        );
      else owners.set(endpoint.discoveryName, node.name);
    }
  }
  for (const dropped of mapping.dropped) {
    if (dropped.reason !== 'not-a-dns-name') continue;
    found.push(
      issue(
        'UNSUPPORTED_BY_TARGET',
        paths.virtualService(definition.name, dropped.virtualService),
        'a client alias name of at most 127 characters: letters, digits, _, - and ., not starting with -',
        show(dropped.virtualService),
        { explanation: 'Applications call this name; Service Connect could not answer it.' },
      ),
    );
  }
  return found;
}

/** Warnings: what the plan does differently from App Mesh, each named in the migration report. */
function changes(
  definition: MeshDefinition,
  mapping: ServiceConnectMapping,
  mappingOptions: MappingOptions,
): PlanIssue[] {
  const found: PlanIssue[] = [];
  const report = 'See the migration report (appmesh-builder migrate).';
  for (const gateway of definition.gateways) {
    // With VPC Lattice, a gateway behind a load balancer becomes an ALB (src/targets/alb).
    if (mappingOptions.routersOnLattice && gateway.task?.loadBalancer !== undefined) continue;
    found.push(
      issue(
        'CHANGED_BY_TARGET',
        paths.virtualGateway(definition.name, gateway.name),
        'a virtual gateway Service Connect can run',
        'none: Service Connect has no gateway',
        {
          severity: 'warning',
          explanation: `Its task and load balancer are not planned; put a load balancer in front of a Service Connect service instead, or, for callers inside the VPC, let a VPC Lattice service play its role. ${report}`,
        },
      ),
    );
  }
  // On VPC Lattice the routes are kept: routing.ts reports what its rules cannot express.
  for (const router of mappingOptions.routersOnLattice ? [] : definition.routers) {
    const targets = router.routes.flatMap(
      (route) =>
        (route.spec.httpRoute ?? route.spec.http2Route ?? route.spec.grpcRoute ?? route.spec.tcpRoute)?.action
          ?.weightedTargets ?? [],
    );
    const nodes = new Set(targets.map((target) => target.virtualNode));
    if (router.routes.length <= 1 && nodes.size <= 1) continue;
    found.push(
      issue(
        'CHANGED_BY_TARGET',
        paths.virtualRouter(definition.name, router.name),
        'routes Service Connect can express (one target)',
        `${router.routes.length} route(s) over ${nodes.size} node(s)`,
        {
          severity: 'warning',
          explanation: `Every request to its virtual service goes to ${show(chosenTarget(router)?.virtualNode)}. ${report}`,
        },
      ),
    );
  }
  for (const dropped of mapping.dropped) {
    if (dropped.reason === 'not-a-dns-name') continue;
    found.push(
      issue(
        'CHANGED_BY_TARGET',
        paths.virtualService(definition.name, dropped.virtualService),
        'a Service Connect endpoint for this name',
        dropped.reason === 'alias-taken'
          ? `none: its endpoint already answers ${show(dropped.keptInstead)} (one name per endpoint)`
          : 'none: no node with a listener provides it',
        { severity: 'warning', explanation: report },
      ),
    );
  }
  return found;
}
