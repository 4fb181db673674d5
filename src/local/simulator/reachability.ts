/**
 * Who reaches whom: for every virtual node with a running task and every virtual gateway (rows),
 * and every virtual service (columns), every answer a request can get. A node sends
 * `GET http://<service>/` on the port the service's provider listens on; a gateway sends each of
 * its gateway routes that target the service the path that route is written for. Every weighted
 * target and endpoint is tried, so a cell lists every color that can answer.
 */
import { everyOutcome } from './choice.js';
import { defaultPortOf, requestByGatewayRoute, requestFromNode } from './forward.js';
import type { MeshIndex, ServiceEntry } from './mesh-index.js';
import { parseRequest } from './request.js';
import type { FailureReason, SimResult } from './result.js';

export interface ReachabilityRow {
  readonly kind: 'virtualNode' | 'virtualGateway';
  readonly name: string;
}

export interface ReachabilityCell {
  /** At least one request gets an answer. */
  readonly reachable: boolean;
  /** Every body that can come back, sorted. */
  readonly answers: readonly string[];
  /** Why requests fail, when some or all do; sorted. */
  readonly failures: readonly FailureReason[];
}

export interface ReachabilityMatrix {
  readonly meshName: string;
  readonly rows: readonly ReachabilityRow[];
  /** Virtual service names, sorted. */
  readonly columns: readonly string[];
  /** `cells[row][column]`. */
  readonly cells: readonly (readonly ReachabilityCell[])[];
}

export function computeReachability(index: MeshIndex): ReachabilityMatrix {
  const services = [...index.services.values()].sort((a, b) => compare(a.name, b.name));
  const nodes = [...index.nodes.values()]
    .filter((n) => n.tasks.length > 0)
    .sort((a, b) => compare(a.name, b.name));
  const gateways = [...index.gateways.values()].sort((a, b) => compare(a.name, b.name));

  const nodeRows = nodes.map((node) =>
    services.map((service) => {
      const port = defaultPortOf(index, service) ?? 80;
      const request = parseRequest('GET', `http://${service.name}:${port}/`);
      return cell(everyOutcome((chooser) => requestFromNode(index, node, request, chooser, undefined)));
    }),
  );
  const gatewayRows = gateways.map((gateway) =>
    services.map((service) => {
      const routes = gateway.routes.filter((r) => targets(r.service, service));
      if (routes.length === 0)
        return { reachable: false, answers: [], failures: ['NO_ROUTE'] } as ReachabilityCell;
      return cell(
        routes.flatMap((route) =>
          everyOutcome((chooser) => requestByGatewayRoute(index, gateway, route, chooser)),
        ),
      );
    }),
  );

  return {
    meshName: index.meshName,
    rows: [
      ...nodes.map((n): ReachabilityRow => ({ kind: 'virtualNode', name: n.name })),
      ...gateways.map((g): ReachabilityRow => ({ kind: 'virtualGateway', name: g.name })),
    ],
    columns: services.map((s) => s.name),
    cells: [...nodeRows, ...gatewayRows],
  };
}

function targets(routeService: string, service: ServiceEntry): boolean {
  return routeService.toLowerCase() === service.name.toLowerCase();
}

function cell(results: readonly SimResult[]): ReachabilityCell {
  const answers = new Set<string>();
  const failures = new Set<FailureReason>();
  for (const result of results) {
    if (result.ok) answers.add(result.body);
    else failures.add(result.reason);
  }
  return { reachable: answers.size > 0, answers: [...answers].sort(), failures: [...failures].sort() };
}

/**
 * The matrix as a text table: a cell lists the answers (`green yellow`) and, in parentheses, why
 * requests fail (`(EGRESS_DENIED)`).
 */
export function formatReachability(matrix: ReachabilityMatrix): string {
  const header = ['from \\ to', ...matrix.columns];
  const body = matrix.rows.map((row, r) => [
    row.kind === 'virtualGateway' ? `gateway ${row.name}` : row.name,
    ...(matrix.cells[r] ?? []).map(cellText),
  ]);
  const table = [header, ...body];
  const widths = header.map((_, c) => Math.max(...table.map((line) => (line[c] ?? '').length)));
  const lines = table.map((line) =>
    line
      .map((text, c) => text.padEnd(widths[c] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return `${lines.join('\n')}\n`;
}

function cellText(cell: ReachabilityCell): string {
  return [...cell.answers, ...cell.failures.map((f) => `(${f})`)].join(' ');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
