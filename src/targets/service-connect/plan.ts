/**
 * The ECS Service Connect plan: an HTTP namespace, one ECS service per virtual node with a task
 * (its listeners as Service Connect endpoints, its virtual service names as client aliases), task
 * definitions without Envoy, and the IAM, security group, log group and cluster around them.
 * Routers, routes, virtual services and gateways make no resource: see validate.ts for what that
 * changes, and the migration report for the detail. Its ECS part (ecsPlanResources) is also the
 * `vpc-lattice` plan's, without Service Connect.
 */
import type {
  ServiceConnectConfiguration,
  ServiceConnectService,
  ServiceConnectTlsConfiguration,
} from '@aws-sdk/client-ecs';
import type { CreateHttpNamespaceCommandInput } from '@aws-sdk/client-servicediscovery';
import type {
  MeshDefinition,
  NodeTaskDefinition,
  VirtualNodeDefinition,
} from '../../definition/mesh-definition.js';
import { paths } from '../../definition/paths.js';
import { PlanValidationError } from '../../errors/mesh-error.js';
import { assemblePlan } from '../../plan/assemble-plan.js';
import { meshResourceTags, planContext, resolveServiceName } from '../../plan/context.js';
import { frozenCopy } from '../../plan/freeze.js';
import { inlinePolicyNames, logGroupArn, managedPolicyArns, resourceIds } from '../../plan/names.js';
import type { Plan } from '../../plan/plan.js';
import type { ServiceConnectOptions, Target, VpcLatticeOptions } from '../../plan/plan-options.js';
import { planned } from '../../plan/planned.js';
import { createLogGroupPolicy, ECS_EXEC_POLICY, ECS_TRUST_POLICY } from '../../plan/policies.js';
import { type PlannedResource, ref } from '../../plan/resource.js';
import { ecsClusterResource } from '../../plan/resources/ecs-cluster.js';
import { ecsServiceResource } from '../../plan/resources/ecs-service.js';
import { iamRoleResource } from '../../plan/resources/iam-role.js';
import { iamRolePolicyResource } from '../../plan/resources/iam-role-policy.js';
import { iamRolePolicyAttachmentResource } from '../../plan/resources/iam-role-policy-attachment.js';
import { logGroupResource } from '../../plan/resources/log-group.js';
import { securityGroupResource } from '../../plan/resources/security-group.js';
import { selfReferencingIngressResource } from '../../plan/resources/security-group-ingress.js';
import { awslogs } from '../../plan/resources/task-definition.js';
import { pascalCaseTags, withOwnTags } from '../../plan/tags.js';
import { issue, type PlanIssue } from '../../validate/issue.js';
import { validateDefinition } from '../../validate/validate-definition.js';
import { type GatewayAlbs, gatewayLoadBalancers } from '../alb/gateway-alb.js';
import { type LatticeRouting, latticeRouting } from '../vpc-lattice/routing.js';
import {
  routerTargetNodes,
  type ServiceConnectEndpoint,
  type ServiceConnectMapping,
  serviceConnectMapping,
} from './endpoints.js';
import { DEFAULT_NAME_SUFFIX, infrastructureRoleName, NAME_SUFFIX, withGreenNames } from './green-names.js';
import { serviceConnectTaskDefinition } from './task-definition.js';
import { APP_MESH_ONLY_CODES, checkServiceConnect } from './validate.js';

type NodeWithTask = VirtualNodeDefinition & { readonly task: NodeTaskDefinition };

/**
 * `target`: `service-connect+vpc-lattice` adds VPC Lattice for the routers' virtual services
 * (src/targets/vpc-lattice/routing.ts); their names are then no client alias of Service Connect.
 */
