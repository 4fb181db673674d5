/**
 * The MeshView a plan would produce once applied, without any cloud: every ECS service runs its
 * `desiredCount` tasks, each with a deterministic private IP, registered in the Cloud Map service
 * its `serviceRegistries` name. Reference tokens are resolved by resource id.
 */

import type { ResourceMetadata } from '@aws-sdk/client-app-mesh';
import { type ArnScope, appMeshArns } from '../../plan/names.js';
import type { Plan } from '../../plan/plan.js';
import {
  findRefs,
  type PlannedResource,
  type ResourceInputs,
  type ResourceKind,
  replaceRefs,
} from '../../plan/resource.js';
import { sha256Hex } from '../../sha256.js';
import type { CloudMapServiceView, MeshView, RunningTask } from './mesh-view.js';
import { allocateIp, ecsTaskInstance, hex, nameOf, resourcesOf, taskDefinitionFor } from './plan-tasks.js';
import { parseAppMeshResourceArn, summarizeContainers } from './task-containers.js';

const DEFAULT_SCOPE: ArnScope = { region: 'us-east-1', accountId: '123456789012' };

export function meshViewFromPlan(plan: Plan): MeshView {
  const byId = new Map(plan.resources.map((r) => [r.id, r]));
  const resolve = <T>(value: T): T =>
    replaceRefs(value, (id, attribute) =>
      attribute === 'name' ? (byId.get(id)?.name ?? id) : `${id}#${attribute}`,
    );
  const ofKind = <K extends ResourceKind>(kind: K): { input: ResourceInputs[K] }[] =>
    resourcesOf(plan, kind).map((r) => ({ input: resolve(r.input) }));
  const scope = scopeOf(plan);
  const meta = (arn: string): ResourceMetadata => ({
    arn,
    version: 1,
    uid: sha256Hex(arn).slice(0, 32),
    createdAt: new Date(0),
    lastUpdatedAt: new Date(0),
    meshOwner: scope.accountId,
    resourceOwner: scope.accountId,
  });
  const meshName = plan.meshName;
  const active = { status: 'ACTIVE' as const };

  const meshInput = ofKind('mesh')[0]?.input;
  const cloudMap = cloudMapServices(plan, byId);
  const tasks = runningTasks(plan, byId, cloudMap, scope);

  return {
    mesh: {
      meshName,
      spec: meshInput?.spec ?? {},
      metadata: meta(appMeshArns.mesh(scope, meshName)),
      status: active,
    },
    virtualNodes: ofKind('virtualNode').map(({ input }) => ({
      meshName,
      virtualNodeName: input.virtualNodeName,
      spec: input.spec,
      metadata: meta(appMeshArns.virtualNode(scope, meshName, input.virtualNodeName ?? '')),
      status: active,
    })),
    virtualServices: ofKind('virtualService').map(({ input }) => ({
      meshName,
      virtualServiceName: input.virtualServiceName,
      spec: input.spec,
      metadata: meta(appMeshArns.virtualService(scope, meshName, input.virtualServiceName ?? '')),
      status: active,
    })),
    virtualRouters: ofKind('virtualRouter').map(({ input }) => ({
      meshName,
      virtualRouterName: input.virtualRouterName,
      spec: input.spec,
      metadata: meta(appMeshArns.virtualRouter(scope, meshName, input.virtualRouterName ?? '')),
      status: active,
    })),
    routes: ofKind('route').map(({ input }) => ({
      meshName,
      virtualRouterName: input.virtualRouterName,
      routeName: input.routeName,
      spec: input.spec,
      metadata: meta(
        appMeshArns.route(scope, meshName, input.virtualRouterName ?? '', input.routeName ?? ''),
      ),
      status: active,
    })),
    virtualGateways: ofKind('virtualGateway').map(({ input }) => ({
      meshName,
      virtualGatewayName: input.virtualGatewayName,
      spec: input.spec,
      metadata: meta(appMeshArns.virtualGateway(scope, meshName, input.virtualGatewayName ?? '')),
      status: active,
    })),
    gatewayRoutes: ofKind('gatewayRoute').map(({ input }) => ({
      meshName,
      virtualGatewayName: input.virtualGatewayName,
      gatewayRouteName: input.gatewayRouteName,
      spec: input.spec,
      metadata: meta(
        appMeshArns.gatewayRoute(
          scope,
          meshName,
          input.virtualGatewayName ?? '',
          input.gatewayRouteName ?? '',
        ),
      ),
      status: active,
    })),
    cloudMap: [...cloudMap.values()].map((s) => ({ ...s, instances: [...s.instances] })),
    tasks,
  };
}

