/** What differs between App Mesh resource kinds for the shared lifecycle: names, tables, ARNs, quotas. */
import { QUOTAS } from '../../../validate/quotas.js';
import type { Address, Table } from './records.js';

export interface Kind {
  /** As AWS names the kind in its messages: `VirtualNode`. */
  readonly label: string;
  readonly table: Table;
  /** The input field that names it: `virtualNodeName`. */
  readonly nameField: string;
  /** The ARN after `mesh/`: `color-mesh/virtualNode/red`. */
  arnPath(address: Address): string;
  /** The parent a record needs besides its mesh (virtual router of a route, gateway of a gateway route). */
  readonly parent?: Kind & { readonly nameField: 'virtualRouterName' | 'virtualGatewayName' };
  /** Default service quota (aws-facts 3.6): how many per account, per mesh, or per parent. */
  readonly quota: { readonly limit: number; readonly per: 'account' | 'mesh' | 'parent' };
}

export const MESH: Kind = {
  label: 'Mesh',
  nameField: 'meshName',
  table: 'meshes',
  arnPath: (a) => a.meshName,
  quota: { limit: 15, per: 'account' },
};

export const VIRTUAL_NODE: Kind = {
  label: 'VirtualNode',
  nameField: 'virtualNodeName',
  table: 'virtualNodes',
  arnPath: (a) => `${a.meshName}/virtualNode/${a.name}`,
  quota: { limit: QUOTAS.nodesPerMesh.limit, per: 'mesh' },
};

export const VIRTUAL_SERVICE: Kind = {
  label: 'VirtualService',
  nameField: 'virtualServiceName',
  table: 'virtualServices',
  arnPath: (a) => `${a.meshName}/virtualService/${a.name}`,
  quota: { limit: QUOTAS.servicesPerMesh.limit, per: 'mesh' },
};

export const VIRTUAL_ROUTER = {
  label: 'VirtualRouter',
  nameField: 'virtualRouterName',
  table: 'virtualRouters',
  arnPath: (a: Address) => `${a.meshName}/virtualRouter/${a.name}`,
  quota: { limit: QUOTAS.routersPerMesh.limit, per: 'mesh' },
} as const satisfies Kind;

export const ROUTE: Kind = {
  label: 'Route',
  nameField: 'routeName',
  table: 'routes',
  arnPath: (a) => `${a.meshName}/virtualRouter/${a.parentName}/route/${a.name}`,
  parent: VIRTUAL_ROUTER,
  quota: { limit: QUOTAS.routesPerRouter.limit, per: 'parent' },
};

export const VIRTUAL_GATEWAY = {
  label: 'VirtualGateway',
  nameField: 'virtualGatewayName',
  table: 'virtualGateways',
  arnPath: (a: Address) => `${a.meshName}/virtualGateway/${a.name}`,
  quota: { limit: QUOTAS.gatewaysPerMesh.limit, per: 'mesh' },
} as const satisfies Kind;

export const GATEWAY_ROUTE: Kind = {
  label: 'GatewayRoute',
  nameField: 'gatewayRouteName',
  table: 'gatewayRoutes',
  arnPath: (a) => `${a.meshName}/virtualGateway/${a.parentName}/gatewayRoute/${a.name}`,
  parent: VIRTUAL_GATEWAY,
  quota: { limit: QUOTAS.gatewayRoutesPerGateway.limit, per: 'parent' },
};

export const KINDS: readonly Kind[] = [
  MESH,
  VIRTUAL_NODE,
  VIRTUAL_SERVICE,
  VIRTUAL_ROUTER,
  ROUTE,
  VIRTUAL_GATEWAY,
  GATEWAY_ROUTE,
];

/** Backends per virtual node (aws-facts 3.6). */
export const BACKENDS_PER_NODE = QUOTAS.backendsPerNode.limit;
export const TAGS_PER_RESOURCE = 50;
