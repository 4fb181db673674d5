/**
 * The move from App Mesh to Service Connect for one mesh, in order: a parallel Service Connect
 * environment, servers before clients, traffic shifted at the edge, then App Mesh removed.
 */
import type {
  NodeTaskDefinition,
  VirtualGatewayDefinition,
  VirtualNodeDefinition,
} from '../../definition/mesh-definition.js';
import { topologicalOrder } from '../../plan/graph.js';
import { planNameOf } from '../../plan/names.js';
import type { MigrationStep } from '../../report/migration-report.js';
import { gatewayAlbsOf, onAlb } from '../vpc-lattice/gateway-alb-findings.js';
import { latticeDnsStep, latticeSetupSteps } from '../vpc-lattice/migration-procedure.js';
import { infrastructureRoleName } from './green-names.js';
import {
  backendService,
  compareText,
  listText,
  type MigrationContext,
  serverOf,
  sortedByName,
} from './migration-context.js';
import { backendOrder } from './plan.js';

export function migrationProcedure(context: MigrationContext): MigrationStep[] {
  const { definition } = context;
  const steps: MigrationStep[] = [
    {
      title: 'Decide on every lost or approximated feature',
      detail:
        'Read the entries above: drop each feature, accept the approximation, or re-create it with the alternative named.',
      resources: [],
    },
    ...(context.target === 'vpc-lattice' ? [] : [namespaceStep(context)]),
  ];
  const tls = [...context.mapping.endpoints.values()].flat().some((endpoint) => endpoint.tls);
  if (tls) {
    const options = context.options.tls;
    steps.push({
      title: 'Prepare Service Connect TLS',
      detail: `Use an AWS Private CA (short-lived mode recommended)${options === undefined ? ' and give its ARN as serviceConnect.tls.certificateAuthorityArn' : ''}; the ECS infrastructure role ${options?.roleArn ?? infrastructureRoleName(definition.name, context.options)} with AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity; optionally a KMS key.`,
      resources: [
        options?.certificateAuthorityArn ?? '<AWS Private CA>',
        options?.roleArn ?? infrastructureRoleName(definition.name, context.options),
      ],
    });
  }
  const tasks = sortedByName(context.green.nodes).filter((node) => node.task !== undefined);
  steps.push({
    title: 'Register the new task definitions',
    detail: `Without the Envoy container, proxyConfiguration, APPMESH_* variables and the dependsOn on Envoy; with named port mappings and appProtocol; ${context.target === 'vpc-lattice' ? 'the same task-level cpu and memory (no proxy runs beside the application).' : 'task-level cpu and memory with headroom for the Service Connect proxy.'}`,
    resources: tasks.map((node) => node.task?.family as string),
  });
  steps.push(...latticeSetupSteps(context));
  steps.push(context.target === 'vpc-lattice' ? latticeServicesStep(context) : servicesStep(context));
  steps.push(...latticeDnsStep(context));
  steps.push(edgeStep(context));
  if (definition.routers.length > 0 && context.target === 'service-connect') {
    steps.push({
      title: 'Re-implement the routing Service Connect cannot express',
      detail:
        'For each router below, create the VPC Lattice service, listener, target groups and rules (or the ALB rules, or an ECS canary deployment) named in its entries, and point its callers at the new name.',
      resources: sortedByName(definition.routers).map((router) => router.name),
    });
  }
  steps.push(...decommissionSteps(context));
  return steps;
}

function namespaceStep(context: MigrationContext): MigrationStep {
  const ecs = context.green.ecs;
  const cluster = ecs?.createCluster === true ? ecs.cluster : undefined;
  return context.createsNamespace
    ? {
        title: 'Create the Service Connect namespace',
        detail: `Create the Cloud Map HTTP namespace ${context.namespace} (CreateHttpNamespace)${cluster === undefined ? '' : ` and make it the serviceConnectDefaults.namespace of the new cluster ${cluster}`}. Its names never collide with the App Mesh Cloud Map services.`,
        resources: [context.namespace],
      }
    : {
        title: 'Use the existing namespace',
        detail: `Every service joins ${context.namespace}; no discoveryName may equal a Cloud Map service already in it.`,
        resources: [context.namespace],
      };
}

/**
 * ECS services, servers before clients (a task sees only the endpoints that existed when it
 * started), in the plan's own order: a loop of backends is broken where the plan breaks it.
 */
