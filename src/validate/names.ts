/**
 * App Mesh resource names (`ResourceName`: 1-255 characters, no pattern) and the mesh-level
 * settings: egress filter, IP preference, mesh owner.
 */
import { paths } from '../definition/paths.js';
import { checkLength, checkOneOf, checkPattern, REQUIRED } from './checks.js';
import type { ValidationContext } from './context.js';
import type { PlanIssue } from './issue.js';

export const EGRESS_FILTER_TYPES = ['ALLOW_ALL', 'DROP_ALL'] as const;
export const IP_PREFERENCES = ['IPv6_PREFERRED', 'IPv4_PREFERRED', 'IPv4_ONLY', 'IPv6_ONLY'] as const;

const ACCOUNT_ID = /^\d{12}$/;
const NOT_BLANK = /\S/;

function checkResourceName(out: PlanIssue[], path: string, name: unknown): void {
  checkLength(out, 'INVALID_NAME', path, 'name', name, 1, 255, REQUIRED);
}

export function checkNames(context: ValidationContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  const { definition, mesh } = context;
  const meshPath = paths.mesh(mesh);
  checkResourceName(out, meshPath, definition.name);
  checkOneOf(
    out,
    'INVALID_VALUE',
    meshPath,
    'egressFilter',
    definition.egressFilter,
    EGRESS_FILTER_TYPES,
    REQUIRED,
  );
  checkOneOf(out, 'INVALID_VALUE', meshPath, 'ipPreference', definition.ipPreference, IP_PREFERENCES);
  checkPattern(
    out,
    'INVALID_VALUE',
    meshPath,
    'meshOwner',
    definition.meshOwner,
    ACCOUNT_ID,
    'a 12-digit account id',
  );
  for (const node of definition.nodes) checkResourceName(out, paths.virtualNode(mesh, node.name), node.name);
  for (const service of definition.services) {
    // ServiceName has no length limit in the model, but an empty name can never be called.
    checkPattern(
      out,
      'INVALID_NAME',
      paths.virtualService(mesh, service.name),
      'name',
      service.name,
      NOT_BLANK,
      'a name',
      REQUIRED,
    );
  }
  for (const router of definition.routers) {
    checkResourceName(out, paths.virtualRouter(mesh, router.name), router.name);
    for (const route of router.routes) {
      checkResourceName(out, paths.route(mesh, router.name, route.name), route.name);
    }
  }
  for (const gateway of definition.gateways) {
    checkResourceName(out, paths.virtualGateway(mesh, gateway.name), gateway.name);
    for (const route of gateway.routes) {
      checkResourceName(out, paths.gatewayRoute(mesh, gateway.name, route.name), route.name);
    }
  }
  return out;
}
