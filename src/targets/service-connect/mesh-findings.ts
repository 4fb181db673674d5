/** Report entries for the mesh itself and its Cloud Map side: namespace, egress, IP preference, sharing, tags. */
import type { IpPreference } from '@aws-sdk/client-app-mesh';
import { paths } from '../../definition/paths.js';
import { meshLatticeEntry } from '../vpc-lattice/migration-findings.js';
import {
  compareText,
  entry,
  listText,
  type MigrationContext,
  placeholder,
  type ServiceConnectEntry,
  sortedByName,
} from './migration-context.js';

export function meshFindings(context: MigrationContext): ServiceConnectEntry[] {
  const serviceConnect = context.target !== 'vpc-lattice';
  return [
    ...(serviceConnect ? [namespaceEntry(context)] : []),
    ...meshLatticeEntry(context),
    egressEntry(context),
    ...ipPreferenceEntries(
      context,
      paths.mesh(context.definition.name),
      'spec.serviceDiscovery.ipPreference',
      context.definition.ipPreference,
    ),
    ...sharingEntries(context),
    ...meshTagEntries(context),
    ...resourceTagEntries(context),
    ...(serviceConnect ? dnsNamespaceEntries(context) : latticeDnsNamespaceEntries(context)),
    ...(serviceConnect ? collisionEntries(context) : []),
  ];
}

function namespaceEntry(context: MigrationContext): ServiceConnectEntry {
  const { definition, namespace, createsNamespace } = context;
  const ecs = context.green.ecs;
  // A namespace given by name is no cluster default: ECS would create it under a mistyped name.
  const isDefault = createsNamespace || namespace.startsWith('arn:');
  const defaults =
    ecs?.createCluster === true && isDefault
      ? ` and the serviceConnectDefaults.namespace of the cluster ${ecs.cluster} the plan creates`
      : '';
  return entry({
    code: 'MESH_BECOMES_NAMESPACE',
    status: 'kept',
    severity: 'info',
    path: paths.mesh(definition.name),
    field: 'name',
    appMesh: `mesh ${definition.name}`,
    serviceConnect: createsNamespace
      ? `Cloud Map HTTP namespace ${namespace} (CreateHttpNamespace): every service's serviceConnectConfiguration.namespace${defaults}`
      : `existing Cloud Map namespace ${namespace}, used as is as every service's serviceConnectConfiguration.namespace`,
    reason:
      'A Service Connect namespace groups the services that can call each other, as the mesh did. Each ECS service belongs to one namespace only; ECS never deletes namespaces.',
  });
}

function taskNodes(context: MigrationContext): string[] {
  return sortedByName(context.definition.nodes)
    .filter((node) => node.task !== undefined)
    .map((node) => node.name);
}