function servicesStep(context: MigrationContext): MigrationStep {
  const { green } = context;
  const nodes = sortedByName(green.nodes).filter(
    (node): node is VirtualNodeDefinition & { task: NodeTaskDefinition } => node.task !== undefined,
  );
  const { servers } = backendOrder(green, nodes, context.mapping);
  const names = new Set(nodes.map((node) => node.name));
  const serviceName = (node: string) => context.greenNodes.get(node)?.task?.serviceName ?? node;
  const late: string[] = [];
  for (const node of nodes) {
    const kept = new Set(servers.get(node.name) ?? []);
    const called = new Set(
      node.backends.map((backend) => {
        const service = backendService(green, backend.ref);
        return service === undefined ? undefined : serverOf(context, service.name);
      }),
    );
    for (const server of [...called].sort()) {
      if (server === undefined || server === node.name || !names.has(server) || kept.has(server)) continue;
      late.push(
        `${serviceName(node.name)} calls ${serviceName(server)} but cannot wait for it (a loop of backends): force a new deployment of ${serviceName(node.name)} once both run.`,
      );
    }
  }
  const graph = nodes
    .map((node) => ({ id: node.name, dependsOn: servers.get(node.name) ?? [] }))
    .sort((a, b) => compareText(serviceName(a.id), serviceName(b.id)));
  const ordered = topologicalOrder(graph);
  const order = ordered.ok
    ? ordered.order.map((node) => serviceName(node.id))
    : graph.map((node) => serviceName(node.id));
  const renamed = nodes.some(
    (node) => serviceName(node.name) !== context.nodes.get(node.name)?.task?.serviceName,
  );
  const cluster = green.ecs?.cluster;
  const naming = renamed
    ? "Their names differ from the App Mesh services', so both environments run side by side."
    : `ECS service names are unique in a cluster: with the App Mesh services still in ${cluster}, give the new ones other names (serviceConnect.nameSuffix) or another cluster.`;
  return {
    title: 'Create the ECS services, servers before clients',
    detail: `In cluster ${cluster}, in this order, each with its serviceConnectConfiguration${context.lattice === undefined ? '' : ' (and vpcLatticeConfigurations for the targets of a router)'}. ${naming}${late.length === 0 ? '' : ` ${late.join(' ')}`}`,
    resources: order,
  };
}

/** `vpc-lattice`: no endpoint to wait for, so no order between the services. */
function latticeServicesStep(context: MigrationContext): MigrationStep {
  const services = sortedByName(context.green.nodes).flatMap((node) =>
    node.task === undefined ? [] : [node.task.serviceName],
  );
  return {
    title: 'Create the ECS services',
    detail: `In cluster ${context.green.ecs?.cluster}, in any order: callers find each other through VPC Lattice, whatever started first. Each has its vpcLatticeConfigurations and no serviceConnectConfiguration; their names differ from the App Mesh services', so both environments run side by side.`,
    resources: services,
  };
}

function edgeStep(context: MigrationContext): MigrationStep {
  const gateways = sortedByName(context.definition.gateways);
  if (gateways.length === 0) {
    return {
      title: 'Shift traffic at the edge',
      detail:
        'This mesh has no virtual gateway: move the callers that enter it (load balancer, Route 53 record or CloudFront origin in front of it) gradually to the new services, with weighted target groups or weighted records. Rollback is moving the weights back.',
      resources: [],
    };
  }
  // On the Lattice targets the plan makes a gateway behind a load balancer an ALB of its own.
  const albs = gatewayAlbsOf(context);
  const onAlbs = gateways.filter((gateway) => onAlb(albs, gateway));
  const others = gateways.filter((gateway) => !onAlb(albs, gateway));
  const oldNames = (gateway: VirtualGatewayDefinition) => {
    const balancer = gateway.task?.loadBalancer;
    return balancer === undefined ? [gateway.name] : [gateway.name, balancer.name];
  };
  const names = others.flatMap(oldNames);
  const replaced = onAlbs.map(
    (gateway) => `${listText(oldNames(gateway))} by ALB ${albs?.albNames.get(gateway.name)}`,
  );
  const details = [
    ...(onAlbs.length === 0
      ? []
      : [
          `The plan replaces ${listText(replaced)}: once its target groups are healthy, move traffic to the ALB's DNS name gradually with Route 53 weighted records or CloudFront continuous deployment; clients that call the load balancer's static IP addresses must change, an ALB has none. Rollback is moving the weights back.`,
        ]),
    ...(others.length === 0
      ? []
      : [
          `${context.target === 'service-connect' ? 'Service Connect has no gateway' : 'The plan compiles no gateway'}: put an ALB in front of the services the gateway routes reach (see the gateway entries), then move traffic from ${listText(names)} to it gradually with Route 53 weighted records, ALB weighted target groups or CloudFront continuous deployment. Rollback is moving the weights back.`,
        ]),
  ];
  return {
    title: 'Shift traffic at the edge',
    detail: details.join(' '),
    resources: gateways.flatMap((gateway) =>
      onAlb(albs, gateway)
        ? [...oldNames(gateway), albs?.albNames.get(gateway.name) ?? '']
        : oldNames(gateway),
    ),
  };
}