export function serviceConnectPlan(
  meshDefinition: MeshDefinition,
  options: ServiceConnectOptions,
  target: Extract<Target, 'service-connect' | 'service-connect+vpc-lattice'> = 'service-connect',
  latticeOptions: VpcLatticeOptions = {},
): Plan {
  const requested = options.nameSuffix ?? DEFAULT_NAME_SUFFIX;
  const valid = NAME_SUFFIX.test(requested);
  const definition = valid ? withGreenNames(meshDefinition, requested) : meshDefinition;
  // A suffix refused as an option (reported) is left out: it would only add name errors.
  const suffix = valid ? requested : '';
  const mappingOptions = { routersOnLattice: target === 'service-connect+vpc-lattice' };
  const mapping = serviceConnectMapping(definition, mappingOptions);
  const lattice = mappingOptions.routersOnLattice
    ? latticeRouting({
        definition,
        mapping,
        nameSuffix: suffix,
        tags: planContext(definition).awsTags,
        auth: latticeOptions.auth,
      })
    : undefined;
  // Gateways behind a load balancer become ALBs (src/targets/alb).
  const albs = mappingOptions.routersOnLattice
    ? gatewayLoadBalancers({ definition, mapping, nameSuffix: suffix, tags: planContext(definition).awsTags })
    : undefined;
  const issues = [
    ...validateDefinition(definition).filter((found) => !APP_MESH_ONLY_CODES.has(found.code)),
    ...checkServiceConnect(definition, options, mapping, mappingOptions),
    ...(lattice?.issues ?? []),
    ...(albs?.issues ?? []),
  ];
  const errors = issues.filter((found) => found.severity === 'error');
  if (errors.length > 0) throw new PlanValidationError(errors as [PlanIssue, ...PlanIssue[]]);
  const compiled = ecsPlanResources(definition, { serviceConnect: options, mapping, lattice, albs });
  return assemblePlan(definition, target, compiled.resources, [
    ...issues.filter((found) => found.severity === 'warning'),
    ...compiled.warnings,
  ]);
}

export interface EcsPlanInput {
  /** Undefined: no Service Connect (target `vpc-lattice`): no namespace, proxy or server order. */
  readonly serviceConnect: ServiceConnectOptions | undefined;
  /** The endpoints: on Service Connect its services[] entries; else the named ports alone. */
  readonly mapping: ServiceConnectMapping;
  readonly lattice: LatticeRouting | undefined;
  /** The gateways made ALBs (src/targets/alb), whose target nodes' services join their groups. */
  readonly albs?: GatewayAlbs | undefined;
}

/**
 * The ECS side of the plans without App Mesh: IAM roles, the log group, the cluster, the mesh's
 * security group, and one task definition (no Envoy) and ECS service per node with a task.
 */
