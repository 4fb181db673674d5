/**
 * Cloud Map (servicediscovery): private DNS and HTTP namespaces, services, instances and the
 * asynchronous operations that create namespaces and (de)register instances. The operations live
 * in cloud-map/, one concern per file.
 */
import { ServiceDiscoveryServiceException } from '@aws-sdk/client-servicediscovery';
import { unmodeledError } from '../aws-error.js';
import type { ServiceDefinition } from '../world.js';
import { serviceConnectInternal } from './cloud-map/ecs-managed.js';
import {
  cloudMapInternal,
  DeregisterInstance,
  DiscoverInstances,
  GetInstance,
  GetInstancesHealthStatus,
  ListInstances,
  RegisterInstance,
} from './cloud-map/instances.js';
import {
  CreateHttpNamespace,
  CreatePrivateDnsNamespace,
  DeleteNamespace,
  GetNamespace,
  ListNamespaces,
  UpdateHttpNamespace,
  UpdatePrivateDnsNamespace,
} from './cloud-map/namespaces.js';
import { GetOperation, ListOperations, operationEvents } from './cloud-map/operations.js';
import {
  CreateService,
  DeleteService,
  GetService,
  ListServices,
  UpdateService,
} from './cloud-map/services.js';
import { compare, initialCloudMapState } from './cloud-map/state.js';
import { ListTagsForResource, TagResource, UntagResource } from './cloud-map/tags.js';

export type { CloudMapState } from './cloud-map/state.js';

export const cloudMapService: ServiceDefinition<'cloudMap'> = {
  key: 'cloudMap',
  clientName: 'ServiceDiscoveryClient',
  initialState: initialCloudMapState,
  operations: {
    CreatePrivateDnsNamespace,
    CreateHttpNamespace,
    GetNamespace,
    ListNamespaces,
    UpdatePrivateDnsNamespace,
    UpdateHttpNamespace,
    DeleteNamespace,
    GetOperation,
    ListOperations,
    CreateService,
    GetService,
    ListServices,
    UpdateService,
    DeleteService,
    RegisterInstance,
    DeregisterInstance,
    ListInstances,
    GetInstance,
    GetInstancesHealthStatus,
    DiscoverInstances,
    TagResource,
    UntagResource,
    ListTagsForResource,
  },
  events: operationEvents,
  // Cloud Map's model declares no throttling error for most operations; AWS sends the common ThrottlingException.
  throttled: (message) =>
    unmodeledError(ServiceDiscoveryServiceException, 'ThrottlingException', message, 400),
  internalFailure: (message) =>
    unmodeledError(ServiceDiscoveryServiceException, 'InternalFailure', message, 500),
  snapshot: (state) => ({
    namespaces: Object.values(state.namespaces)
      .filter((n) => n.ready)
      .sort((a, b) => compare(a.id, b.id))
      .map((n) => ({
        id: n.id,
        arn: n.arn,
        name: n.name,
        type: n.type,
        httpName: n.httpName,
        ...(n.vpc === undefined ? {} : { vpc: n.vpc, hostedZoneId: n.hostedZoneId }),
        ...(n.soaTtl === undefined ? {} : { soaTtl: n.soaTtl }),
        ...(n.description === undefined ? {} : { description: n.description }),
        tags: n.tags,
      })),
    services: Object.values(state.services)
      .sort((a, b) => compare(a.id, b.id))
      .map((s) => ({
        id: s.id,
        arn: s.arn,
        name: s.name,
        namespaceId: s.namespaceId,
        type: s.type,
        ...(s.description === undefined ? {} : { description: s.description }),
        ...(s.dnsConfig === undefined ? {} : { dnsConfig: s.dnsConfig }),
        ...(s.healthCheckConfig === undefined ? {} : { healthCheckConfig: s.healthCheckConfig }),
        ...(s.healthCheckCustomConfig === undefined
          ? {}
          : { healthCheckCustomConfig: s.healthCheckCustomConfig }),
        tags: s.tags,
      })),
    instances: Object.values(state.instances)
      .sort((a, b) => compare(a.serviceId, b.serviceId) || compare(a.id, b.id))
      .map((i) => ({ serviceId: i.serviceId, id: i.id, attributes: i.attributes })),
  }),
  internal: (world) => ({ ...cloudMapInternal(world), ...serviceConnectInternal(world) }),
};
