/**
 * App Mesh resource names and the mesh-level settings: egress filter, IP preference, mesh owner.
 * The API model gives `ResourceName` only its length (1-255); AWS's App Mesh guide allows "up to
 * 255 letters, numbers, hyphens, and underscores", which is also all a name may hold to be safe in
 * a file name, a tag value and a shell script.
 */
import type {
  VirtualGatewayDefinition,
  VirtualNodeDefinition,
  VirtualRouterDefinition,
  VirtualServiceDefinition,
} from '../definition/mesh-definition.js';
import { paths } from '../definition/paths.js';
import { checkLength, checkOneOf, checkPattern, REQUIRED } from './checks.js';
import type { ValidationContext } from './context.js';
import type { PlanIssue } from './issue.js';

const PLAN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export const EGRESS_FILTER_TYPES = ['ALLOW_ALL', 'DROP_ALL'] as const;
export const IP_PREFERENCES = ['IPv6_PREFERRED', 'IPv4_PREFERRED', 'IPv4_ONLY', 'IPv6_ONLY'] as const;

const ACCOUNT_ID = /^\d{12}$/;
const NOT_BLANK = /\S/;

const APP_MESH_NAME = /^[A-Za-z0-9_-]+$/;

function checkResourceName(out: PlanIssue[], path: string, name: unknown): void {
  if (!checkLength(out, 'INVALID_NAME', path, 'name', name, 1, 255, REQUIRED)) return;
  checkPattern(
    out,
    'INVALID_NAME',
    path,
    'name',
    name,
    APP_MESH_NAME,
    'letters, digits, hyphens and underscores only',
  );
}

export function checkNames(context: ValidationContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  const { definition, mesh } = context;
  const meshPath = paths.mesh(mesh);
  checkResourceName(out, meshPath, definition.name);
  // A mesh name already reported is not reported again as the plan's name.
  const meshNameValid = !out.some((issue) => issue.path === meshPath && issue.field === 'name');
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
  // A tag value on every resource and part of the journal's file name: kept to what both allow.
  // Without a plan name the mesh's name is the plan's, and must fit the same rule.
  checkPattern(
    out,
    'INVALID_NAME',
    meshPath,
    'plan',
    definition.plan ?? (meshNameValid ? definition.name : undefined),
    PLAN_NAME,
    definition.plan === undefined
      ? 'a mesh name that can name its plan, of letters, digits, ".", "_" and "-" (1-100, starting with a letter or digit); or give the mesh a plan name of that form'
      : 'a plan name of letters, digits, ".", "_" and "-" (1-100, starting with a letter or digit)',
  );
  const { nodes, services, routers, gateways } = definition;
  for (let i = 0; i < nodes.length; i++) {
    checkResourceName(out, context.nodePaths[i] as string, (nodes[i] as VirtualNodeDefinition).name);
  }
  for (let i = 0; i < services.length; i++) {
    const name = (services[i] as VirtualServiceDefinition).name;
    // ServiceName has no length limit in the model, but an empty name can never be called. Most
    // names are fine, and the service's path is only built to report one.
    if (typeof name === 'string' && NOT_BLANK.test(name)) continue;
    checkPattern(
      out,
      'INVALID_NAME',
      paths.virtualService(mesh, name),
      'name',
      name,
      NOT_BLANK,
      'a name',
      REQUIRED,
    );
  }
  for (let i = 0; i < routers.length; i++) {
    const router = routers[i] as VirtualRouterDefinition;
    checkResourceName(out, context.routerPaths[i] as string, router.name);
    for (const route of router.routes) {
      checkResourceName(out, paths.route(mesh, router.name, route.name), route.name);
    }
  }
  for (let i = 0; i < gateways.length; i++) {
    const gateway = gateways[i] as VirtualGatewayDefinition;
    checkResourceName(out, context.gatewayPaths[i] as string, gateway.name);
    for (const route of gateway.routes) {
      checkResourceName(out, paths.gatewayRoute(mesh, gateway.name, route.name), route.name);
    }
  }
  return out;
}
