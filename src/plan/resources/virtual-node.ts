import type {
  CreateVirtualNodeCommandInput,
  ServiceDiscovery,
  VirtualServiceBackend,
} from '@aws-sdk/client-app-mesh';
import type { VirtualNodeDefinition } from '../../definition/mesh-definition.js';
import { paths } from '../../definition/paths.js';
import {
  discoveredCloudMapServiceId,
  meshResourceTags,
  type PlanContext,
  resolveServiceName,
} from '../context.js';
import { frozenCopy } from '../freeze.js';
import { planned } from '../planned.js';
import type { PlannedResource } from '../resource.js';
import { lowerCaseTags } from '../tags.js';
import { withClientToken } from '../tokens.js';

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
  const id = paths.virtualNode(context.meshName, node.name);
  return planned(
    'virtualNode',
    id,
    node.name,
    [context.meshId, discoveredCloudMapServiceId(context, node.serviceDiscovery)],
    withClientToken(id, {
      virtualNodeName: node.name,
      meshName: context.meshName,
      meshOwner: context.definition.meshOwner,
      spec: {
        listeners: frozenCopy(node.listeners),
        serviceDiscovery: serviceDiscovery(context, node),
        backends: backends(context, node).map((virtualService) => ({ virtualService })),
        backendDefaults: frozenCopy(node.backendDefaults),
        logging: frozenCopy(node.logging),
      },
      tags: lowerCaseTags(meshResourceTags(context, node.tags)),
    } satisfies CreateVirtualNodeCommandInput),
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
      attributes: Object.keys(discovery.attributes)
        .sort()
        .map((key) => ({ key, value: discovery.attributes[key] })),
      ipPreference: discovery.ipPreference,
    },
  };
}

/** Resolved, deduplicated (App Mesh silently collapses duplicates, roadmap#170) and sorted by name. */
function backends(context: PlanContext, node: VirtualNodeDefinition): VirtualServiceBackend[] {
  const byName = new Map<string, VirtualServiceBackend>();
  for (const backend of node.backends) {
    const virtualServiceName = resolveServiceName(context, backend.ref);
    if (!byName.has(virtualServiceName)) {
      byName.set(virtualServiceName, { virtualServiceName, clientPolicy: frozenCopy(backend.clientPolicy) });
    }
  }
  return [...byName.keys()].sort().map((name) => byName.get(name) as VirtualServiceBackend);
}
