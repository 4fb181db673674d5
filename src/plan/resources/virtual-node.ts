import type {
  AwsCloudMapInstanceAttribute,
  Backend,
  CreateVirtualNodeCommandInput,
  ServiceDiscovery,
} from '@aws-sdk/client-app-mesh';
import type { BackendDefinition, VirtualNodeDefinition } from '../../definition/mesh-definition.js';
import {
  declaredId,
  discoveredCloudMapServiceId,
  meshResourceTags,
  type PlanContext,
  resolveServiceName,
} from '../context.js';
import { frozenCopy } from '../freeze.js';
import { planned, sortedUnique } from '../planned.js';
import type { PlannedResource } from '../resource.js';
import { lowerCaseTags } from '../tags.js';

/**
 * A virtual node. Backends name services by their physical name, so they create no dependency:
 * a node may list a service created later, and blue <-> red backends make no cycle (aws-facts 3.4).
 * The node does depend on the Cloud Map service it discovers: App Mesh would accept it earlier,
 * but then Envoy's first discovery finds nothing, and on delete the node must go first anyway.
 */
export function virtualNodeResource(
  context: PlanContext,
  node: VirtualNodeDefinition,
): PlannedResource<'virtualNode'> {
  const id = declaredId(context.nodeIds, node.name);
  return planned(
    'virtualNode',
    id,
    node.name,
    [context.meshId, discoveredCloudMapServiceId(context, node.serviceDiscovery)],
    {
      virtualNodeName: node.name,
      meshName: context.meshName,
      meshOwner: context.definition.meshOwner,
      spec: {
        listeners: frozenCopy(node.listeners),
        serviceDiscovery: serviceDiscovery(context, node),
        backends: backends(context, node),
        backendDefaults: frozenCopy(node.backendDefaults),
        logging: frozenCopy(node.logging),
      },
      tags: lowerCaseTags(meshResourceTags(context, node.tags)),
    } satisfies CreateVirtualNodeCommandInput,
  );
}

function serviceDiscovery(context: PlanContext, node: VirtualNodeDefinition): ServiceDiscovery | undefined {
  const discovery = node.serviceDiscovery;
  if (discovery === undefined) return undefined;
  if (discovery.kind === 'dns') {
    return {
      dns: {
        hostname: discovery.hostname,
        responseType: discovery.responseType,
        ipPreference: discovery.ipPreference,
      },
    };
  }
  return {
    awsCloudMap: {
      namespaceName: discovery.namespace ?? context.namespace?.name,
      serviceName: discovery.service,
      // Always sent, even empty: an update overwrites the whole spec.
      attributes: attributesOf(discovery.attributes),
      ipPreference: discovery.ipPreference,
    },
  };
}

const NO_ATTRIBUTES = Object.freeze([]) as unknown as AwsCloudMapInstanceAttribute[];

function attributesOf(attributes: Readonly<Record<string, string>>): AwsCloudMapInstanceAttribute[] {
  const keys = Object.keys(attributes);
  if (keys.length === 0) return NO_ATTRIBUTES; // most nodes have none: one shared empty list
  return keys.sort().map((key) => ({ key, value: attributes[key] }));
}

/**
 * A backend without a client policy, frozen and shared by every node of the plan that calls the same
 * service (a service is usually the backend of several nodes).
 */
const plainBackends = new WeakMap<PlanContext, Map<string, Backend>>();

function plainBackend(context: PlanContext, virtualServiceName: string): Backend {
  let byName = plainBackends.get(context);
  if (byName === undefined) {
    byName = new Map();
    plainBackends.set(context, byName);
  }
  let backend = byName.get(virtualServiceName);
  if (backend === undefined) {
    backend = Object.freeze({ virtualService: Object.freeze({ virtualServiceName }) });
    byName.set(virtualServiceName, backend);
  }
  return backend;
}

/**
 * Resolved, deduplicated (App Mesh silently collapses duplicates, roadmap#170: the first one is
 * kept here) and sorted by name. A node has a handful of backends, so the first of each name is
 * found by a scan rather than a Map per node.
 */
function backends(context: PlanContext, node: VirtualNodeDefinition): Backend[] {
  // Indexed: the definition's lists are frozen, and V8 maps over a frozen array many times slower.
  const names = new Array<string>(node.backends.length);
  for (let i = 0; i < names.length; i++) {
    names[i] = resolveServiceName(context, (node.backends[i] as BackendDefinition).ref);
  }
  return sortedUnique(names).map((virtualServiceName) => {
    const clientPolicy = node.backends[names.indexOf(virtualServiceName)]?.clientPolicy;
    if (clientPolicy === undefined) return plainBackend(context, virtualServiceName);
    return { virtualService: { virtualServiceName, clientPolicy: frozenCopy(clientPolicy) } };
  });
}
