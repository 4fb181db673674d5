import { describe, expect, it } from 'vitest';
import { plan } from '../../src/plan/build-plan.js';
import { findRefs } from '../../src/plan/resource.js';
import { withIdempotencyToken } from '../../src/plan/tokens.js';
import { colorMeshDefinition } from '../fixtures/color-mesh-definition.js';
import { input, resource } from './support.js';

const colorPlan = plan(colorMeshDefinition);
const NODE_ARN = (node: string) =>
  `arn:aws:appmesh:us-east-1:123456789012:mesh/color-mesh/virtualNode/${node}`;
const COLORS = ['red', 'blue', 'green', 'yellow'] as const;

describe('the color tutorial plan', () => {
  it('contains exactly the tutorial resources', () => {
    const ids = colorPlan.resources.map((r) => r.id).sort();
    const taskRole = (color: string) => [
      `iam/role/color-mesh-${color}-task-role`,
      `iam/role/color-mesh-${color}-task-role/policy/appmesh-envoy-access`,
      `iam/role/color-mesh-${color}-task-role/policy/ecs-exec`,
    ];
    expect(ids).toEqual(
      [
        'cloudMap/namespace/colors.local',
        ...['red', 'blue', 'router', 'yellow'].map((s) => `cloudMap/namespace/colors.local/service/${s}`),
        'mesh/color-mesh',
        ...COLORS.map((c) => `mesh/color-mesh/virtualNode/${c}`),
        'mesh/color-mesh/virtualRouter/color-router',
        'mesh/color-mesh/virtualRouter/color-router/route/color-route',
        ...['red', 'blue', 'router'].map((s) => `mesh/color-mesh/virtualService/${s}.colors.local`),
        'mesh/color-mesh/virtualGateway/color-gateway',
        'mesh/color-mesh/virtualGateway/color-gateway/gatewayRoute/color-gateway-route-1',
        'mesh/color-mesh/virtualGateway/color-gateway/gatewayRoute/color-gateway-route-2',
        'iam/role/color-mesh-execution-role',
        'iam/role/color-mesh-execution-role/attachment/AmazonECSTaskExecutionRolePolicy',
        'iam/role/color-mesh-execution-role/policy/create-log-group',
        ...COLORS.flatMap(taskRole),
        'iam/role/color-mesh-color-gateway-task-role',
        'iam/role/color-mesh-color-gateway-task-role/policy/appmesh-envoy-access',
        'ec2/securityGroup/colorapp-sg',
        'ec2/securityGroup/colorapp-sg/ingress/self',
        'ec2/securityGroup/gateway-sg',
        'ec2/securityGroup/gateway-sg/ingress/tcp-80',
        'logs/logGroup//ecs/color-mesh',
        'ecs/cluster/color-cluster',
        ...[...COLORS, 'color-gateway'].map((f) => `ecs/taskDefinition/${f}`),
        ...[...COLORS, 'color-gateway'].map((s) => `ecs/cluster/color-cluster/service/${s}`),
        'elbv2/loadBalancer/color-gateway-nlb',
        'elbv2/loadBalancer/color-gateway-nlb/listener/80',
        'elbv2/targetGroup/gateway-tg',
      ].sort(),
    );
    expect(colorPlan.meshName).toBe('color-mesh');
  });

  it('lists every referenced resource as a dependency, and orders dependencies first', () => {
    const position = new Map(colorPlan.resources.map((r, index) => [r.id, index]));
    for (const r of colorPlan.resources) {
      for (const { resourceId } of findRefs(r.input)) expect(r.dependsOn, r.id).toContain(resourceId);
      for (const dependency of r.dependsOn) {
        expect(position.get(dependency), `${r.id} -> ${dependency}`).toBeLessThan(
          position.get(r.id) as number,
        );
      }
      expect([...r.dependsOn].sort()).toEqual(r.dependsOn);
    }
  });

  it('is deeply frozen', () => {
    const node = resource(colorPlan, 'virtualNode', 'mesh/color-mesh/virtualNode/red');
    expect(Object.isFrozen(colorPlan)).toBe(true);
    expect(Object.isFrozen(colorPlan.resources)).toBe(true);
    expect(Object.isFrozen(node.input.spec?.listeners?.[0]?.healthCheck)).toBe(true);
    // ...without freezing the caller's definition.
    expect(Object.isFrozen(colorMeshDefinition.nodes[0]?.listeners[0])).toBe(false);
  });
});