export function ecsPlanResources(
  definition: MeshDefinition,
  { serviceConnect, mapping, lattice, albs }: EcsPlanInput,
): { resources: PlannedResource[]; warnings: PlanIssue[] } {
  const context = planContext(definition);
  const resources: PlannedResource[] = [];
  const options = serviceConnect ?? {};
  const namespaceName = options.namespace ?? definition.name;
  const namespaceId =
    serviceConnect !== undefined && options.existingNamespace === undefined
      ? paths.cloudMapHttpNamespace(namespaceName)
      : undefined;
  if (namespaceId !== undefined)
    resources.push(
      planned('cloudMapHttpNamespace', namespaceId, namespaceName, [], {
        Name: namespaceName,
        Description: `Service Connect namespace of mesh ${definition.name}`,
        Tags: pascalCaseTags(meshResourceTags(context, undefined)),
      } satisfies CreateHttpNamespaceCommandInput),
    );
  const namespace =
    namespaceId === undefined ? (options.existingNamespace as string) : ref(namespaceId, 'arn');

  const { ecs } = definition;
  const nodes = definition.nodes
    .filter((node): node is NodeWithTask => node.task !== undefined)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (ecs === undefined || nodes.length === 0) return { resources, warnings: [] };
  const scope = { region: ecs.region, accountId: ecs.accountId };
  const baseTags = context.awsTags;
  const taskTags = (task: NodeTaskDefinition) => withOwnTags(context.ownershipTags, baseTags, task.tags);

  // --- IAM: the execution role as on App Mesh; task roles keep only what the apps need (ECS Exec).
  const permissionIds = new Map<string, string[]>();
  const addRole = (
    name: string,
    description: string,
    tags: typeof baseTags,
    granted: PlannedResource[],
    trust?: string,
  ) => {
    if (permissionIds.has(name)) {
      // A role shared by several tasks: the first (by node name) describes it; grants add up.
      const known = new Set(resources.map((resource) => resource.id));
      const added = granted.filter((resource) => !known.has(resource.id));
      resources.push(...added);
      permissionIds.get(name)?.push(...added.map((resource) => resource.id));
      return;
    }
    resources.push(iamRoleResource(name, description, tags, trust), ...granted);
    permissionIds.set(
      name,
      granted.map((resource) => resource.id),
    );
  };
  addRole(ecs.executionRoleName, `ECS task execution role of mesh ${definition.name}`, baseTags, [
    iamRolePolicyResource(
      ecs.executionRoleName,
      inlinePolicyNames.createLogGroup,
      createLogGroupPolicy(logGroupArn(scope, ecs.logGroup)),
    ),
    iamRolePolicyAttachmentResource(ecs.executionRoleName, managedPolicyArns.ecsTaskExecution(ecs.region)),
  ]);
  for (const node of nodes) {
    const { task } = node;
    const invoke = lattice?.callerPolicies.get(task.taskRoleName);
    addRole(
      task.taskRoleName,
      `ECS task role of virtual node ${node.name} in mesh ${definition.name}`,
      taskTags(task),
      [
        ...(task.enableExecuteCommand
          ? [iamRolePolicyResource(task.taskRoleName, inlinePolicyNames.ecsExec, ECS_EXEC_POLICY)]
          : []),
        ...(invoke === undefined ? [] : [invoke]),
      ],
    );
  }
  const tls = serviceConnectTls(definition, options, addRole, baseTags);

  // --- Shared plumbing: log group, cluster (its default namespace is this one), the mesh group.
  resources.push(logGroupResource(ecs.logGroup, baseTags));
  if (ecs.createCluster) {
    const cluster = ecsClusterResource(ecs.cluster, baseTags);
    // ECS creates a namespace for a default it does not find by name: an existing namespace given
    // by name (a typo away from a new one) is left out, and the services, which refuse an unknown
    // namespace, name it themselves.
    const byName =
      serviceConnect === undefined || (namespaceId === undefined && !namespace.startsWith('arn:'));
    resources.push(
      planned('ecsCluster', cluster.id, cluster.name, [namespaceId], {
        ...cluster.input,
        ...(byName ? {} : { serviceConnectDefaults: { namespace } }),
      }),
    );
  }
  const group = securityGroupResource(
    ecs.meshSecurityGroup,
    `Tasks of mesh ${definition.name}: all traffic between members`,
    ecs.vpcId,
    baseTags,
  );
  const selfRule = selfReferencingIngressResource(ecs.meshSecurityGroup, baseTags);
  resources.push(group, selfRule, ...(lattice?.resources ?? []), ...(albs?.resources ?? []));

  // --- One task definition and one ECS service per node; servers before their clients.
  const order =
    serviceConnect === undefined
      ? { servers: new Map<string, string[]>(), warnings: [] }
      : backendOrder(definition, nodes, mapping);
  const serviceNames = new Map(nodes.map((node) => [node.name, node.task.serviceName]));
  const executionPermissions = permissionIds.get(ecs.executionRoleName) ?? [];
  for (const node of nodes) {
    const { task } = node;
    const endpoints = (mapping.endpoints.get(node.name) ?? []) as readonly ServiceConnectEndpoint[];
    const taskDefinition = serviceConnectTaskDefinition({
      ecs,
      task,
      endpoints,
      permissionIds: [...(permissionIds.get(task.taskRoleName) ?? []), ...executionPermissions],
      tags: taskTags(task),
      proxyHeadroom: serviceConnect !== undefined,
    });
    resources.push(taskDefinition);
    const configuration: ServiceConnectConfiguration | undefined = serviceConnect && {
      enabled: true,
      namespace,
      services:
        endpoints.length === 0
          ? undefined
          : endpoints.map((endpoint) => serviceEntry(endpoint, tls?.configuration)),
      logConfiguration: awslogs(ecs, `${task.family}-service-connect`),
      accessLogConfiguration:
        node.logging?.accessLog === undefined
          ? undefined
          : { format: node.logging.accessLog.file?.format?.json === undefined ? 'TEXT' : 'JSON' },
    };
    const onLattice = lattice?.ecsServices.get(node.name);
    const behindAlb = albs?.ecsServices.get(node.name);
    resources.push(
      ecsServiceResource({
        ecs,
        task,
        subnets: task.subnets ?? frozenCopy(ecs.subnets),
        securityGroups: [ref(group.id, 'id'), ...task.securityGroups],
        serviceConnectConfiguration: configuration,
        vpcLatticeConfigurations: onLattice?.configurations,
        loadBalancers: behindAlb?.loadBalancers,
        dependsOn: [
          ...(onLattice?.dependsOn ?? []),
          ...(behindAlb?.dependsOn ?? []),
          namespaceId,
          group.id,
          selfRule.id,
          ...(tls?.dependsOn ?? []),
          ...(order.servers.get(node.name) ?? []).map((server) =>
            resourceIds.ecsService(ecs.cluster, serviceNames.get(server) as string),
          ),
        ],
        tags: taskTags(task),
      }),
    );
  }
  return { resources, warnings: order.warnings };
}

function serviceEntry(
  endpoint: ServiceConnectEndpoint,
  tls: ServiceConnectTlsConfiguration | undefined,
): ServiceConnectService {
  const { timeout, alias } = endpoint;
  return {
    portName: endpoint.portName,
    discoveryName: endpoint.discoveryName,
    // AWS asks for one alias with a port; without a virtual service name, the default DNS name.
    clientAliases: [
      alias === undefined ? { port: endpoint.port } : { port: alias.port, dnsName: alias.dnsName },
    ],
    timeout:
      timeout === undefined
        ? undefined
        : {
            idleTimeoutSeconds: timeout.idleTimeoutSeconds,
            perRequestTimeoutSeconds: timeout.perRequestTimeoutSeconds,
          },
    tls: endpoint.tls ? tls : undefined,
  };
}

