/**
 * App Mesh: meshes, virtual nodes, services, routers, routes, gateways and gateway routes, with
 * AWS's metadata (arn, uid, version), client tokens, deletion order, references, quotas and tags.
 * The shared lifecycle is in app-mesh/lifecycle.ts; the rules per kind in app-mesh/*.ts.
 */
import {
  type CreateGatewayRouteCommandInput,
  type CreateGatewayRouteCommandOutput,
  type CreateMeshCommandInput,
  type CreateMeshCommandOutput,
  type CreateRouteCommandInput,
  type CreateRouteCommandOutput,
  type CreateVirtualGatewayCommandInput,
  type CreateVirtualGatewayCommandOutput,
  type CreateVirtualNodeCommandInput,
  type CreateVirtualNodeCommandOutput,
  type CreateVirtualRouterCommandInput,
  type CreateVirtualRouterCommandOutput,
  type CreateVirtualServiceCommandInput,
  type CreateVirtualServiceCommandOutput,
  type DeleteGatewayRouteCommandInput,
  type DeleteGatewayRouteCommandOutput,
  type DeleteMeshCommandInput,
  type DeleteMeshCommandOutput,
  type DeleteRouteCommandInput,
  type DeleteRouteCommandOutput,
  type DeleteVirtualGatewayCommandInput,
  type DeleteVirtualGatewayCommandOutput,
  type DeleteVirtualNodeCommandInput,
  type DeleteVirtualNodeCommandOutput,
  type DeleteVirtualRouterCommandInput,
  type DeleteVirtualRouterCommandOutput,
  type DeleteVirtualServiceCommandInput,
  type DeleteVirtualServiceCommandOutput,
  type DescribeGatewayRouteCommandInput,
  type DescribeGatewayRouteCommandOutput,
  type DescribeMeshCommandInput,
  type DescribeMeshCommandOutput,
  type DescribeRouteCommandInput,
  type DescribeRouteCommandOutput,
  type DescribeVirtualGatewayCommandInput,
  type DescribeVirtualGatewayCommandOutput,
  type DescribeVirtualNodeCommandInput,
  type DescribeVirtualNodeCommandOutput,
  type DescribeVirtualRouterCommandInput,
  type DescribeVirtualRouterCommandOutput,
  type DescribeVirtualServiceCommandInput,
  type DescribeVirtualServiceCommandOutput,
  type GatewayRouteSpec,
  InternalServerErrorException,
  type ListGatewayRoutesCommandInput,
  type ListGatewayRoutesCommandOutput,
  type ListMeshesCommandInput,
  type ListMeshesCommandOutput,
  type ListRoutesCommandInput,
  type ListRoutesCommandOutput,
  type ListTagsForResourceCommandInput,
  type ListTagsForResourceCommandOutput,
  type ListVirtualGatewaysCommandInput,
  type ListVirtualGatewaysCommandOutput,
  type ListVirtualNodesCommandInput,
  type ListVirtualNodesCommandOutput,
  type ListVirtualRoutersCommandInput,
  type ListVirtualRoutersCommandOutput,
  type ListVirtualServicesCommandInput,
  type ListVirtualServicesCommandOutput,
  type MeshSpec,
  type RouteSpec,
  type TagResourceCommandInput,
  TooManyRequestsException,
  type UntagResourceCommandInput,
  type UpdateGatewayRouteCommandInput,
  type UpdateGatewayRouteCommandOutput,
  type UpdateMeshCommandInput,
  type UpdateMeshCommandOutput,
  type UpdateRouteCommandInput,
  type UpdateRouteCommandOutput,
  type UpdateVirtualGatewayCommandInput,
  type UpdateVirtualGatewayCommandOutput,
  type UpdateVirtualNodeCommandInput,
  type UpdateVirtualNodeCommandOutput,
  type UpdateVirtualRouterCommandInput,
  type UpdateVirtualRouterCommandOutput,
  type UpdateVirtualServiceCommandInput,
  type UpdateVirtualServiceCommandOutput,
  type VirtualGatewaySpec,
  type VirtualNodeSpec,
  type VirtualRouterSpec,
  type VirtualServiceSpec,
} from '@aws-sdk/client-app-mesh';
import { awsError } from '../aws-error.js';
import type { InternalApis, Output, ServiceDefinition, World } from '../world.js';
import {
  meshInUse,
  virtualGatewayInUse,
  virtualNodeInUse,
  virtualRouterInUse,
  virtualServiceInUse,
} from './app-mesh/deletion-rules.js';
import { tooManyTags } from './app-mesh/errors.js';
import { required } from './app-mesh/field-checks.js';
import {
  GATEWAY_ROUTE,
  type Kind,
  MESH,
  ROUTE,
  TAGS_PER_RESOURCE,
  VIRTUAL_GATEWAY,
  VIRTUAL_NODE,
  VIRTUAL_ROUTER,
  VIRTUAL_SERVICE,
} from './app-mesh/kinds.js';
import {
  addressOf,
  checkOwner,
  createResource,
  deleteResource,
  describeResource,
  requireContainers,
  updateResource,
} from './app-mesh/lifecycle.js';
import { page } from './app-mesh/pagination.js';
import {
  type AppMeshState,
  gatewayRouteData,
  gatewayRouteRef,
  initialAppMeshState,
  meshData,
  meshRef,
  type ResourceRecord,
  recordsOf,
  routeData,
  routeRef,
  virtualGatewayData,
  virtualGatewayRef,
  virtualNodeData,
  virtualNodeRef,
  virtualRouterData,
  virtualRouterRef,
  virtualServiceData,
  virtualServiceRef,
} from './app-mesh/records.js';
import {
  checkBackends,
  checkGatewayRouteReferences,
  checkProvider,
  checkRouteReferences,
} from './app-mesh/references.js';
import { checkTags, recordByArn, tagList, tagRecord } from './app-mesh/tags.js';
import {
  checkGatewayRouteSpec,
  checkMeshSpec,
  checkRouteSpec,
  checkVirtualGatewaySpec,
  checkVirtualNodeSpec,
  checkVirtualRouterSpec,
  checkVirtualServiceSpec,
} from './app-mesh/validation.js';

