/**
 * The App Mesh kinds as the AWS CLI names them, and the arguments that identify one resource:
 * shared by the scripts' lookups (`describe-*`) and deletes (`delete-*`).
 */
import type { AppMeshKind, PlannedResource } from '../plan/resource.js';

/** The CLI noun of each kind: `describe-virtual-node`, `delete-gateway-route`, ... */
export const APP_MESH_NOUNS: Readonly<Record<AppMeshKind, string>> = {
  mesh: 'mesh',
  virtualNode: 'virtual-node',
  virtualRouter: 'virtual-router',
  route: 'route',
  virtualService: 'virtual-service',
  virtualGateway: 'virtual-gateway',
  gatewayRoute: 'gateway-route',
};

/** `--mesh-name m [--virtual-router-name r] --route-name x`: the resource's own name last. */
export function appMeshIdentity(resource: PlannedResource<AppMeshKind>): string[] {
  if (resource.kind === 'mesh') return ['--mesh-name', resource.name];
  const mesh = ['--mesh-name', resource.input.meshName ?? ''];
  const own = [`--${APP_MESH_NOUNS[resource.kind]}-name`, resource.name];
  if (resource.kind === 'route') {
    return [...mesh, '--virtual-router-name', resource.input.virtualRouterName ?? '', ...own];
  }
  if (resource.kind === 'gatewayRoute') {
    return [...mesh, '--virtual-gateway-name', resource.input.virtualGatewayName ?? '', ...own];
  }
  return [...mesh, ...own];
}