/** The TLS settings of every endpoint whose listener had TLS, and the infrastructure role ECS issues with. */
function serviceConnectTls(
  definition: MeshDefinition,
  options: ServiceConnectOptions,
  addRole: (
    name: string,
    description: string,
    tags: Readonly<Record<string, string>>,
    granted: PlannedResource[],
    trust?: string,
  ) => void,
  tags: Readonly<Record<string, string>>,
): { configuration: ServiceConnectTlsConfiguration; dependsOn: string[] } | undefined {
  const { tls } = options;
  const ecs = definition.ecs;
  if (tls === undefined || ecs === undefined) return undefined;
  let roleArn = tls.roleArn;
  const dependsOn: string[] = [];
  if (roleArn === undefined) {
    const name = infrastructureRoleName(definition.name, options);
    const attachment = iamRolePolicyAttachmentResource(name, managedPolicyArns.serviceConnectTls(ecs.region));
    addRole(
      name,
      `ECS infrastructure role of mesh ${definition.name}: Service Connect TLS`,
      tags,
      [attachment],
      ECS_TRUST_POLICY,
    );
    roleArn = ref(resourceIds.iamRole(name), 'arn');
    dependsOn.push(resourceIds.iamRole(name), attachment.id);
  }
  return {
    configuration: {
      issuerCertificateAuthority: { awsPcaAuthorityArn: tls.certificateAuthorityArn },
      kmsKey: tls.kmsKey,
      roleArn,
    },
    dependsOn,
  };
}

/**
 * For each node, the nodes whose endpoints its backends name: their ECS services come first, since
 * a task only sees the endpoints that existed when it started. Edges that would close a loop are
 * left out (and reported): those clients must be redeployed once their servers run.
 */
export function backendOrder(
  definition: MeshDefinition,
  nodes: readonly NodeWithTask[],
  mapping: ServiceConnectMapping,
): { servers: Map<string, string[]>; warnings: PlanIssue[] } {
  const context = planContext(definition);
  const aliasOwner = new Map<string, string>();
  for (const [node, endpoints] of mapping.endpoints)
    for (const endpoint of endpoints) if (endpoint.alias) aliasOwner.set(endpoint.alias.virtualService, node);
  const withTask = new Set(nodes.map((node) => node.name));
  const servers = new Map<string, string[]>();
  const warnings: PlanIssue[] = [];
  const reaches = (from: string, to: string, seen = new Set<string>()): boolean => {
    if (from === to) return true;
    seen.add(from);
    return (servers.get(from) ?? []).some((next) => !seen.has(next) && reaches(next, to, seen));
  };
  for (const node of nodes) {
    const wanted = new Set<string>();
    for (const backend of node.backends) {
      const server = aliasOwner.get(resolveServiceName(context, backend.ref));
      if (server !== undefined && server !== node.name && withTask.has(server)) wanted.add(server);
    }
    for (const server of [...wanted].sort()) {
      if (reaches(server, node.name)) {
        warnings.push(loopWarning(definition, node.name, server));
        continue;
      }
      servers.set(node.name, [...(servers.get(node.name) ?? []), server]);
    }
  }
  // A router's name moves to another of its targets when the weights change, and a client alias
  // answers for one service of the namespace at a time: the node keeping it comes after the
  // router's other targets, whose update releases it first.
  for (const node of nodes) {
    for (const endpoint of mapping.endpoints.get(node.name) ?? []) {
      const router = definition.routers.find((candidate) => candidate.name === endpoint.alias?.router);
      if (router === undefined) continue;
      for (const other of routerTargetNodes(router)) {
        const before = servers.get(node.name) ?? [];
        if (other === node.name || !withTask.has(other) || before.includes(other)) continue;
        if (!reaches(other, node.name)) servers.set(node.name, [...before, other]);
      }
    }
  }
  return { servers, warnings };
}

function loopWarning(definition: MeshDefinition, client: string, server: string): PlanIssue {
  return issue(
    'CHANGED_BY_TARGET',
    paths.virtualNode(definition.name, client),
    `virtual node ${JSON.stringify(server)}'s service created before this one`,
    'a loop of backends',
    {
      field: 'backends',
      severity: 'warning',
      explanation: `Its tasks may start before ${JSON.stringify(server)}'s endpoint exists and then cannot see it: force a new deployment of this service once both run.`,
    },
  );
}