describe('App Mesh resources', () => {
  it('create the mesh with egress DROP_ALL and the ownership tags (mesh, and plan named after it)', () => {
    const mesh = input(colorPlan, 'mesh', 'mesh/color-mesh');
    expect(mesh.spec).toEqual({ egressFilter: { type: 'DROP_ALL' } });
    expect(mesh.tags).toEqual([
      { key: 'appmesh-builder:mesh', value: 'color-mesh' },
      { key: 'appmesh-builder:plan', value: 'color-mesh' },
    ]);
    expect(colorPlan.planName).toBe('color-mesh');
  });

  it('give nodes Cloud Map discovery with attributes always sent, and resolved, sorted backends', () => {
    const red = input(colorPlan, 'virtualNode', 'mesh/color-mesh/virtualNode/red');
    expect(red.spec?.serviceDiscovery).toEqual({
      awsCloudMap: { namespaceName: 'colors.local', serviceName: 'red', attributes: [] },
    });
    expect(red.spec?.backends).toEqual([{ virtualService: { virtualServiceName: 'router.colors.local' } }]);
    const green = input(colorPlan, 'virtualNode', 'mesh/color-mesh/virtualNode/green');
    expect(green.spec?.serviceDiscovery?.awsCloudMap?.serviceName).toBe('router');
    expect(green.spec?.backends).toEqual([]);
    expect(green.spec?.logging).toEqual({ accessLog: { file: { path: '/dev/stdout' } } });
  });

  it('make a node depend on the mesh and the Cloud Map service it discovers, not on its backends', () => {
    expect(resource(colorPlan, 'virtualNode', 'mesh/color-mesh/virtualNode/blue').dependsOn).toEqual([
      'cloudMap/namespace/colors.local/service/blue',
      'mesh/color-mesh',
    ]);
  });

  it('make the route depend on its router and every target node', () => {
    const route = resource(
      colorPlan,
      'route',
      'mesh/color-mesh/virtualRouter/color-router/route/color-route',
    );
    expect(route.dependsOn).toEqual([
      'mesh/color-mesh',
      'mesh/color-mesh/virtualNode/green',
      'mesh/color-mesh/virtualNode/yellow',
      'mesh/color-mesh/virtualRouter/color-router',
    ]);
    expect(route.input.spec?.httpRoute?.action?.weightedTargets).toEqual([
      { virtualNode: 'green', weight: 4 },
      { virtualNode: 'yellow', weight: 1 },
    ]);
  });

  it('make a virtual service depend on its provider', () => {
    const router = resource(
      colorPlan,
      'virtualService',
      'mesh/color-mesh/virtualService/router.colors.local',
    );
    expect(router.dependsOn).toContain('mesh/color-mesh/virtualRouter/color-router');
    expect(router.input.spec).toEqual({ provider: { virtualRouter: { virtualRouterName: 'color-router' } } });
    const red = resource(colorPlan, 'virtualService', 'mesh/color-mesh/virtualService/red.colors.local');
    expect(red.dependsOn).toContain('mesh/color-mesh/virtualNode/red');
  });

  it('make a gateway route depend on its gateway and its target service', () => {
    const id = 'mesh/color-mesh/virtualGateway/color-gateway/gatewayRoute/color-gateway-route-1';
    expect(resource(colorPlan, 'gatewayRoute', id).dependsOn).toEqual([
      'mesh/color-mesh',
      'mesh/color-mesh/virtualGateway/color-gateway',
      'mesh/color-mesh/virtualService/router.colors.local',
    ]);
  });

  it('give every App Mesh create a clientToken within 36 characters (derived, not held in the plan)', () => {
    const appMesh = colorPlan.resources.filter((r) => r.id.startsWith('mesh/'));
    expect(appMesh).toHaveLength(13);
    for (const r of appMesh) {
      expect(r.input).not.toHaveProperty('clientToken');
      const sent = withIdempotencyToken(r, r.input) as { clientToken?: string };
      expect(sent.clientToken).toMatch(/^[A-Za-z0-9_-]{1,36}$/);
    }
  });
});

