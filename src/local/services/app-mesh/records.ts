/**
 * App Mesh state: one table per resource kind, each record plain JSON data (times in epoch ms),
 * and how a record is rendered as the SDK's `...Data` (describe) and `...Ref` (list) shapes.
 */
import type {
  GatewayRouteData,
  GatewayRouteRef,
  GatewayRouteSpec,
  MeshData,
  MeshRef,
  MeshSpec,
  ResourceMetadata,
  RouteData,
  RouteRef,
  RouteSpec,
  VirtualGatewayData,
  VirtualGatewayRef,
  VirtualGatewaySpec,
  VirtualNodeData,
  VirtualNodeRef,
  VirtualNodeSpec,
  VirtualRouterData,
  VirtualRouterRef,
  VirtualRouterSpec,
  VirtualServiceData,
  VirtualServiceRef,
  VirtualServiceSpec,
} from '@aws-sdk/client-app-mesh';
import type { TokenStore } from '../../idempotency.js';
import type { World } from '../../world.js';

export interface ResourceRecord<Spec> {
  readonly meshName: string;
  /** The virtual router of a route, the virtual gateway of a gateway route. */
  readonly parentName?: string;
  readonly name: string;
  readonly arn: string;
  readonly uid: string;
  readonly createdAt: number;
  lastUpdatedAt: number;
  version: number;
  spec: Spec;
  tags: Record<string, string>;
}

export interface AppMeshState {
  /** By mesh name. The others by `<mesh>/<name>` or `<mesh>/<parent>/<name>` (see `recordKey`). */
  meshes: Record<string, ResourceRecord<MeshSpec>>;
  virtualNodes: Record<string, ResourceRecord<VirtualNodeSpec>>;
  virtualServices: Record<string, ResourceRecord<VirtualServiceSpec>>;
  virtualRouters: Record<string, ResourceRecord<VirtualRouterSpec>>;
  routes: Record<string, ResourceRecord<RouteSpec>>;
  virtualGateways: Record<string, ResourceRecord<VirtualGatewaySpec>>;
  gatewayRoutes: Record<string, ResourceRecord<GatewayRouteSpec>>;
  tokens: TokenStore;
}

export type Table = Exclude<keyof AppMeshState, 'tokens'>;

export function initialAppMeshState(): AppMeshState {
  return {
    meshes: {},
    virtualNodes: {},
    virtualServices: {},
    virtualRouters: {},
    routes: {},
    virtualGateways: {},
    gatewayRoutes: {},
    tokens: {},
  };
}

/** Where a resource sits: its mesh, its parent (router or gateway) when it has one, its name. */
export interface Address {
  readonly meshName: string;
  readonly parentName?: string;
  readonly name: string;
}

export function recordKey(address: Address): string {
  const { meshName, parentName, name } = address;
  return [meshName, parentName, name].filter((part) => part !== undefined).join('/');
}

/** A table with its records seen as specs of unknown shape, for the kind-independent lifecycle. */
export function tableOf(world: World, table: Table): Record<string, ResourceRecord<object>> {
  return world.state.appMesh[table] as Record<string, ResourceRecord<object>>;
}

/** Which records a lookup wants: all of a table, or those of one mesh, or of one parent in it. */
export interface Within {
  readonly meshName?: string;
  readonly parentName?: string;
}

function isWithin(r: ResourceRecord<unknown>, within: Within): boolean {
  return (
    (within.meshName === undefined || r.meshName === within.meshName) &&
    (within.parentName === undefined || r.parentName === within.parentName)
  );
}

/** Records of a table, sorted by key (mesh, parent, name), optionally within one mesh or parent. */
export function recordsOf<Spec>(
  records: Record<string, ResourceRecord<Spec>>,
  within: Within = {},
): ResourceRecord<Spec>[] {
  return Object.entries(records)
    .filter(([, r]) => isWithin(r, within))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r);
}

/** How many records of a table are within one mesh or parent (no sorting: only the count is needed). */
export function countOf(records: Record<string, ResourceRecord<unknown>>, within: Within = {}): number {
  let count = 0;
  for (const r of Object.values(records)) if (isWithin(r, within)) count++;
  return count;
}

export type Status = 'ACTIVE' | 'DELETED';

