/**
 * Service Connect plans written by hand in the shape the plan compiler emits (a Cloud Map HTTP
 * namespace, the cluster, and per node a task definition without Envoy and an ECS service with
 * `serviceConnectConfiguration`, servers created before their clients), for simulator tests.
 */
import type { ServiceConnectClientAlias } from '@aws-sdk/client-ecs';
import type { Plan } from '../../src/plan/plan.js';
import type { PlannedResource } from '../../src/plan/resource.js';

const NAMESPACE_ID = 'cloudmap/httpNamespace/color-mesh';
const CLUSTER_ID = 'ecs/cluster/color-cluster';

export interface ServiceConnectNode {
  readonly name: string;
  readonly color: string;
  /** The listener port; none for a client only. */
  readonly port?: number;
  /** The entry's client alias; none when the endpoint keeps no name. */
  readonly alias?: ServiceConnectClientAlias;
  /** Nodes whose ECS services must exist first (its backends' providers). */
  readonly after?: readonly string[];
  /** Without Service Connect: an ECS service of the cluster outside the namespace. */
  readonly withoutServiceConnect?: boolean;
  readonly desiredCount?: number;
}

/** The color mesh under Service Connect: green keeps router.colors.local, yellow keeps no name. */
export const COLOR_NODES: readonly ServiceConnectNode[] = [
  { name: 'green', color: 'green', port: 80, alias: { dnsName: 'router.colors.local', port: 80 } },
  { name: 'yellow', color: 'yellow', port: 80 },
  { name: 'red', color: 'red', port: 80, alias: { dnsName: 'red.colors.local', port: 80 }, after: ['green'] },
  {
    name: 'blue',
    color: 'blue',
    port: 80,
    alias: { dnsName: 'blue.colors.local', port: 80 },
    after: ['red'],
  },
];

/** A plan for these nodes, in this create order, in namespace color-mesh. */
export function serviceConnectPlan(nodes: readonly ServiceConnectNode[] = COLOR_NODES): Plan {
  const resources = [
    resource('cloudMapHttpNamespace', NAMESPACE_ID, 'color-mesh', [], { Name: 'color-mesh' }),
    resource('ecsCluster', CLUSTER_ID, 'color-cluster', [NAMESPACE_ID], {
      clusterName: 'color-cluster',
      serviceConnectDefaults: { namespace: `{{ref:${NAMESPACE_ID}#arn}}` },
    }),
    ...nodes.map((node) => taskDefinition(node)),
    ...nodes.map((node) => ecsService(node)),
  ];
  return { kind: 'plan', meshName: 'color-mesh', planName: 'color-mesh', resources, warnings: [] };
}

function taskDefinition(node: ServiceConnectNode): PlannedResource {
  return resource('taskDefinition', `ecs/taskDefinition/${node.name}`, node.name, [], {
    family: node.name,
    networkMode: 'awsvpc',
    containerDefinitions: [
      {
        name: `${node.name}-app`,
        image: 'forsakenidol/colorapp',
        essential: true,
        environment: [{ name: 'COLOR', value: node.color }],
        portMappings:
          node.port === undefined
            ? []
            : [{ containerPort: node.port, protocol: 'tcp', name: `http-${node.port}`, appProtocol: 'http' }],
      },
    ],
  });
}

function ecsService(node: ServiceConnectNode): PlannedResource {
  const id = `${CLUSTER_ID}/service/${node.name}`;
  const dependsOn = [
    CLUSTER_ID,
    NAMESPACE_ID,
    `ecs/taskDefinition/${node.name}`,
    ...(node.after ?? []).map((n) => `${CLUSTER_ID}/service/${n}`),
  ].sort();
  return resource('ecsService', id, node.name, dependsOn, {
    cluster: 'color-cluster',
    serviceName: node.name,
    taskDefinition: `{{ref:ecs/taskDefinition/${node.name}#arn}}`,
    desiredCount: node.desiredCount ?? 1,
    launchType: 'FARGATE',
    ...(node.withoutServiceConnect
      ? {}
      : {
          serviceConnectConfiguration: {
            enabled: true,
            namespace: `{{ref:${NAMESPACE_ID}#arn}}`,
            ...(node.port === undefined
              ? {}
              : {
                  services: [
                    {
                      portName: `http-${node.port}`,
                      discoveryName: node.name,
                      ...(node.alias === undefined ? {} : { clientAliases: [node.alias] }),
                    },
                  ],
                }),
            logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/color-mesh' } },
          },
        }),
  });
}

function resource(
  kind: string,
  id: string,
  name: string,
  dependsOn: readonly string[],
  input: object,
): PlannedResource {
  return { kind, id, name, dependsOn, input } as unknown as PlannedResource;
}