describe('Cloud Map resources', () => {
  it('create the namespace in the ECS VPC with a stable CreatorRequestId', () => {
    const namespace = input(colorPlan, 'cloudMapNamespace', 'cloudMap/namespace/colors.local');
    expect(namespace).toMatchObject({ Name: 'colors.local', Vpc: 'vpc-0123456789abcdef0' });
    const sent = withIdempotencyToken(
      resource(colorPlan, 'cloudMapNamespace', 'cloudMap/namespace/colors.local'),
      namespace,
    );
    expect(sent.CreatorRequestId?.length).toBeLessThanOrEqual(64);
  });

  it('create services with A records in the namespace by reference', () => {
    const router = resource(colorPlan, 'cloudMapService', 'cloudMap/namespace/colors.local/service/router');
    expect(router.input).toMatchObject({
      Name: 'router',
      NamespaceId: '{{ref:cloudMap/namespace/colors.local#id}}',
      DnsConfig: { RoutingPolicy: 'MULTIVALUE', DnsRecords: [{ Type: 'A', TTL: 300 }] },
      HealthCheckCustomConfig: { FailureThreshold: 1 },
    });
  });
});

describe('IAM', () => {
  it('lets each node task role stream only its own node configuration', () => {
    for (const color of COLORS) {
      const policy = input(
        colorPlan,
        'iamRolePolicy',
        `iam/role/color-mesh-${color}-task-role/policy/appmesh-envoy-access`,
      );
      expect(JSON.parse(policy.PolicyDocument as string)).toEqual({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'appmesh:StreamAggregatedResources', Resource: [NODE_ARN(color)] },
        ],
      });
    }
    const gateway = input(
      colorPlan,
      'iamRolePolicy',
      'iam/role/color-mesh-color-gateway-task-role/policy/appmesh-envoy-access',
    );
    expect(gateway.PolicyDocument).toContain('mesh/color-mesh/virtualGateway/color-gateway"');
  });

  it('grants ECS Exec its four ssmmessages actions', () => {
    const exec = input(colorPlan, 'iamRolePolicy', 'iam/role/color-mesh-red-task-role/policy/ecs-exec');
    expect(JSON.parse(exec.PolicyDocument as string).Statement[0].Action).toEqual([
      'ssmmessages:CreateControlChannel',
      'ssmmessages:CreateDataChannel',
      'ssmmessages:OpenControlChannel',
      'ssmmessages:OpenDataChannel',
    ]);
  });

  it('gives the execution role the managed policy and logs:CreateLogGroup on the mesh log group', () => {
    const role = input(colorPlan, 'iamRole', 'iam/role/color-mesh-execution-role');
    expect(JSON.parse(role.AssumeRolePolicyDocument as string).Statement[0].Principal).toEqual({
      Service: 'ecs-tasks.amazonaws.com',
    });
    expect(
      input(
        colorPlan,
        'iamRolePolicyAttachment',
        'iam/role/color-mesh-execution-role/attachment/AmazonECSTaskExecutionRolePolicy',
      ).PolicyArn,
    ).toBe('arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy');
    const logs = input(
      colorPlan,
      'iamRolePolicy',
      'iam/role/color-mesh-execution-role/policy/create-log-group',
    );
    expect(JSON.parse(logs.PolicyDocument as string).Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'logs:CreateLogGroup',
        Resource: 'arn:aws:logs:us-east-1:123456789012:log-group:/ecs/color-mesh:*',
      },
    ]);
  });
});