interface MutableCloudMapService extends CloudMapServiceView {
  readonly instances: CloudMapServiceView['instances'][number][];
}

/** By plan resource id, so that an ECS service's `registryArn` token finds its Cloud Map service. */
function cloudMapServices(
  plan: Plan,
  byId: ReadonlyMap<string, PlannedResource>,
): Map<string, MutableCloudMapService> {
  const services = new Map<string, MutableCloudMapService>();
  for (const resource of plan.resources) {
    if (resource.kind !== 'cloudMapService') continue;
    const input = resource.input;
    const namespaceId = findRefs(input.NamespaceId)[0]?.resourceId;
    const namespace = namespaceId === undefined ? undefined : byId.get(namespaceId);
    const namespaceName = namespace?.name ?? input.NamespaceId ?? '';
    const hasRecords = input.Type !== 'HTTP' && (input.DnsConfig?.DnsRecords ?? []).length > 0;
    services.set(resource.id, {
      namespaceName,
      serviceName: resource.name,
      // The plan's namespaces are private DNS namespaces.
      hostname:
        namespace !== undefined && hasRecords ? `${resource.name}.${namespaceName}`.toLowerCase() : undefined,
      instances: [],
    });
  }
  return services;
}

function runningTasks(
  plan: Plan,
  byId: ReadonlyMap<string, PlannedResource>,
  cloudMap: ReadonlyMap<string, MutableCloudMapService>,
  scope: ArnScope,
): RunningTask[] {
  const usedIps = new Set<string>();
  const tasks: RunningTask[] = [];
  const services = resourcesOf(plan, 'ecsService').sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const service of services) {
    const input = service.input;
    const definition = taskDefinitionFor(plan, byId, input.taskDefinition ?? '');
    if (definition === undefined) continue;
    const summary = summarizeContainers(definition.input.containerDefinitions ?? []);
    const clusterName = nameOf(byId, input.cluster ?? 'default');
    // CreateService needs desiredCount for a replica service; the plan always sets it.
    const count = input.desiredCount ?? 1;
    for (let index = 0; index < count; index++) {
      const taskId = hex(`${service.id}#${index}`, 32);
      const ip = allocateIp(`${service.id}#${index}`, usedIps);
      const taskArn = `arn:aws:ecs:${scope.region}:${scope.accountId}:task/${clusterName}/${taskId}`;
      tasks.push({ taskArn, ip, ...summary });
      for (const registry of input.serviceRegistries ?? []) {
        const serviceId = findRefs(registry.registryArn)[0]?.resourceId;
        const target = serviceId === undefined ? undefined : cloudMap.get(serviceId);
        target?.instances.push(
          ecsTaskInstance(taskId, ip, {
            cluster: clusterName,
            service: service.name,
            family: definition.input.family ?? definition.name,
          }),
        );
      }
    }
  }
  return tasks;
}

/** The region and account the plan's task definitions name in their `APPMESH_RESOURCE_ARN`. */
function scopeOf(plan: Plan): ArnScope {
  for (const resource of plan.resources) {
    if (resource.kind !== 'taskDefinition') continue;
    for (const container of resource.input.containerDefinitions ?? []) {
      const value = container.environment?.find((e) => e.name === 'APPMESH_RESOURCE_ARN')?.value ?? '';
      const match = /^arn:[^:]+:appmesh:([^:]+):(\d+):/.exec(value);
      if (match !== null && parseAppMeshResourceArn(value) !== undefined) {
        return { region: match[1] as string, accountId: match[2] as string };
      }
    }
  }
  return DEFAULT_SCOPE;
}