export type { AppMeshState } from './app-mesh/records.js';

/** AWS returns a mesh's egress filter even when the request left it out. */
function meshSpecWithDefaults(spec: MeshSpec | undefined): MeshSpec {
  return { ...spec, egressFilter: spec?.egressFilter ?? { type: 'DROP_ALL' } };
}

/** Records of a kind within a mesh (and parent), visible ones only, after checking the containers exist. */
function listed<Spec>(
  world: World,
  kind: Kind,
  input: { meshName?: string; meshOwner?: string; virtualRouterName?: string; virtualGatewayName?: string },
): ResourceRecord<Spec>[] {
  const parentName =
    kind === ROUTE ? input.virtualRouterName : kind === GATEWAY_ROUTE ? input.virtualGatewayName : undefined;
  const address = {
    meshName: required('meshName', input.meshName),
    name: '-',
    ...(parentName === undefined ? {} : { parentName }),
  };
  if (kind.parent !== undefined) required(kind.parent.nameField, parentName);
  checkOwner(world, input.meshOwner, address);
  requireContainers(world, kind, address);
  const table = world.state.appMesh[kind.table] as Record<string, ResourceRecord<Spec>>;
  return recordsOf(table, { meshName: address.meshName, parentName }).filter((r) =>
    world.visible(r.createdAt),
  );
}