describe('security groups', () => {
  it('make the mesh group self-referencing', () => {
    const rule = input(colorPlan, 'securityGroupIngress', 'ec2/securityGroup/colorapp-sg/ingress/self');
    expect(rule.GroupId).toBe('{{ref:ec2/securityGroup/colorapp-sg#id}}');
    expect(rule.IpPermissions).toEqual([
      { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: '{{ref:ec2/securityGroup/colorapp-sg#id}}' }] },
    ]);
  });

  it('open the gateway group only on the listener port, to the listed CIDRs', () => {
    const rules = colorPlan.resources.filter((r) => r.id.startsWith('ec2/securityGroup/gateway-sg/ingress/'));
    expect(rules.map((r) => r.input)).toMatchObject([
      {
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      },
    ]);
  });

  it('put the NLB in both groups and the gateway tasks in the mesh group only', () => {
    expect(input(colorPlan, 'loadBalancer', 'elbv2/loadBalancer/color-gateway-nlb').SecurityGroups).toEqual([
      '{{ref:ec2/securityGroup/gateway-sg#id}}',
      '{{ref:ec2/securityGroup/colorapp-sg#id}}',
    ]);
    const service = input(colorPlan, 'ecsService', 'ecs/cluster/color-cluster/service/color-gateway');
    expect(service.networkConfiguration?.awsvpcConfiguration?.securityGroups).toEqual([
      '{{ref:ec2/securityGroup/colorapp-sg#id}}',
    ]);
  });
});

describe('ECS', () => {
  const redTask = input(colorPlan, 'taskDefinition', 'ecs/taskDefinition/red');

  it('gives a node task the Envoy sidecar AWS documents', () => {
    const envoy = redTask.containerDefinitions?.find((c) => c.name === 'envoy');
    expect(envoy).toEqual({
      name: 'envoy',
      image: 'public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.12.1-prod',
      essential: true,
      user: '1337',
      environment: [{ name: 'APPMESH_RESOURCE_ARN', value: NODE_ARN('red') }],
      ulimits: [{ name: 'nofile', softLimit: 15000, hardLimit: 15000 }],
      healthCheck: {
        command: ['CMD-SHELL', 'curl -s http://localhost:9901/server_info | grep state | grep -q LIVE'],
        startPeriod: 10,
        interval: 5,
        timeout: 2,
        retries: 3,
      },
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': '/ecs/color-mesh',
          'awslogs-region': 'us-east-1',
          'awslogs-stream-prefix': 'red',
        },
      },
    });
  });

  it('starts the app after Envoy is healthy, with its port and COLOR', () => {
    const app = redTask.containerDefinitions?.find((c) => c.name === 'red-app');
    expect(app).toMatchObject({
      image: 'forsakenidol/colorapp',
      essential: true,
      portMappings: [{ containerPort: 80, protocol: 'tcp' }],
      environment: [{ name: 'COLOR', value: 'red' }],
      dependsOn: [{ containerName: 'envoy', condition: 'HEALTHY' }],
    });
  });

  it('routes the node task through Envoy with the APPMESH proxy configuration', () => {
    expect(redTask).toMatchObject({
      family: 'red',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      taskRoleArn: '{{ref:iam/role/color-mesh-red-task-role#arn}}',
      executionRoleArn: '{{ref:iam/role/color-mesh-execution-role#arn}}',
    });
    expect(redTask.proxyConfiguration).toEqual({
      type: 'APPMESH',
      containerName: 'envoy',
      properties: [
        { name: 'IgnoredUID', value: '1337' },
        { name: 'ProxyIngressPort', value: '15000' },
        { name: 'ProxyEgressPort', value: '15001' },
        { name: 'AppPorts', value: '80' },
        { name: 'EgressIgnoredIPs', value: '169.254.170.2,169.254.169.254' },
      ],
    });
  });

  it('runs the gateway as Envoy alone on its listener port, without proxy configuration', () => {
    const gateway = input(colorPlan, 'taskDefinition', 'ecs/taskDefinition/color-gateway');
    expect(gateway.proxyConfiguration).toBeUndefined();
    expect(gateway.containerDefinitions?.map((c) => c.name)).toEqual(['envoy']);
    expect(gateway.containerDefinitions?.[0]?.portMappings).toEqual([{ containerPort: 80, protocol: 'tcp' }]);
    expect(gateway.containerDefinitions?.[0]?.environment).toEqual([
      {
        name: 'APPMESH_RESOURCE_ARN',
        value: 'arn:aws:appmesh:us-east-1:123456789012:mesh/color-mesh/virtualGateway/color-gateway',
      },
    ]);
  });

  it('registers node services in Cloud Map, with ECS Exec, in private subnets', () => {
    const green = resource(colorPlan, 'ecsService', 'ecs/cluster/color-cluster/service/green');
    expect(green.input).toMatchObject({
      cluster: 'color-cluster',
      serviceName: 'green',
      taskDefinition: '{{ref:ecs/taskDefinition/green#arn}}',
      desiredCount: 1,
      launchType: 'FARGATE',
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
          securityGroups: ['{{ref:ec2/securityGroup/colorapp-sg#id}}'],
          assignPublicIp: 'DISABLED',
        },
      },
      serviceRegistries: [{ registryArn: '{{ref:cloudMap/namespace/colors.local/service/router#arn}}' }],
      enableExecuteCommand: true,
      deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200 },
      propagateTags: 'SERVICE',
    });
    expect(withIdempotencyToken(green, green.input).clientToken).toMatch(/^[A-Za-z0-9_-]{1,36}$/);
    expect(green.dependsOn).toContain('mesh/color-mesh/virtualNode/green');
  });

  it('puts the gateway service behind the NLB target group, after the listener exists', () => {
    const gateway = resource(colorPlan, 'ecsService', 'ecs/cluster/color-cluster/service/color-gateway');
    expect(gateway.input.loadBalancers).toEqual([
      {
        targetGroupArn: '{{ref:elbv2/targetGroup/gateway-tg#arn}}',
        containerName: 'envoy',
        containerPort: 80,
      },
    ]);
    expect(gateway.input.serviceRegistries).toBeUndefined();
    expect(gateway.dependsOn).toContain('elbv2/loadBalancer/color-gateway-nlb/listener/80');
  });
});

