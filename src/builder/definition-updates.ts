/**
 * Pure functions from one definition to the next. The builder calls them; they never mutate.
 * The builder freezes what they return (freezeData), so only new parts are copied.
 */
import type {
  MeshDefinition,
  Tags,
  VirtualGatewayDefinition,
  VirtualNodeDefinition,
  VirtualRouterDefinition,
  VirtualServiceDefinition,
  VirtualServiceProviderDefinition,
} from '../definition/mesh-definition.js';
import type { MeshOptions } from './mesh-builder.js';

type ListKey = 'cloudMapServices' | 'nodes' | 'services' | 'routers' | 'gateways' | 'externalDns';
type Item<K extends ListKey> = MeshDefinition[K][number];

/** An empty mesh with the mesh-level defaults filled. */
export function emptyMesh(name: string, options: MeshOptions = {}): MeshDefinition {
  return {
    kind: 'mesh',
    name,
    egressFilter: options.egressFilter ?? 'DROP_ALL',
    ...(options.ipPreference === undefined ? {} : { ipPreference: options.ipPreference }),
    ...(options.meshOwner === undefined ? {} : { meshOwner: options.meshOwner }),
    tags: { ...options.tags },
    cloudMapServices: [],
    nodes: [],
    services: [],
    routers: [],
    gateways: [],
    externalDns: [],
  };
}

/** Appends to one of the definition's lists (duplicates are kept: validation reports them). */
export function withItem<K extends ListKey>(
  definition: MeshDefinition,
  key: K,
  item: Item<K>,
): MeshDefinition {
  return { ...definition, [key]: [...definition[key], item] };
}

/** Replaces the item at `index` in one of the definition's lists. */
export function withUpdatedItem<K extends ListKey>(
  definition: MeshDefinition,
  key: K,
  index: number,
  update: (item: Item<K>) => Item<K>,
): MeshDefinition {
  const list = definition[key] as readonly Item<K>[];
  return { ...definition, [key]: list.map((item, at) => (at === index ? update(item) : item)) };
}

export function newNode(name: string): VirtualNodeDefinition {
  return { kind: 'virtualNode', name, listeners: [], backends: [], tags: {} };
}

export function newRouter(name: string): VirtualRouterDefinition {
  return { kind: 'virtualRouter', name, listeners: [], routes: [], tags: {} };
}

export function newGateway(name: string): VirtualGatewayDefinition {
  return { kind: 'virtualGateway', name, spec: { listeners: [] }, routes: [], tags: {} };
}

export function newService(
  name: string,
  provider: VirtualServiceProviderDefinition,
  tags: Tags = {},
): VirtualServiceDefinition {
  return { kind: 'virtualService', name, provider, tags: { ...tags } };
}

/** The provider for `.service(name, { node } | { router } | {})`. */
export function providerOf(options: {
  readonly node?: string;
  readonly router?: string;
}): VirtualServiceProviderDefinition {
  if (options.node !== undefined) return { kind: 'virtualNode', name: options.node };
  if (options.router !== undefined) return { kind: 'virtualRouter', name: options.router };
  return { kind: 'none' };
}

/** Tags merged over existing ones (later values win). */
export function withTags<R extends { readonly tags: Tags }>(resource: R, tags: Tags): R {
  return { ...resource, tags: { ...resource.tags, ...tags } };
}
