/** What differs between App Mesh resource kinds for the shared lifecycle: names, tables, ARNs, quotas. */
import type { QuotaName } from '../../../validate/quotas.js';
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
  /** Its service quota (aws-facts 3.6), counted per account, per mesh, or per parent. */
  readonly quota: { readonly name: QuotaName; readonly per: 'account' | 'mesh' | 'parent' };
}

export const MESH: Kind = {
  label: 'Mesh',
  nameField: 'meshName',
  table: 'meshes',
  arnPath: (a) => a.meshName,
  quota: { name: 'meshesPerAccount', per: 'account' },
};

export const VIRTUAL_NODE: Kind = {
  label: 'VirtualNode',
  nameField: 'virtualNodeName',
  table: 'virtualNodes',
  arnPath: (a) => `${a.meshName}/virtualNode/${a.name}`,
  quota: { name: 'nodesPerMesh', per: 'mesh' },
};

export const VIRTUAL_SERVICE: Kind = {
  label: 'VirtualService',
  nameField: 'virtualServiceName',
  table: 'virtualServices',
  arnPath: (a) => `${a.meshName}/virtualService/${a.name}`,
  quota: { name: 'servicesPerMesh', per: 'mesh' },
};

export const VIRTUAL_ROUTER = {
  label: 'VirtualRouter',
  nameField: 'virtualRouterName',
  table: 'virtualRouters',
  arnPath: (a: Address) => `${a.meshName}/virtualRouter/${a.name}`,
  quota: { name: 'routersPerMesh', per: 'mesh' },
} as const satisfies Kind;

export const ROUTE: Kind = {
  label: 'Route',
  nameField: 'routeName',
  table: 'routes',
  arnPath: (a) => `${a.meshName}/virtualRouter/${a.parentName}/route/${a.name}`,
  parent: VIRTUAL_ROUTER,
  quota: { name: 'routesPerRouter', per: 'parent' },
};

export const VIRTUAL_GATEWAY = {
  label: 'VirtualGateway',
  nameField: 'virtualGatewayName',
  table: 'virtualGateways',
  arnPath: (a: Address) => `${a.meshName}/virtualGateway/${a.name}`,
  quota: { name: 'gatewaysPerMesh', per: 'mesh' },
} as const satisfies Kind;

export const GATEWAY_ROUTE: Kind = {
  label: 'GatewayRoute',
  nameField: 'gatewayRouteName',
  table: 'gatewayRoutes',
  arnPath: (a) => `${a.meshName}/virtualGateway/${a.parentName}/gatewayRoute/${a.name}`,
  parent: VIRTUAL_GATEWAY,
  quota: { name: 'gatewayRoutesPerGateway', per: 'parent' },
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
export const TAGS_PER_RESOURCE = 50;
