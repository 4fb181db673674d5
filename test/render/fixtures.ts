/**
 * A small hand-made Plan for renderer tests that should not depend on plan(): one resource of each
 * shape the scripts care about, with reference tokens of every lookup kind they use.
 */
import type { Plan } from '../../src/plan/plan.js';
import { type PlannedResource, ref } from '../../src/plan/resource.js';

const ns = 'cloudMap/namespace/shop.local';
const cmService = `${ns}/service/web`;
const meshId = 'mesh/shop';
const node = 'mesh/shop/virtualNode/web';
const node2 = 'mesh/shop/virtualNode/web-v2';
const router = 'mesh/shop/virtualRouter/web-router';
const route = `${router}/route/web-route`;
const service = 'mesh/shop/virtualService/web.shop.local';
const gateway = 'mesh/shop/virtualGateway/shop-gateway';
const gatewayRoute = `${gateway}/gatewayRoute/shop-route`;
const role = 'iam/role/shop-web-task-role';
const sg = 'ec2/securityGroup/shop-sg';
const task = 'ecs/taskDefinition/web';
const lb = 'elbv2/loadBalancer/shop-nlb';
const tg = 'elbv2/targetGroup/shop-tg';

function r<K extends PlannedResource['kind']>(
  kind: K,
  id: string,
  name: string,
  dependsOn: string[],
  input: unknown,
): PlannedResource {
  return { kind, id, name, dependsOn: [...dependsOn].sort(), input } as PlannedResource;
}

export const smallPlan: Plan = {
  kind: 'plan',
  target: 'app-mesh',
  meshName: 'shop',
  planName: 'shop',
  warnings: [],
  resources: [
    r('cloudMapNamespace', ns, 'shop.local', [], { Name: 'shop.local', Vpc: 'vpc-1' }),
    r('cloudMapService', cmService, 'web', [ns], { Name: 'web', NamespaceId: ref(ns, 'id') }),
    r('mesh', meshId, 'shop', [], { meshName: 'shop', spec: { egressFilter: { type: 'DROP_ALL' } } }),
    r('virtualNode', node, 'web', [meshId], {
      meshName: ref(meshId, 'name'),
      virtualNodeName: 'web',
      spec: { backends: [{ virtualService: { virtualServiceName: 'web.shop.local' } }] },
    }),
    r('virtualNode', node2, 'web-v2', [meshId], { meshName: 'shop', virtualNodeName: 'web-v2', spec: {} }),
    r('virtualRouter', router, 'web-router', [meshId], {
      meshName: 'shop',
      virtualRouterName: 'web-router',
      spec: {},
    }),
    r('route', route, 'web-route', [router, node, node2], {
      meshName: 'shop',
      virtualRouterName: 'web-router',
      routeName: 'web-route',
      spec: {
        httpRoute: {
          match: { prefix: '/' },
          action: {
            weightedTargets: [
              { virtualNode: 'web', weight: 3 },
              { virtualNode: 'web-v2', weight: 1 },
            ],
          },
        },
      },
    }),
    r('virtualService', service, 'web.shop.local', [router], {
      meshName: 'shop',
      virtualServiceName: 'web.shop.local',
      spec: { provider: { virtualRouter: { virtualRouterName: 'web-router' } } },
    }),
    r('virtualGateway', gateway, 'shop-gateway', [meshId], {
      meshName: 'shop',
      virtualGatewayName: 'shop-gateway',
    }),
    r('gatewayRoute', gatewayRoute, 'shop-route', [gateway, service], {
      meshName: 'shop',
      virtualGatewayName: 'shop-gateway',
      gatewayRouteName: 'shop-route',
      spec: {
        httpRoute: {
          match: { prefix: '/"web"' },
          action: { target: { virtualService: { virtualServiceName: 'web.shop.local' } } },
        },
      },
    }),
    r('iamRole', role, 'shop-web-task-role', [], {
      RoleName: 'shop-web-task-role',
      AssumeRolePolicyDocument: '{}',
    }),
    r('iamRolePolicy', `${role}/policy/envoy`, 'envoy', [role, node], {
      RoleName: 'shop-web-task-role',
      PolicyName: 'envoy',
      PolicyDocument: JSON.stringify({ Resource: ref(node, 'arn') }),
    }),
    r('securityGroup', sg, 'shop-sg', [], {
      GroupName: 'shop-sg',
      VpcId: 'vpc-1',
      Description: "it's the shop",
    }),
    r('securityGroupIngress', `${sg}/ingress/self`, 'self', [sg], {
      GroupId: ref(sg, 'id'),
      IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: ref(sg, 'id') }] }],
      TagSpecifications: [{ ResourceType: 'security-group-rule', Tags: [] }],
    }),
    r('taskDefinition', task, 'web', [role], {
      family: 'web',
      taskRoleArn: ref(role, 'arn'),
      containerDefinitions: [],
    }),
    r('loadBalancer', lb, 'shop-nlb', [sg], {
      Name: 'shop-nlb',
      Type: 'network',
      SecurityGroups: [ref(sg, 'id')],
    }),
    r('targetGroup', tg, 'shop-tg', [], { Name: 'shop-tg', Protocol: 'TCP', Port: 80, TargetType: 'ip' }),
    r('loadBalancerListener', `${lb}/listener/80`, 'shop-nlb-80', [lb, tg], {
      LoadBalancerArn: ref(lb, 'arn'),
      Port: 80,
      Protocol: 'TCP',
      DefaultActions: [{ Type: 'forward', TargetGroupArn: ref(tg, 'arn') }],
    }),
    r('ecsService', 'ecs/service/shop/web', 'web', [task, cmService, sg, gatewayRoute, `${lb}/listener/80`], {
      cluster: 'shop',
      serviceName: 'web',
      taskDefinition: ref(task, 'arn'),
      serviceRegistries: [{ registryArn: ref(cmService, 'arn') }],
      networkConfiguration: { awsvpcConfiguration: { securityGroups: [ref(sg, 'id')] } },
    }),
  ],
};