describe('the gateway NLB', () => {
  it('is an internet-facing network load balancer in the public subnets', () => {
    expect(input(colorPlan, 'loadBalancer', 'elbv2/loadBalancer/color-gateway-nlb')).toMatchObject({
      Name: 'color-gateway-nlb',
      Type: 'network',
      Scheme: 'internet-facing',
      Subnets: ['subnet-0bbbbbbbbbbbbbbb1', 'subnet-0bbbbbbbbbbbbbbb2'],
    });
  });

  it('forwards TCP 80 to an ip target group', () => {
    expect(input(colorPlan, 'targetGroup', 'elbv2/targetGroup/gateway-tg')).toMatchObject({
      Name: 'gateway-tg',
      Protocol: 'TCP',
      Port: 80,
      VpcId: 'vpc-0123456789abcdef0',
      TargetType: 'ip',
    });
    expect(
      input(colorPlan, 'loadBalancerListener', 'elbv2/loadBalancer/color-gateway-nlb/listener/80'),
    ).toMatchObject({
      LoadBalancerArn: '{{ref:elbv2/loadBalancer/color-gateway-nlb#arn}}',
      Protocol: 'TCP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: '{{ref:elbv2/targetGroup/gateway-tg#arn}}' }],
    });
  });
});

describe('tags', () => {
  it('mark every taggable resource with the mesh it belongs to', () => {
    const text = (r: (typeof colorPlan.resources)[number]) => JSON.stringify(r.input);
    const untaggable = new Set(['iamRolePolicy', 'iamRolePolicyAttachment']);
    for (const r of colorPlan.resources) {
      if (untaggable.has(r.kind)) continue;
      expect(text(r), r.id).toMatch(/appmesh-builder:mesh/);
    }
  });
});
