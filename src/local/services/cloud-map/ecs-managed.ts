/**
 * What ECS Service Connect asks of Cloud Map: resolve a namespace, create the cluster default
 * namespace, and create (and later delete) one API-only service per discovery name.
 */
import type { InternalApis, World } from '../../world.js';
import { arnOf, instancesOf, type NamespaceRecord, type ServiceRecord } from './state.js';

/**
 * The tag ECS puts on the Cloud Map resources it creates. Seen on a namespace ECS created for a
 * cluster default (a Terraform import of one keeps `AmazonECSManaged = "true"`); that ECS tags
 * the services it creates the same way is an assumption [U].
 */
const ECS_MANAGED_TAGS = Object.freeze({ AmazonECSManaged: 'true' });

type ServiceConnectApis = Pick<
  InternalApis['cloudMap'],
  'namespace' | 'createHttpNamespace' | 'serviceNamed' | 'createManagedService' | 'deleteManagedService'
>;

export function serviceConnectInternal(world: World): ServiceConnectApis {
  const state = () => world.state.cloudMap;
  const ref = (n: NamespaceRecord) => ({ id: n.id, arn: n.arn, name: n.name });
  return {
    namespace(nameOrArn) {
      // A name is matched against HTTP names, which are unique in the account and region (a
      // private DNS name can repeat across VPCs) and are what Service Connect discovers by [U].
      const found = Object.values(state().namespaces).find((n) =>
        nameOrArn.startsWith('arn:') ? n.arn === nameOrArn : n.httpName === nameOrArn,
      );
      return found === undefined || !found.ready || !world.visible(found.createdAt) ? undefined : ref(found);
    },
    createHttpNamespace(name) {
      const id = world.newId('ns-', `namespace/HTTP/${name}`, 16);
      // ECS answers CreateCluster with the namespace's ARN at once: it exists from then on [U].
      const namespace: NamespaceRecord = {
        id,
        arn: arnOf(world, 'namespace', id),
        name,
        type: 'HTTP',
        httpName: name,
        ready: true,
        createdAt: world.now(),
        tags: { ...ECS_MANAGED_TAGS },
      };
      state().namespaces[id] = namespace;
      return ref(namespace);
    },
    serviceNamed(namespaceId, name) {
      const found = Object.values(state().services).find(
        (s) => s.namespaceId === namespaceId && s.name === name,
      );
      if (found === undefined) return undefined;
      return found.managedBy === undefined
        ? { arn: found.arn }
        : { arn: found.arn, managedBy: found.managedBy };
    },
    createManagedService(namespaceId, name, ecsServiceArn) {
      const id = world.newId('srv-', `${namespaceId}/service/${name}`, 16);
      // Service Connect discovers through the API only: no DNS records, even in a DNS namespace.
      const service: ServiceRecord = {
        id,
        arn: arnOf(world, 'service', id),
        name,
        namespaceId,
        type: 'HTTP',
        managedBy: ecsServiceArn,
        createdAt: world.now(),
        revision: 1,
        tags: { ...ECS_MANAGED_TAGS },
      };
      state().services[id] = service;
      return { arn: service.arn };
    },
    deleteManagedService(serviceArn) {
      const service = Object.values(state().services).find((s) => s.arn === serviceArn);
      if (service === undefined || service.managedBy === undefined) return;
      if (instancesOf(world, service.id).length > 0) return;
      delete state().services[service.id];
    },
  };
}