function egressEntry(context: MigrationContext): ServiceConnectEntry {
  const { definition } = context;
  const path = paths.mesh(definition.name);
  if (definition.egressFilter === 'ALLOW_ALL') {
    return entry({
      code: 'EGRESS_ALLOW_ALL_KEPT',
      status: 'kept',
      severity: 'info',
      path,
      field: 'spec.egressFilter.type',
      appMesh: 'egress filter ALLOW_ALL',
      serviceConnect:
        'no egress filter: tasks reach any address their security groups and routes allow, as with ALLOW_ALL',
      reason:
        'Service Connect only proxies traffic to Service Connect endpoints and leaves all other traffic alone.',
    });
  }
  const group = context.green.ecs?.meshSecurityGroup;
  const ports = [
    ...new Set(
      definition.nodes.flatMap((node) =>
        node.task === undefined ? [] : node.listeners.map((listener) => listener.portMapping?.port ?? 0),
      ),
    ),
  ]
    .filter((port) => port > 0)
    .sort((a, b) => a - b);
  const groupId = placeholder(`id of security group ${group ?? 'of the tasks'}`);
  const nodes = taskNodes(context);
  return entry({
    code: 'EGRESS_FILTER_LOST',
    status: 'lost',
    severity: 'warning',
    path,
    field: 'spec.egressFilter.type',
    appMesh: "egress filter DROP_ALL: tasks reach only the mesh's virtual services",
    serviceConnect: `no egress filter: the tasks of ${listText(nodes) || 'every node'} can reach any address (internet, AWS APIs, other hosts in the VPC) their security groups and routes allow`,
    reason:
      context.target === 'vpc-lattice'
        ? 'VPC Lattice has no egress filter: it handles only the requests addressed to its services.'
        : 'ServiceConnectConfiguration has no egress field: the Service Connect proxy handles only traffic addressed to Service Connect endpoints (network policies for Service Connect are an open request, containers-roadmap#1964).',
    alternative: {
      service: 'EC2 security groups',
      fields: {
        RevokeSecurityGroupEgress: {
          GroupId: groupId,
          IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        },
        AuthorizeSecurityGroupEgress: {
          GroupId: groupId,
          IpPermissions: ports.map((port) => ({
            IpProtocol: 'tcp',
            FromPort: port,
            ToPort: port,
            UserIdGroupPairs: [{ GroupId: groupId }],
          })),
        },
      },
      note: 'Security groups filter by address and port, not by name, and the tasks still need egress to pull images and send logs (allow it, or use VPC endpoints). Name-based egress control with Route 53 Resolver DNS Firewall or AWS Network Firewall is not researched here [unverified].',
    },
  });
}

/** Entries for an IP preference, mesh-wide or on one node's discovery. */
export function ipPreferenceEntries(
  context: MigrationContext,
  path: string,
  field: string,
  preference: IpPreference | undefined,
): ServiceConnectEntry[] {
  if (preference === undefined) return [];
  if (preference === 'IPv6_ONLY') {
    return [
      entry({
        code: 'IPV6_ONLY_UNSUPPORTED',
        status: 'lost',
        severity: 'critical',
        path,
        field,
        appMesh: 'IP preference IPv6_ONLY',
        serviceConnect:
          'IPv4: the Service Connect proxy always needs an IPv4 address, IPv6 only in addition when the task has one',
        reason:
          'The ECS agent rejects IPv6-only Service Connect ("an IPv6-only mode is not supported at this moment").',
        alternative: {
          service: 'VPC Lattice',
          fields: {
            CreateTargetGroup: {
              name: placeholder('target group name'),
              type: 'IP',
              config: {
                ipAddressType: 'IPV6',
                vpcIdentifier: context.definition.ecs?.vpcId ?? placeholder('VPC id'),
              },
            },
          },
          note: 'VPC Lattice IP target groups can be IPv6; ECS registers the tasks through vpcLatticeConfigurations.',
        },
      }),
    ];
  }
  return [
    entry({
      code: 'IP_PREFERENCE_IGNORED',
      status: 'lost',
      severity: 'info',
      path,
      field,
      appMesh: `IP preference ${preference}`,
      serviceConnect: 'no IP preference: Service Connect chooses (IPv4, plus IPv6 on dual-stack tasks)',
      reason: 'The Service Connect API has no IP preference field.',
    }),
  ];
}

function sharingEntries(context: MigrationContext): ServiceConnectEntry[] {
  const { definition, options } = context;
  if (definition.meshOwner === undefined) return [];
  const usesArn = options.existingNamespace?.startsWith('arn:') === true;
  return [
    entry({
      code: 'SHARED_MESH_NEEDS_SHARED_NAMESPACE',
      status: 'approximated',
      severity: usesArn ? 'warning' : 'critical',
      path: paths.mesh(definition.name),
      field: 'meshOwner',
      appMesh: `mesh owned by account ${definition.meshOwner}, shared through AWS RAM`,
      serviceConnect: usesArn
        ? `the shared namespace ${options.existingNamespace}, referenced by ARN`
        : `a namespace ${context.namespace} in this account: the services would not join the owner's (give the owner's shared namespace ARN as serviceConnect.existingNamespace)`,
      reason:
        'Service Connect shares across accounts through a Cloud Map namespace shared with AWS RAM (managed permission AWSRAMPermissionCloudMapECSFullPermission); consumers must reference it by ARN, in the same Region, and connect the VPCs themselves.',
    }),
  ];
}

