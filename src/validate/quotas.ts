/**
 * Adjustable App Mesh service quotas (aws-facts 3.6), reported as warnings: the plan is valid,
 * but apply fails with LimitExceededException unless the quota was raised first.
 */
import type { VirtualNodeDefinition, VirtualRouterDefinition } from '../definition/mesh-definition.js';
import { paths } from '../definition/paths.js';
import type { ValidationContext } from './context.js';
import { issue, type PlanIssue } from './issue.js';

export const QUOTAS = Object.freeze({
  meshesPerAccount: { limit: 15, code: 'L-AC861A39' },
  nodesPerMesh: { limit: 200, code: 'L-E043DFB4' },
  routersPerMesh: { limit: 200, code: 'L-50F6C35A' },
  servicesPerMesh: { limit: 200, code: 'L-DA7495A7' },
  gatewaysPerMesh: { limit: 3, code: 'L-87E74146' },
  routesPerRouter: { limit: 50, code: 'L-BB90B7FF' },
  gatewayRoutesPerGateway: { limit: 10, code: 'L-F6F26D09' },
  backendsPerNode: { limit: 50, code: 'L-8775AB18' },
});

/** A quota by its name here: `servicesPerMesh`. */
export type QuotaName = keyof typeof QUOTAS;

function over(
  out: PlanIssue[],
  path: string,
  fieldName: string,
  count: number,
  quota: { readonly limit: number; readonly code: string },
  what: string,
): void {
  if (count <= quota.limit) return;
  out.push(
    issue('QUOTA_EXCEEDED', path, `at most ${quota.limit} ${what} (default quota)`, `${count}`, {
      field: fieldName,
      severity: 'warning',
      explanation: `Raise the App Mesh quota ${quota.code} in Service Quotas before applying, or AWS answers LimitExceededException.`,
    }),
  );
}

export function checkQuotas(context: ValidationContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  const { definition, mesh } = context;
  const meshPath = paths.mesh(mesh);
  over(out, meshPath, 'nodes', definition.nodes.length, QUOTAS.nodesPerMesh, 'virtual nodes per mesh');
  over(
    out,
    meshPath,
    'routers',
    definition.routers.length,
    QUOTAS.routersPerMesh,
    'virtual routers per mesh',
  );
  over(
    out,
    meshPath,
    'services',
    definition.services.length,
    QUOTAS.servicesPerMesh,
    'virtual services per mesh',
  );
  over(
    out,
    meshPath,
    'gateways',
    definition.gateways.length,
    QUOTAS.gatewaysPerMesh,
    'virtual gateways per mesh',
  );
  // Indexed, with the paths the context made once: the definition's lists are frozen (see context.ts).
  const { nodes, routers } = definition;
  const backends = QUOTAS.backendsPerNode;
  for (let i = 0; i < nodes.length; i++) {
    const count = (nodes[i] as VirtualNodeDefinition).backends.length;
    over(out, context.nodePaths[i] as string, 'backends', count, backends, 'backends per virtual node');
  }
  const routes = QUOTAS.routesPerRouter;
  for (let i = 0; i < routers.length; i++) {
    const count = (routers[i] as VirtualRouterDefinition).routes.length;
    over(out, context.routerPaths[i] as string, 'routes', count, routes, 'routes per virtual router');
  }
  definition.gateways.forEach((gateway, g) => {
    over(
      out,
      context.gatewayPaths[g] as string,
      'routes',
      gateway.routes.length,
      QUOTAS.gatewayRoutesPerGateway,
      'gateway routes per virtual gateway',
    );
  });
  return out;
}
