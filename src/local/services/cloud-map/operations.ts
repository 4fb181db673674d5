/**
 * Cloud Map's asynchronous operations: a write returns an OperationId at once; the operation is
 * SUBMITTED, PENDING after half of `cloudMapOperationMs`, and SUCCESS (its effect done) after all of it.
 */
import {
  DuplicateRequest,
  type GetOperationCommandInput,
  type GetOperationCommandOutput,
  type ListOperationsCommandInput,
  type ListOperationsCommandOutput,
  type OperationFilter,
  OperationNotFound,
  type OperationTargetType,
  type OperationType,
} from '@aws-sdk/client-servicediscovery';
import { awsError } from '../../aws-error.js';
import type { Output, World } from '../../world.js';
import {
  compare,
  instanceKey,
  invalidInput,
  newOperationId,
  type OperationEffect,
  type OperationRecord,
  page,
} from './state.js';

export function duplicateRequest(operationId: string): DuplicateRequest {
  return awsError(DuplicateRequest, `Operation ${operationId} is already in progress.`, 400, {
    DuplicateOperationId: operationId,
  });
}

export function startOperation(
  world: World,
  type: OperationType,
  targets: Partial<Record<OperationTargetType, string>>,
  effect: OperationEffect,
): OperationRecord {
  const key = `${type}/${Object.values(targets).join('/')}`;
  const now = world.now();
  const operation: OperationRecord = {
    id: newOperationId(world, key),
    type,
    status: 'SUBMITTED',
    createdAt: now,
    updatedAt: now,
    targets,
    effect,
  };
  world.state.cloudMap.operations[operation.id] = operation;
  const total = world.delays.cloudMapOperationMs;
  world.schedule(Math.floor(total / 2), 'cloudMap.operationPending', { operationId: operation.id });
  world.schedule(total, 'cloudMap.operationDone', { operationId: operation.id });
  return operation;
}

export function isRunning(operation: OperationRecord): boolean {
  return operation.status === 'SUBMITTED' || operation.status === 'PENDING';
}

/** The running operation that matches, for DuplicateRequest. */
export function runningOperation(
  world: World,
  matches: (operation: OperationRecord) => boolean,
): OperationRecord | undefined {
  return Object.values(world.state.cloudMap.operations).find((o) => isRunning(o) && matches(o));
}

export const operationEvents = {
  'cloudMap.operationPending'(world: World, data: Readonly<Record<string, unknown>>): void {
    const operation = world.state.cloudMap.operations[String(data.operationId)];
    if (operation?.status !== 'SUBMITTED') return;
    operation.status = 'PENDING';
    operation.updatedAt = world.now();
  },
  'cloudMap.operationDone'(world: World, data: Readonly<Record<string, unknown>>): void {
    const operation = world.state.cloudMap.operations[String(data.operationId)];
    if (operation === undefined || !isRunning(operation)) return;
    applyEffect(world, operation.effect);
    operation.status = 'SUCCESS';
    operation.updatedAt = world.now();
  },
};

function applyEffect(world: World, effect: OperationEffect): void {
  const state = world.state.cloudMap;
  switch (effect.kind) {
    case 'createNamespace': {
      const namespace = state.namespaces[effect.namespaceId];
      if (namespace === undefined) return;
      namespace.ready = true;
      namespace.createdAt = world.now();
      return;
    }
    case 'deleteNamespace':
      delete state.namespaces[effect.namespaceId];
      return;
    case 'updateNamespace': {
      const namespace = state.namespaces[effect.namespaceId];
      if (namespace === undefined) return;
      // What the change leaves out stays as it is.
      if (effect.description !== undefined) namespace.description = effect.description;
      if (effect.soaTtl !== undefined) namespace.soaTtl = effect.soaTtl;
      return;
    }
    case 'updateService': {
      const service = state.services[effect.serviceId];
      if (service === undefined) return;
      const { Description, DnsConfig, HealthCheckConfig } = effect.change;
      if (Description !== undefined) service.description = Description;
      // Record types cannot change (checked at submission); only the TTLs move.
      if (DnsConfig !== undefined && service.dnsConfig !== undefined) {
        service.dnsConfig = { ...service.dnsConfig, DnsRecords: DnsConfig.DnsRecords };
      }
      // AWS: "If you omit any existing ... HealthCheckConfig configurations ..., the configurations are deleted".
      if (HealthCheckConfig === undefined) delete service.healthCheckConfig;
      else service.healthCheckConfig = HealthCheckConfig;
      return;
    }
    case 'registerInstance':
      putInstance(world, effect.serviceId, effect.instanceId, effect.attributes, effect.creatorRequestId);
      return;
    case 'deregisterInstance':
      removeInstance(world, effect.serviceId, effect.instanceId);
      return;
  }
}

