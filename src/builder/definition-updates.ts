/**
 * Functions from one definition to the next. Resource updates are pure; list updates write into
 * the draft that `build()` replays the builder's steps into, so a long chain costs linear time.
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

/**
 * A definition being assembled by `build()`: the same data with growable lists. Only the replay in
 * builder-impl.ts holds one, and it is frozen before anyone else can see it.
 */
export type Draft = Mutable<Omit<MeshDefinition, ListKey>> & { -readonly [K in ListKey]: Item<K>[] };
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A fresh draft of a definition, with lists of its own. */
export function draftOf(definition: MeshDefinition): Draft {
  return {
    ...definition,
    cloudMapServices: [...definition.cloudMapServices],
    nodes: [...definition.nodes],
    services: [...definition.services],
    routers: [...definition.routers],
    gateways: [...definition.gateways],
    externalDns: [...definition.externalDns],
  };
}

/** Appends to one of the draft's lists (duplicates are kept: validation reports them). */
export function addItem<K extends ListKey>(draft: Draft, key: K, item: Item<K>): void {
  (draft[key] as Item<K>[]).push(item);
}

/** Replaces the item at `index` in one of the draft's lists with its updated copy. */
export function updateItem<K extends ListKey>(
  draft: Draft,
  key: K,
  index: number,
  update: (item: Item<K>) => Item<K>,
): void {
  const list = draft[key] as Item<K>[];
  list[index] = update(list[index] as Item<K>);
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