const operations = {
  CreateMesh(input: CreateMeshCommandInput, world: World): Output<CreateMeshCommandOutput> {
    const address = addressOf(MESH, { ...input });
    const spec = meshSpecWithDefaults(input.spec);
    const record = createResource(world, MESH, {
      operation: 'CreateMesh',
      input,
      address,
      spec,
      check: () => checkMeshSpec(spec),
    });
    return { mesh: meshData(world, record) };
  },
  DescribeMesh(input: DescribeMeshCommandInput, world: World): Output<DescribeMeshCommandOutput> {
    const address = addressOf(MESH, { ...input });
    checkOwner(world, input.meshOwner, address);
    return { mesh: meshData(world, describeResource<MeshSpec>(world, MESH, address)) };
  },
  UpdateMesh(input: UpdateMeshCommandInput, world: World): Output<UpdateMeshCommandOutput> {
    const address = addressOf(MESH, { ...input });
    const spec = meshSpecWithDefaults(input.spec);
    const record = updateResource(world, MESH, {
      operation: 'UpdateMesh',
      input,
      address,
      spec,
      check: () => checkMeshSpec(spec),
    });
    return { mesh: meshData(world, record) };
  },
  DeleteMesh(input: DeleteMeshCommandInput, world: World): Output<DeleteMeshCommandOutput> {
    const record = deleteResource(world, MESH, addressOf(MESH, { ...input }), meshInUse);
    return { mesh: meshData(world, record, 'DELETED') };
  },
  ListMeshes(input: ListMeshesCommandInput, world: World): Output<ListMeshesCommandOutput> {
    const meshes = recordsOf(world.state.appMesh.meshes).filter((r) => world.visible(r.createdAt));
    const { items, nextToken } = page(meshes, input.limit, input.nextToken);
    return { meshes: items.map((r) => meshRef(world, r)), nextToken };
  },

  CreateVirtualNode(
    input: CreateVirtualNodeCommandInput,
    world: World,
  ): Output<CreateVirtualNodeCommandOutput> {
    const address = addressOf(VIRTUAL_NODE, { ...input });
    const spec = required('spec', input.spec);
    const check = () => {
      checkVirtualNodeSpec(spec);
      checkBackends(world, address, spec);
    };
    const record = createResource(world, VIRTUAL_NODE, {
      operation: 'CreateVirtualNode',
      input,
      address,
      spec,
      check,
    });
    return { virtualNode: virtualNodeData(world, record) };
  },
  DescribeVirtualNode(
    input: DescribeVirtualNodeCommandInput,
    world: World,
  ): Output<DescribeVirtualNodeCommandOutput> {
    const address = addressOf(VIRTUAL_NODE, { ...input });
    checkOwner(world, input.meshOwner, address);
    return {
      virtualNode: virtualNodeData(world, describeResource<VirtualNodeSpec>(world, VIRTUAL_NODE, address)),
    };
  },
  UpdateVirtualNode(
    input: UpdateVirtualNodeCommandInput,
    world: World,
  ): Output<UpdateVirtualNodeCommandOutput> {
    const address = addressOf(VIRTUAL_NODE, { ...input });
    const spec = required('spec', input.spec);
    const check = () => {
      checkVirtualNodeSpec(spec);
      checkBackends(world, address, spec);
    };
    const record = updateResource(world, VIRTUAL_NODE, {
      operation: 'UpdateVirtualNode',
      input,
      address,
      spec,
      check,
    });
    return { virtualNode: virtualNodeData(world, record) };
  },
  DeleteVirtualNode(
    input: DeleteVirtualNodeCommandInput,
    world: World,
  ): Output<DeleteVirtualNodeCommandOutput> {
    const address = addressOf(VIRTUAL_NODE, { ...input });
    checkOwner(world, input.meshOwner, address);
    const record = deleteResource(world, VIRTUAL_NODE, address, virtualNodeInUse);
    return { virtualNode: virtualNodeData(world, record, 'DELETED') };
  },
  ListVirtualNodes(input: ListVirtualNodesCommandInput, world: World): Output<ListVirtualNodesCommandOutput> {
    const { items, nextToken } = page(
      listed<VirtualNodeSpec>(world, VIRTUAL_NODE, input),
      input.limit,
      input.nextToken,
    );
    return { virtualNodes: items.map((r) => virtualNodeRef(world, r)), nextToken };
  },

  CreateVirtualService(
    input: CreateVirtualServiceCommandInput,
    world: World,
  ): Output<CreateVirtualServiceCommandOutput> {
    const address = addressOf(VIRTUAL_SERVICE, { ...input });
    const spec = required('spec', input.spec);
    const check = (w: World) => {
      checkVirtualServiceSpec(spec);
      checkProvider(w, address.meshName, spec);
    };
    const record = createResource(world, VIRTUAL_SERVICE, {
      operation: 'CreateVirtualService',
      input,
      address,
      spec,
      check,
    });
    return { virtualService: virtualServiceData(world, record) };
  },
  DescribeVirtualService(
    input: DescribeVirtualServiceCommandInput,
    world: World,
  ): Output<DescribeVirtualServiceCommandOutput> {
    const address = addressOf(VIRTUAL_SERVICE, { ...input });
    checkOwner(world, input.meshOwner, address);
    const record = describeResource<VirtualServiceSpec>(world, VIRTUAL_SERVICE, address);
    return { virtualService: virtualServiceData(world, record) };
  },
  UpdateVirtualService(
    input: UpdateVirtualServiceCommandInput,
    world: World,
  ): Output<UpdateVirtualServiceCommandOutput> {
    const address = addressOf(VIRTUAL_SERVICE, { ...input });
    const spec = required('spec', input.spec);
    const check = (w: World) => {
      checkVirtualServiceSpec(spec);
      checkProvider(w, address.meshName, spec);
    };
    const record = updateResource(world, VIRTUAL_SERVICE, {
      operation: 'UpdateVirtualService',
      input,
      address,
      spec,
      check,
    });
    return { virtualService: virtualServiceData(world, record) };
  },
  DeleteVirtualService(
    input: DeleteVirtualServiceCommandInput,
    world: World,
  ): Output<DeleteVirtualServiceCommandOutput> {
    const address = addressOf(VIRTUAL_SERVICE, { ...input });
    checkOwner(world, input.meshOwner, address);
    const record = deleteResource(world, VIRTUAL_SERVICE, address, virtualServiceInUse);
    return { virtualService: virtualServiceData(world, record, 'DELETED') };
  },
  ListVirtualServices(
    input: ListVirtualServicesCommandInput,
    world: World,
  ): Output<ListVirtualServicesCommandOutput> {
    const all = listed<VirtualServiceSpec>(world, VIRTUAL_SERVICE, input);
    const { items, nextToken } = page(all, input.limit, input.nextToken);
    return { virtualServices: items.map((r) => virtualServiceRef(world, r)), nextToken };
  },

  CreateVirtualRouter(
    input: CreateVirtualRouterCommandInput,
    world: World,
  ): Output<CreateVirtualRouterCommandOutput> {
    const address = addressOf(VIRTUAL_ROUTER, { ...input });
    const spec = required('spec', input.spec);
    const record = createResource(world, VIRTUAL_ROUTER, {
      operation: 'CreateVirtualRouter',
      input,
      address,
      spec,
      check: () => checkVirtualRouterSpec(spec),
    });
    return { virtualRouter: virtualRouterData(world, record) };
  },
  DescribeVirtualRouter(
    input: DescribeVirtualRouterCommandInput,
    world: World,
  ): Output<DescribeVirtualRouterCommandOutput> {
    const address = addressOf(VIRTUAL_ROUTER, { ...input });
    checkOwner(world, input.meshOwner, address);
    const record = describeResource<VirtualRouterSpec>(world, VIRTUAL_ROUTER, address);
    return { virtualRouter: virtualRouterData(world, record) };
  },
  UpdateVirtualRouter(
    input: UpdateVirtualRouterCommandInput,
    world: World,
  ): Output<UpdateVirtualRouterCommandOutput> {
    const address = addressOf(VIRTUAL_ROUTER, { ...input });
    const spec = required('spec', input.spec);
    const record = updateResource(world, VIRTUAL_ROUTER, {
      operation: 'UpdateVirtualRouter',
      input,
      address,
      spec,
      check: () => checkVirtualRouterSpec(spec),
    });
    return { virtualRouter: virtualRouterData(world, record) };
  },
  DeleteVirtualRouter(
    input: DeleteVirtualRouterCommandInput,
    world: World,
  ): Output<DeleteVirtualRouterCommandOutput> {
    const address = addressOf(VIRTUAL_ROUTER, { ...input });
    checkOwner(world, input.meshOwner, address);
    const record = deleteResource(world, VIRTUAL_ROUTER, address, virtualRouterInUse);
    return { virtualRouter: virtualRouterData(world, record, 'DELETED') };
  },
  ListVirtualRouters(
    input: ListVirtualRoutersCommandInput,
    world: World,
  ): Output<ListVirtualRoutersCommandOutput> {
    const all = listed<VirtualRouterSpec>(world, VIRTUAL_ROUTER, input);
    const { items, nextToken } = page(all, input.limit, input.nextToken);
    return { virtualRouters: items.map((r) => virtualRouterRef(world, r)), nextToken };
  },

  CreateRoute(input: CreateRouteCommandInput, world: World): Output<CreateRouteCommandOutput> {
    const address = addressOf(ROUTE, { ...input });
    const spec = required('spec', input.spec);
    const check = (w: World) => {
      checkRouteSpec(spec);
      checkRouteReferences(w, address, spec);
    };
    const record = createResource(world, ROUTE, { operation: 'CreateRoute', input, address, spec, check });
    return { route: routeData(world, record) };
  },
  DescribeRoute(input: DescribeRouteCommandInput, world: World): Output<DescribeRouteCommandOutput> {
    const address = addressOf(ROUTE, { ...input });
    checkOwner(world, input.meshOwner, address);
    return { route: routeData(world, describeResource<RouteSpec>(world, ROUTE, address)) };
  },
  UpdateRoute(input: UpdateRouteCommandInput, world: World): Output<UpdateRouteCommandOutput> {
    const address = addressOf(ROUTE, { ...input });
    const spec = required('spec', input.spec);
    const check = (w: World) => {
      checkRouteSpec(spec);
      checkRouteReferences(w, address, spec);
    };
    const record = updateResource(world, ROUTE, { operation: 'UpdateRoute', input, address, spec, check });
    return { route: routeData(world, record) };
  },
  DeleteRoute(input: DeleteRouteCommandInput, world: World): Output<DeleteRouteCommandOutput> {
    const address = addressOf(ROUTE, { ...input });
    checkOwner(world, input.meshOwner, address);
    const record = deleteResource<RouteSpec>(world, ROUTE, address, () => {});
    return { route: routeData(world, record, 'DELETED') };
  },
  ListRoutes(input: ListRoutesCommandInput, world: World): Output<ListRoutesCommandOutput> {
    const { items, nextToken } = page(listed<RouteSpec>(world, ROUTE, input), input.limit, input.nextToken);
    return { routes: items.map((r) => routeRef(world, r)), nextToken };
  },

  CreateVirtualGateway(
    input: CreateVirtualGatewayCommandInput,
    world: World,
  ): Output<CreateVirtualGatewayCommandOutput> {
    const address = addressOf(VIRTUAL_GATEWAY, { ...input });
    const spec = required('spec', input.spec);
    const record = createResource(world, VIRTUAL_GATEWAY, {
      operation: 'CreateVirtualGateway',
      input,
      address,
      spec,
      check: () => checkVirtualGatewaySpec(spec),
    });
    return { virtualGateway: virtualGatewayData(world, record) };
  },
  DescribeVirtualGateway(
    input: DescribeVirtualGatewayCommandInput,
    world: World,
  ): Output<DescribeVirtualGatewayCommandOutput> {
    const address = addressOf(VIRTUAL_GATEWAY, { ...input });
    checkOwner(world, input.meshOwner, address);
    const record = describeResource<VirtualGatewaySpec>(world, VIRTUAL_GATEWAY, address);
    return { virtualGateway: virtualGatewayData(world, record) };
  },
  UpdateVirtualGateway(
    input: UpdateVirtualGatewayCommandInput,
    world: World,
  ): Output<UpdateVirtualGatewayCommandOutput> {
    const address = addressOf(VIRTUAL_GATEWAY, { ...input });
    const spec = required('spec', input.spec);
    const record = updateResource(world, VIRTUAL_GATEWAY, {
      operation: 'UpdateVirtualGateway',
      input,
      address,
      spec,
      check: () => checkVirtualGatewaySpec(spec),
    });
    return { virtualGateway: virtualGatewayData(world, record) };
  },
  DeleteVirtualGateway(
    input: DeleteVirtualGatewayCommandInput,
    world: World,
  ): Output<DeleteVirtualGatewayCommandOutput> {
    const address = addressOf(VIRTUAL_GATEWAY, { ...input });
    checkOwner(world, input.meshOwner, address);
    const record = deleteResource(world, VIRTUAL_GATEWAY, address, virtualGatewayInUse);
    return { virtualGateway: virtualGatewayData(world, record, 'DELETED') };
  },
  ListVirtualGateways(
    input: ListVirtualGatewaysCommandInput,
    world: World,
  ): Output<ListVirtualGatewaysCommandOutput> {
    const all = listed<VirtualGatewaySpec>(world, VIRTUAL_GATEWAY, input);
    const { items, nextToken } = page(all, input.limit, input.nextToken);
    return { virtualGateways: items.map((r) => virtualGatewayRef(world, r)), nextToken };
  },

  CreateGatewayRoute(
    input: CreateGatewayRouteCommandInput,
    world: World,
  ): Output<CreateGatewayRouteCommandOutput> {
    const address = addressOf(GATEWAY_ROUTE, { ...input });
    const spec = required('spec', input.spec);
    const check = (w: World) => {
      checkGatewayRouteSpec(spec);
      checkGatewayRouteReferences(w, address, spec);
    };
    const record = createResource(world, GATEWAY_ROUTE, {
      operation: 'CreateGatewayRoute',
      input,
      address,
      spec,
      check,
    });
    return { gatewayRoute: gatewayRouteData(world, record) };
  },
  DescribeGatewayRoute(
    input: DescribeGatewayRouteCommandInput,
    world: World,
  ): Output<DescribeGatewayRouteCommandOutput> {
    const address = addressOf(GATEWAY_ROUTE, { ...input });
    checkOwner(world, input.meshOwner, address);
    const record = describeResource<GatewayRouteSpec>(world, GATEWAY_ROUTE, address);
    return { gatewayRoute: gatewayRouteData(world, record) };
  },
  UpdateGatewayRoute(
    input: UpdateGatewayRouteCommandInput,
    world: World,
  ): Output<UpdateGatewayRouteCommandOutput> {
    const address = addressOf(GATEWAY_ROUTE, { ...input });
    const spec = required('spec', input.spec);
    const check = (w: World) => {
      checkGatewayRouteSpec(spec);
      checkGatewayRouteReferences(w, address, spec);
    };
    const record = updateResource(world, GATEWAY_ROUTE, {
      operation: 'UpdateGatewayRoute',
      input,
      address,
      spec,
      check,
    });
    return { gatewayRoute: gatewayRouteData(world, record) };
  },
  DeleteGatewayRoute(
    input: DeleteGatewayRouteCommandInput,
    world: World,
  ): Output<DeleteGatewayRouteCommandOutput> {
    const address = addressOf(GATEWAY_ROUTE, { ...input });
    checkOwner(world, input.meshOwner, address);
    const record = deleteResource<GatewayRouteSpec>(world, GATEWAY_ROUTE, address, () => {});
    return { gatewayRoute: gatewayRouteData(world, record, 'DELETED') };
  },
  ListGatewayRoutes(
    input: ListGatewayRoutesCommandInput,
    world: World,
  ): Output<ListGatewayRoutesCommandOutput> {
    const all = listed<GatewayRouteSpec>(world, GATEWAY_ROUTE, input);
    const { items, nextToken } = page(all, input.limit, input.nextToken);
    return { gatewayRoutes: items.map((r) => gatewayRouteRef(world, r)), nextToken };
  },

  TagResource(input: TagResourceCommandInput, world: World): object {
    const record = recordByArn(world, input.resourceArn);
    const tags = required('tags', input.tags);
    checkTags(tags);
    const merged = { ...record.tags, ...tagRecord(tags) };
    if (Object.keys(merged).length > TAGS_PER_RESOURCE) throw tooManyTags();
    record.tags = merged;
    return {};
  },
  UntagResource(input: UntagResourceCommandInput, world: World): object {
    const record = recordByArn(world, input.resourceArn);
    for (const key of required('tagKeys', input.tagKeys)) delete record.tags[key];
    return {};
  },
  ListTagsForResource(
    input: ListTagsForResourceCommandInput,
    world: World,
  ): Output<ListTagsForResourceCommandOutput> {
    const record = recordByArn(world, input.resourceArn);
    const { items, nextToken } = page(tagList(record.tags), input.limit, input.nextToken, 50);
    return { tags: items, nextToken };
  },
};