function decommissionSteps(context: MigrationContext): MigrationStep[] {
  const { definition } = context;
  const oldServices = [
    ...sortedByName(definition.nodes).flatMap((node) =>
      node.task === undefined ? [] : [node.task.serviceName],
    ),
    ...sortedByName(definition.gateways).flatMap((gateway) =>
      gateway.task === undefined ? [] : [gateway.task.serviceName],
    ),
  ];
  const balancers = sortedByName(definition.gateways).flatMap((gateway) => {
    const balancer = gateway.task?.loadBalancer;
    return balancer === undefined ? [] : [balancer.name, balancer.targetGroupName];
  });
  const routers = sortedByName(definition.routers);
  const gateways = sortedByName(definition.gateways);
  // Without a suffix the plans differ by name only: their resources share names (and AWS resources).
  const separatePlans = planNameOf(context.green) !== planNameOf(definition) && context.nameSuffix !== '';
  const appMesh = [
    ...gateways.flatMap((gateway) =>
      sortedByName(gateway.routes).map((route) => `gateway route ${gateway.name}/${route.name}`),
    ),
    ...routers.flatMap((router) =>
      sortedByName(router.routes).map((route) => `route ${router.name}/${route.name}`),
    ),
    ...sortedByName(definition.services).map((service) => `virtual service ${service.name}`),
    ...routers.map((router) => `virtual router ${router.name}`),
    ...gateways.map((gateway) => `virtual gateway ${gateway.name}`),
    ...sortedByName(definition.nodes).map((node) => `virtual node ${node.name}`),
    `mesh ${definition.name}`,
  ];
  const steps: MigrationStep[] = [
    {
      title: 'Delete the App Mesh ECS services',
      detail: `Once no traffic reaches them: the ECS services running Envoy in cluster ${definition.ecs?.cluster}${balancers.length === 0 ? '' : ", then the gateway's load balancer and target group"}.${separatePlans ? ` If this library created the App Mesh environment, \`appmesh-builder destroy <module>\` (App Mesh target) deletes it all, dependents first, with its roles, security groups, log group and cluster: the ${context.targetTitle} resources carry another plan name (${planNameOf(context.green)}) and are left alone.` : ''}`,
      resources: [...oldServices, ...balancers],
    },
    {
      title: 'Delete the App Mesh resources',
      detail:
        'Gateway routes first (AWS refuses to delete a virtual service a gateway route targets), then routes, virtual services (they name their routers and nodes), virtual routers, virtual gateways, virtual nodes and the mesh: each after everything that refers to it. AWS documents no complete deletion order [unverified].',
      resources: appMesh,
    },
  ];
  const namespace = definition.namespace;
  if (namespace !== undefined || definition.cloudMapServices.length > 0) {
    const keepNamespace = !context.createsNamespace && context.namespace === namespace?.name;
    steps.push({
      title: 'Delete the App Mesh Cloud Map services',
      detail: keepNamespace
        ? `Their instances are gone with the old ECS services; keep namespace ${namespace?.name}: Service Connect uses it.`
        : `Their instances are gone with the old ECS services; then delete namespace ${namespace?.name ?? ''} if nothing else uses it (ECS never deletes namespaces).`.replace(
            'namespace  if',
            'the namespace if',
          ),
      resources: [
        ...sortedByName(definition.cloudMapServices).map((service) => service.name),
        ...(keepNamespace || namespace === undefined ? [] : [namespace.name]),
      ],
    });
  }
  return steps;
}