function meshTagEntries(context: MigrationContext): ServiceConnectEntry[] {
  const { definition } = context;
  const keys = Object.keys(definition.tags).sort(compareText);
  if (keys.length === 0) return [];
  return [
    entry({
      code: 'MESH_TAGS_KEPT',
      status: 'kept',
      severity: 'info',
      path: paths.mesh(definition.name),
      field: 'tags',
      appMesh: `tags ${keys.join(', ')} on every resource`,
      serviceConnect: 'the same tags on every resource the plan creates that takes tags',
      reason: 'Mesh tags are plan-wide; only the resources carrying them change.',
    }),
  ];
}

/** Tags on App Mesh resources that have no Service Connect counterpart. */
function resourceTagEntries(context: MigrationContext): ServiceConnectEntry[] {
  const { definition } = context;
  const mesh = definition.name;
  const tagged: { path: string; tags: Readonly<Record<string, string>> }[] = [
    ...definition.nodes.map((node) => ({ path: paths.virtualNode(mesh, node.name), tags: node.tags })),
    ...definition.services.map((service) => ({
      path: paths.virtualService(mesh, service.name),
      tags: service.tags,
    })),
    ...definition.routers.flatMap((router) => [
      { path: paths.virtualRouter(mesh, router.name), tags: router.tags },
      ...router.routes.map((route) => ({
        path: paths.route(mesh, router.name, route.name),
        tags: route.tags,
      })),
    ]),
    ...definition.gateways.flatMap((gateway) => [
      { path: paths.virtualGateway(mesh, gateway.name), tags: gateway.tags },
      ...gateway.routes.map((route) => ({
        path: paths.gatewayRoute(mesh, gateway.name, route.name),
        tags: route.tags,
      })),
    ]),
  ];
  return tagged
    .filter(({ tags }) => Object.keys(tags).length > 0)
    .map(({ path, tags }) =>
      entry({
        code: 'RESOURCE_TAGS_LOST',
        status: 'lost',
        severity: 'info',
        path,
        field: 'tags',
        appMesh: `tags ${Object.keys(tags).sort(compareText).join(', ')}`,
        serviceConnect:
          'none: the App Mesh resource has no Service Connect counterpart (task tags stay on the ECS side)',
        reason: 'Cost allocation or access rules keyed on these tags need them on the new resources.',
      }),
    );
}

function dnsNamespaceEntries(context: MigrationContext): ServiceConnectEntry[] {
  const { definition, namespace, createsNamespace } = context;
  const entries: ServiceConnectEntry[] = [];
  const own = definition.namespace;
  const reused = own !== undefined && !createsNamespace && namespace === own.name;
  if (own !== undefined) {
    entries.push(
      entry({
        code: 'DNS_NAMESPACE_REPLACED',
        status: 'approximated',
        severity: 'info',
        path: paths.cloudMapNamespace(own.name),
        appMesh: `Cloud Map private DNS namespace ${own.name} (a Route 53 private hosted zone)`,
        serviceConnect: reused
          ? `${own.name} is reused as the Service Connect namespace; the Cloud Map services ECS creates in it get no DNS records`
          : `not used: the services join ${namespace}; ${own.name} stays for App Mesh until it is decommissioned`,
        reason:
          'Service Connect discovers endpoints through the Cloud Map API and creates no Route 53 records: its names resolve only inside Service Connect tasks of the namespace.',
      }),
    );
  }
  for (const service of sortedByName(definition.cloudMapServices)) {
    const records = service.dnsRecords.map((record) => `${record.Type} ${record.TTL}s`).join(', ');
    entries.push(
      entry({
        code: 'CLOUD_MAP_SERVICE_REPLACED',
        status: 'approximated',
        severity: 'info',
        path: paths.cloudMapService(own?.name ?? namespace, service.name),
        appMesh: `Cloud Map service ${service.name} (DNS records ${records}, routing ${service.routingPolicy})`,
        serviceConnect: `not used: ECS creates one Cloud Map service per endpoint (its discoveryName) in ${namespace}, discovered through the API, without DNS records`,
        reason:
          'Callers outside Service Connect (Lambda, EC2, standalone or scheduled tasks, App Mesh tasks during the move) cannot resolve Service Connect names: if they must call a service, keep a DNS registration (serviceRegistries) for it as well, under a name other than its discoveryName.',
      }),
    );
  }
  return entries;
}