/** Registers (or re-registers) an instance now; ECS does this when a task starts. */
export function putInstance(
  world: World,
  serviceId: string,
  instanceId: string,
  attributes: Record<string, string>,
  creatorRequestId?: string,
): void {
  const state = world.state.cloudMap;
  const service = state.services[serviceId];
  if (service === undefined) return;
  state.instances[instanceKey(serviceId, instanceId)] = {
    serviceId,
    id: instanceId,
    attributes: { ...attributes },
    ...(creatorRequestId === undefined ? {} : { creatorRequestId }),
    createdAt: world.now(),
  };
  service.revision += 1;
}

export function removeInstance(world: World, serviceId: string, instanceId: string): void {
  const state = world.state.cloudMap;
  const key = instanceKey(serviceId, instanceId);
  if (state.instances[key] === undefined) return;
  delete state.instances[key];
  const service = state.services[serviceId];
  if (service !== undefined) service.revision += 1;
}

export function GetOperation(
  input: GetOperationCommandInput,
  world: World,
): Output<GetOperationCommandOutput> {
  const operation = world.state.cloudMap.operations[input.OperationId ?? ''];
  if (operation === undefined) {
    throw awsError(OperationNotFound, `No operation found with ID ${input.OperationId ?? ''}`, 400);
  }
  return {
    Operation: {
      Id: operation.id,
      OwnerAccount: world.accountId,
      Type: operation.type,
      Status: operation.status,
      ...(operation.errorCode === undefined ? {} : { ErrorCode: operation.errorCode }),
      ...(operation.errorMessage === undefined ? {} : { ErrorMessage: operation.errorMessage }),
      CreateDate: new Date(operation.createdAt),
      UpdateDate: new Date(operation.updatedAt),
      Targets: operation.targets,
    },
  };
}

/** Like AWS, takes a page of operations first and filters it after ("Cloud Map gets MaxResults operations and then filters them"). */
export function ListOperations(
  input: ListOperationsCommandInput,
  world: World,
): Output<ListOperationsCommandOutput> {
  const filters = input.Filters ?? [];
  for (const filter of filters) checkOperationFilter(filter);
  const all = Object.values(world.state.cloudMap.operations).sort(
    (a, b) => a.createdAt - b.createdAt || compare(a.id, b.id),
  );
  const { items, NextToken } = page(all, input.NextToken, input.MaxResults);
  return {
    Operations: items
      .filter((o) => filters.every((f) => operationMatches(o, f)))
      .map((o) => ({ Id: o.id, Status: o.status })),
    ...(NextToken === undefined ? {} : { NextToken }),
  };
}

function checkOperationFilter(filter: OperationFilter): void {
  const condition = filter.Condition ?? 'EQ';
  const values = filter.Values ?? [];
  const allowed: Record<string, readonly string[]> = {
    NAMESPACE_ID: ['EQ'],
    SERVICE_ID: ['EQ'],
    STATUS: ['EQ', 'IN'],
    TYPE: ['EQ', 'IN'],
    UPDATE_DATE: ['BETWEEN'],
  };
  if (!(allowed[filter.Name ?? ''] ?? []).includes(condition)) {
    throw invalidInput(`Condition ${condition} is not supported for filter ${filter.Name ?? ''}.`);
  }
  if ((condition === 'EQ' && values.length !== 1) || (condition === 'BETWEEN' && values.length !== 2)) {
    throw invalidInput(
      `Filter ${filter.Name ?? ''} with condition ${condition} has the wrong number of values.`,
    );
  }
}

function operationMatches(operation: OperationRecord, filter: OperationFilter): boolean {
  const values = filter.Values ?? [];
  switch (filter.Name) {
    case 'NAMESPACE_ID':
      return operation.targets.NAMESPACE === values[0];
    case 'SERVICE_ID':
      return operation.targets.SERVICE === values[0];
    case 'STATUS':
      return values.includes(operation.status);
    case 'TYPE':
      return values.includes(operation.type);
    case 'UPDATE_DATE': {
      // Unix seconds, start first.
      const [from, to] = values.map((v) => Number(v) * 1000);
      return operation.updatedAt >= (from ?? 0) && operation.updatedAt <= (to ?? 0);
    }
    default:
      return false;
  }
}
