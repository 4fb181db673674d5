/**
 * What ECS does in Cloud Map for Service Connect: it resolves (or, for a cluster default, creates)
 * the namespace, creates one API-only Cloud Map service per discovery name, registers each task
 * of the service in them while the task runs, and deletes those services with the ECS service.
 */
import type { Deployment } from '@aws-sdk/client-ecs';
import type { World } from '../../world.js';
import { invalidParameter } from './errors.js';
import type { CheckedServiceConnect } from './service-connect-checks.js';
import type { DeploymentRecord, ServiceRecord, TaskRecord } from './state.js';
import { findTaskDefinition } from './task-definitions.js';

/** ClusterServiceConnectDefaultsRequest.namespace: a name can't hold `>`, `<`, `"` or `/`. */
const DEFAULT_NAMESPACE_NAME = /^[!-~]{1,1024}$/;

/**
 * Checks a cluster's `serviceConnectDefaults.namespace` before anything changes. `""` removes the
 * default; an ARN must name a namespace that exists; a name is resolved later (or created).
 */
export function checkClusterNamespace(world: World, reference: string): void {
  if (reference === '') return;
  if (reference.startsWith('arn:')) {
    if (world.internal.cloudMap.namespace(reference) === undefined) {
      throw invalidParameter(`The namespace ${reference} was not found in Cloud Map.`);
    }
    return;
  }
  if (!DEFAULT_NAMESPACE_NAME.test(reference) || /[<>"/]/.test(reference)) {
    throw invalidParameter(
      `The namespace name '${reference}' is not valid: up to 1024 characters, without spaces, >, <, " or /.`,
    );
  }
}

/**
 * The ARN a checked cluster default stands for, or undefined for `""`. "If you enter a new name,
 * a Cloud Map namespace will be created ... with the 'API calls' method of instance discovery
 * only" (ClusterServiceConnectDefaultsRequest, API model): an HTTP namespace.
 */
export function clusterNamespaceArn(world: World, reference: string): string | undefined {
  if (reference === '') return undefined;
  const cloudMap = world.internal.cloudMap;
  return (cloudMap.namespace(reference) ?? cloudMap.createHttpNamespace(reference)).arn;
}

/** Makes the service run a checked configuration: creates the Cloud Map services it lacks. */
export function applyServiceConnect(
  world: World,
  service: ServiceRecord,
  checked: CheckedServiceConnect | undefined,
): void {
  if (checked === undefined) {
    delete service.serviceConnect;
    return;
  }
  const cloudMap = world.internal.cloudMap;
  const resources = checked.discoveryNames.map((discoveryName) => {
    // On UpdateService, ECS reuses the Cloud Map service it created for this ECS service.
    const existing = cloudMap.serviceNamed(checked.namespace.id, discoveryName);
    if (existing !== undefined) return { discoveryName, discoveryArn: existing.arn };
    const created = cloudMap.createManagedService(checked.namespace.id, discoveryName, service.serviceArn);
    service.serviceConnectCreated = [...(service.serviceConnectCreated ?? []), created.arn];
    return { discoveryName, discoveryArn: created.arn };
  });
  service.serviceConnect = { configuration: checked.configuration, resources };
}

/** What DescribeServices shows of a deployment's Service Connect setup. */
export function describeDeploymentServiceConnect(
  deployment: DeploymentRecord,
): Pick<Deployment, 'serviceConnectConfiguration' | 'serviceConnectResources'> {
  const record = deployment.serviceConnect;
  if (record === undefined) return {};
  return {
    serviceConnectConfiguration: structuredClone(record.configuration),
    serviceConnectResources: structuredClone(record.resources),
  };
}

/**
 * A task that starts running is registered in each Cloud Map service of its deployment, under its
 * task id: its IP and the port the server-side proxy listens on (ingressPortOverride, else the
 * container port). The other attributes are those ECS gives `serviceRegistries` instances; that
 * Service Connect sets the same ones is an assumption [U].
 */
export function registerServiceConnectTask(world: World, service: ServiceRecord, task: TaskRecord): void {
  const record = service.deployments.find((d) => d.id === task.deploymentId)?.serviceConnect;
  if (record === undefined || task.ip === undefined) return;
  const definition = findTaskDefinition(world, task.taskDefinitionArn);
  const ports = new Map<string, number>();
  for (const container of definition?.body.containerDefinitions ?? []) {
    for (const mapping of container.portMappings ?? []) {
      if (mapping.name !== undefined && mapping.containerPort !== undefined)
        ports.set(mapping.name, mapping.containerPort);
    }
  }
  const registered: string[] = [];
  for (const [index, entry] of (record.configuration.services ?? []).entries()) {
    const arn = record.resources[index]?.discoveryArn;
    const port = entry.ingressPortOverride ?? ports.get(entry.portName ?? '');
    if (arn === undefined) continue;
    world.internal.cloudMap.registerInstance(arn, task.taskId, {
      AWS_INSTANCE_IPV4: task.ip,
      ...(port === undefined ? {} : { AWS_INSTANCE_PORT: String(port) }),
      ECS_CLUSTER_NAME: task.clusterName,
      ECS_SERVICE_NAME: service.serviceName,
      ECS_TASK_DEFINITION_FAMILY: definition?.family ?? '',
      AVAILABILITY_ZONE: task.availabilityZone ?? '',
      REGION: world.region,
    });
    registered.push(arn);
  }
  if (registered.length > 0) task.serviceConnectRegistrations = registered;
}

export function deregisterServiceConnectTask(world: World, task: TaskRecord): void {
  for (const arn of task.serviceConnectRegistrations ?? []) {
    world.internal.cloudMap.deregisterInstance(arn, task.taskId);
  }
  delete task.serviceConnectRegistrations;
}

/**
 * When the deleted service has drained (INACTIVE), ECS deletes the Cloud Map services it created
 * for it, so that the namespace can then be deleted. Evidence: Terraform's
 * aws_service_discovery_http_namespace retries DeleteNamespace on ResourceInUse for two minutes
 * (hashicorp/terraform-provider-aws, internal/service/servicediscovery/http_namespace.go), which
 * only helps if something else removes the services: ECS, after the ECS services that Terraform
 * deleted first. ECS never deletes the namespace itself (ClusterServiceConnectDefaultsRequest doc:
 * "the namespace will remain in Cloud Map and must be deleted separately"). How long after
 * INACTIVE AWS takes is not documented [U]: here, at once.
 */
export function releaseServiceConnect(world: World, service: ServiceRecord): void {
  for (const arn of service.serviceConnectCreated ?? []) world.internal.cloudMap.deleteManagedService(arn);
  delete service.serviceConnectCreated;
}