function metadataOf(world: World, r: ResourceRecord<unknown>): ResourceMetadata {
  return {
    arn: r.arn,
    version: r.version,
    uid: r.uid,
    createdAt: new Date(r.createdAt),
    lastUpdatedAt: new Date(r.lastUpdatedAt),
    meshOwner: world.accountId,
    resourceOwner: world.accountId,
  };
}

function refBase(world: World, r: ResourceRecord<unknown>) {
  return {
    meshName: r.meshName,
    meshOwner: world.accountId,
    resourceOwner: world.accountId,
    arn: r.arn,
    version: r.version,
    createdAt: new Date(r.createdAt),
    lastUpdatedAt: new Date(r.lastUpdatedAt),
  };
}

export function meshData(world: World, r: ResourceRecord<MeshSpec>, status: Status = 'ACTIVE'): MeshData {
  return { meshName: r.name, spec: r.spec, metadata: metadataOf(world, r), status: { status } };
}

export function meshRef(world: World, r: ResourceRecord<MeshSpec>): MeshRef {
  return refBase(world, r);
}

export function virtualNodeData(
  world: World,
  r: ResourceRecord<VirtualNodeSpec>,
  status: Status = 'ACTIVE',
): VirtualNodeData {
  return {
    meshName: r.meshName,
    virtualNodeName: r.name,
    spec: r.spec,
    metadata: metadataOf(world, r),
    status: { status },
  };
}

export function virtualNodeRef(world: World, r: ResourceRecord<VirtualNodeSpec>): VirtualNodeRef {
  return { ...refBase(world, r), virtualNodeName: r.name };
}

export function virtualServiceData(
  world: World,
  r: ResourceRecord<VirtualServiceSpec>,
  status: Status = 'ACTIVE',
): VirtualServiceData {
  return {
    meshName: r.meshName,
    virtualServiceName: r.name,
    spec: r.spec,
    metadata: metadataOf(world, r),
    status: { status },
  };
}

export function virtualServiceRef(world: World, r: ResourceRecord<VirtualServiceSpec>): VirtualServiceRef {
  return { ...refBase(world, r), virtualServiceName: r.name };
}

export function virtualRouterData(
  world: World,
  r: ResourceRecord<VirtualRouterSpec>,
  status: Status = 'ACTIVE',
): VirtualRouterData {
  return {
    meshName: r.meshName,
    virtualRouterName: r.name,
    spec: r.spec,
    metadata: metadataOf(world, r),
    status: { status },
  };
}

export function virtualRouterRef(world: World, r: ResourceRecord<VirtualRouterSpec>): VirtualRouterRef {
  return { ...refBase(world, r), virtualRouterName: r.name };
}

export function routeData(world: World, r: ResourceRecord<RouteSpec>, status: Status = 'ACTIVE'): RouteData {
  return {
    meshName: r.meshName,
    virtualRouterName: r.parentName,
    routeName: r.name,
    spec: r.spec,
    metadata: metadataOf(world, r),
    status: { status },
  };
}

export function routeRef(world: World, r: ResourceRecord<RouteSpec>): RouteRef {
  return { ...refBase(world, r), virtualRouterName: r.parentName, routeName: r.name };
}

export function virtualGatewayData(
  world: World,
  r: ResourceRecord<VirtualGatewaySpec>,
  status: Status = 'ACTIVE',
): VirtualGatewayData {
  return {
    meshName: r.meshName,
    virtualGatewayName: r.name,
    spec: r.spec,
    metadata: metadataOf(world, r),
    status: { status },
  };
}

export function virtualGatewayRef(world: World, r: ResourceRecord<VirtualGatewaySpec>): VirtualGatewayRef {
  return { ...refBase(world, r), virtualGatewayName: r.name };
}

export function gatewayRouteData(
  world: World,
  r: ResourceRecord<GatewayRouteSpec>,
  status: Status = 'ACTIVE',
): GatewayRouteData {
  return {
    meshName: r.meshName,
    virtualGatewayName: r.parentName,
    gatewayRouteName: r.name,
    spec: r.spec,
    metadata: metadataOf(world, r),
    status: { status },
  };
}

export function gatewayRouteRef(world: World, r: ResourceRecord<GatewayRouteSpec>): GatewayRouteRef {
  return { ...refBase(world, r), virtualGatewayName: r.parentName, gatewayRouteName: r.name };
}