/** Plain data of a record for snapshots: names, spec, tags, version and ARN; no times, no uid. */
function snapshotOf(record: ResourceRecord<object>, names: Record<string, string | undefined>) {
  return { ...names, spec: record.spec, tags: record.tags, version: record.version, arn: record.arn };
}

export const appMeshService: ServiceDefinition<'appMesh'> = {
  key: 'appMesh',
  clientName: 'AppMeshClient',
  initialState: initialAppMeshState,
  operations,
  events: {},
  throttled: (message) => awsError(TooManyRequestsException, message, 429),
  internalFailure: (message) => awsError(InternalServerErrorException, message, 500),
  snapshot: (state: AppMeshState) => ({
    meshes: recordsOf(state.meshes).map((r) => snapshotOf(r, { meshName: r.name })),
    virtualNodes: recordsOf(state.virtualNodes).map((r) =>
      snapshotOf(r, { meshName: r.meshName, virtualNodeName: r.name }),
    ),
    virtualServices: recordsOf(state.virtualServices).map((r) =>
      snapshotOf(r, { meshName: r.meshName, virtualServiceName: r.name }),
    ),
    virtualRouters: recordsOf(state.virtualRouters).map((r) =>
      snapshotOf(r, { meshName: r.meshName, virtualRouterName: r.name }),
    ),
    routes: recordsOf(state.routes).map((r) =>
      snapshotOf(r, { meshName: r.meshName, virtualRouterName: r.parentName, routeName: r.name }),
    ),
    virtualGateways: recordsOf(state.virtualGateways).map((r) =>
      snapshotOf(r, { meshName: r.meshName, virtualGatewayName: r.name }),
    ),
    gatewayRoutes: recordsOf(state.gatewayRoutes).map((r) =>
      snapshotOf(r, { meshName: r.meshName, virtualGatewayName: r.parentName, gatewayRouteName: r.name }),
    ),
  }),
  internal: (): InternalApis['appMesh'] => ({}),
};