/** `vpc-lattice`: no Cloud Map at all; the names resolve through the DNS records of the Lattice services. */
function latticeDnsNamespaceEntries(context: MigrationContext): ServiceConnectEntry[] {
  const { definition } = context;
  const own = definition.namespace;
  const replaced = (
    code: 'DNS_NAMESPACE_REPLACED' | 'CLOUD_MAP_SERVICE_REPLACED',
    path: string,
    appMesh: string,
  ) =>
    entry({
      code,
      status: 'approximated',
      severity: 'info',
      path,
      appMesh,
      serviceConnect:
        'not used: ECS registers the tasks in VPC Lattice target groups, and callers resolve each virtual service name through the DNS record of its Lattice service',
      reason:
        'Callers outside the service network (not in an associated VPC) cannot reach the Lattice services.',
    });
  return [
    ...(own === undefined
      ? []
      : [
          replaced(
            'DNS_NAMESPACE_REPLACED',
            paths.cloudMapNamespace(own.name),
            `Cloud Map private DNS namespace ${own.name}`,
          ),
        ]),
    ...sortedByName(definition.cloudMapServices).map((service) =>
      replaced(
        'CLOUD_MAP_SERVICE_REPLACED',
        paths.cloudMapService(own?.name ?? '', service.name),
        `Cloud Map service ${service.name}`,
      ),
    ),
  ];
}

/** Reusing the App Mesh namespace: ECS's discovery names must not be taken by the App Mesh Cloud Map services. */
function collisionEntries(context: MigrationContext): ServiceConnectEntry[] {
  const { definition, namespace, createsNamespace } = context;
  if (createsNamespace || definition.namespace?.name !== namespace) return [];
  const existing = new Set(definition.cloudMapServices.map((service) => service.name));
  const entries: ServiceConnectEntry[] = [];
  for (const node of sortedByName(definition.nodes)) {
    for (const endpoint of context.mapping.endpoints.get(node.name) ?? []) {
      if (!existing.has(endpoint.discoveryName)) continue;
      entries.push(
        entry({
          code: 'DISCOVERY_NAME_COLLISION',
          status: 'lost',
          severity: 'critical',
          path: paths.virtualNode(definition.name, node.name),
          field: `listeners[${endpoint.listenerIndex}]`,
          appMesh: `Cloud Map service ${endpoint.discoveryName} in ${namespace}, used by App Mesh`,
          serviceConnect: `discoveryName ${endpoint.discoveryName} in the same namespace: ECS cannot create it while the App Mesh one exists`,
          reason:
            'A discoveryName must be unique within the Cloud Map namespace, including services created outside Service Connect.',
          alternative: {
            service: 'Cloud Map',
            fields: { CreateHttpNamespace: { Name: definition.name } },
            note: 'Use a new HTTP namespace for Service Connect (the default when serviceConnect.existingNamespace is not given), and keep the DNS namespace for App Mesh until it is decommissioned.',
          },
        }),
      );
    }
  }
  return entries;
}
