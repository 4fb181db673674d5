/**
 * A Mermaid flowchart of the mesh, built from the plan's App Mesh inputs: gateways -> gateway
 * routes (with their match) -> virtual services -> provider node or router; routers -> nodes with
 * each route's weights on the edges; nodes -> their backends as dashed edges. For a Service Connect
 * plan, from its ECS services: each client alias -> the service answering it; clients -> the
 * services created before them (their backends) as dashed edges.
 */
import type { GatewayRouteSpec, RouteSpec } from '@aws-sdk/client-app-mesh';
import type { Plan } from '../plan/plan.js';
import type { PlannedResource, ResourceKind } from '../plan/resource.js';
import type { RenderedFile } from './rendered-file.js';
import { withNamesResolved } from './resolve-names.js';

type Shape = 'gateway' | 'gatewayRoute' | 'service' | 'router' | 'node';

const SHAPES: Record<Shape, (label: string) => string> = {
  gateway: (label) => `{{"${label}"}}`,
  gatewayRoute: (label) => `["${label}"]`,
  service: (label) => `(["${label}"])`,
  router: (label) => `{"${label}"}`,
  node: (label) => `["${label}"]`,
};

const FLOW_ORDER: readonly ResourceKind[] = [
  'virtualGateway',
  'gatewayRoute',
  'virtualService',
  'virtualRouter',
  'route',
  'virtualNode',
  'ecsService',
];

export function renderMermaid(plan: Plan): string {
  const diagram = newDiagram();
  const resources = withNamesResolved(plan);
  // Left to right as traffic flows: gateways, their routes, services, routers, nodes.
  for (const kind of FLOW_ORDER) for (const r of resources) if (r.kind === kind) declare(diagram, r);
  for (const kind of FLOW_ORDER) for (const r of resources) if (r.kind === kind) connect(diagram, r);
  return diagramText(diagram, plan.meshName);
}

export function renderMermaidFile(plan: Plan): RenderedFile {
  return { path: 'mesh.mmd', contents: renderMermaid(plan) };
}

/** Nodes first (so each gets its shape and label), then edges. */
function declare(diagram: Diagram, resource: PlannedResource): void {
  switch (resource.kind) {
    case 'virtualGateway':
      addNode(diagram, 'gateway', resource.name, resource.name);
      break;
    case 'gatewayRoute':
      addNode(
        diagram,
        'gatewayRoute',
        gatewayRouteKey(resource),
        resource.name,
        matchOf(resource.input.spec),
      );
      break;
    case 'virtualService':
      addNode(diagram, 'service', resource.name, resource.name);
      break;
    case 'virtualRouter':
      addNode(diagram, 'router', resource.name, resource.name);
      break;
    case 'virtualNode':
      addNode(diagram, 'node', resource.name, resource.name);
      break;
    case 'ecsService':
      if (resource.input.serviceConnectConfiguration === undefined) break;
      addNode(diagram, 'node', resource.id, resource.name);
      for (const alias of clientAliases(resource)) addNode(diagram, 'service', alias, alias);
      break;
    default:
      break;
  }
}

/** `red.colors.local:80` for each client alias (the port alone when the alias has no name). */
function clientAliases(resource: PlannedResource<'ecsService'>): string[] {
  return (resource.input.serviceConnectConfiguration?.services ?? []).flatMap((service) =>
    (service.clientAliases ?? []).map(
      (alias) => `${alias.dnsName ?? `${service.discoveryName ?? service.portName}`}:${alias.port}`,
    ),
  );
}

function connect(diagram: Diagram, resource: PlannedResource): void {
  switch (resource.kind) {
    case 'ecsService': {
      if (resource.input.serviceConnectConfiguration === undefined) break;
      const service = idOf(diagram, 'node', resource.id);
      for (const alias of clientAliases(resource)) addEdge(diagram, idOf(diagram, 'service', alias), service);
      for (const server of resource.dependsOn)
        if (diagram.ids.has(`node:${server}`))
          addEdge(diagram, service, idOf(diagram, 'node', server), undefined, 'dashed');
      break;
    }
    case 'gatewayRoute': {
      const route = idOf(diagram, 'gatewayRoute', gatewayRouteKey(resource));
      addEdge(diagram, idOf(diagram, 'gateway', resource.input.virtualGatewayName ?? ''), route);
      const target = gatewayRouteTarget(resource.input.spec);
      if (target) addEdge(diagram, route, idOf(diagram, 'service', target));
      break;
    }
    case 'virtualService': {
      const provider = resource.input.spec?.provider;
      const from = idOf(diagram, 'service', resource.name);
      if (provider?.virtualNode?.virtualNodeName)
        addEdge(diagram, from, idOf(diagram, 'node', provider.virtualNode.virtualNodeName));
      if (provider?.virtualRouter?.virtualRouterName)
        addEdge(diagram, from, idOf(diagram, 'router', provider.virtualRouter.virtualRouterName));
      break;
    }
    case 'route': {
      const from = idOf(diagram, 'router', resource.input.virtualRouterName ?? '');
      const targets = weightedTargets(resource.input.spec);
      const total = targets.reduce((sum, t) => sum + (t.weight ?? 0), 0);
      for (const target of targets) {
        const weight = target.weight ?? 0;
        const label = `${resource.name}: ${percent(weight, total)} (weight ${weight})`;
        addEdge(diagram, from, idOf(diagram, 'node', target.virtualNode ?? ''), label);
      }
      break;
    }
    case 'virtualNode': {
      for (const backend of resource.input.spec?.backends ?? []) {
        const name = backend.virtualService?.virtualServiceName;
        if (name)
          addEdge(
            diagram,
            idOf(diagram, 'node', resource.name),
            idOf(diagram, 'service', name),
            undefined,
            'dashed',
          );
      }
      break;
    }
    default:
      break;
  }
}

function gatewayRouteKey(resource: PlannedResource<'gatewayRoute'>): string {
  return `${resource.input.virtualGatewayName}/${resource.name}`;
}

function gatewayRouteTarget(spec: GatewayRouteSpec | undefined): string | undefined {
  const route = spec?.httpRoute ?? spec?.http2Route ?? spec?.grpcRoute;
  return route?.action?.target?.virtualService?.virtualServiceName;
}

function weightedTargets(spec: RouteSpec | undefined) {
  const route = spec?.httpRoute ?? spec?.http2Route ?? spec?.grpcRoute ?? spec?.tcpRoute;
  return route?.action?.weightedTargets ?? [];
}

/** `prefix /router`, `path /exact`, `hostname *.example.com`, `grpc service X`: what the gateway route matches. */
function matchOf(spec: GatewayRouteSpec | undefined): string | undefined {
  const http = (spec?.httpRoute ?? spec?.http2Route)?.match;
  if (http) {
    const parts = [
      http.method,
      http.prefix !== undefined ? `prefix ${http.prefix}` : undefined,
      http.path?.exact !== undefined ? `path ${http.path.exact}` : undefined,
      http.path?.regex !== undefined ? `path ~ ${http.path.regex}` : undefined,
      http.hostname?.exact !== undefined ? `host ${http.hostname.exact}` : undefined,
      http.hostname?.suffix !== undefined ? `host *${http.hostname.suffix}` : undefined,
    ];
    return parts.filter((p) => p !== undefined).join(' ') || undefined;
  }
  const grpc = spec?.grpcRoute?.match;
  return grpc?.serviceName ? `grpc ${grpc.serviceName}` : undefined;
}

function percent(weight: number, total: number): string {
  if (total === 0) return '0%';
  const value = Math.round((weight / total) * 1000) / 10;
  return `${value}%`;
}

/** Mermaid labels sit in double quotes; entity codes keep quotes and angle brackets literal. */
function escapeLabel(text: string): string {
  return text
    .replaceAll('#', '#35;')
    .replaceAll('"', '#quot;')
    .replaceAll('<', '#lt;')
    .replaceAll('>', '#gt;');
}

interface Diagram {
  /** shape:key -> Mermaid id */
  readonly ids: Map<string, string>;
  /** Mermaid id -> declaration line, in first-seen order. */
  readonly nodes: Map<string, string>;
  readonly edges: string[];
}

function newDiagram(): Diagram {
  return { ids: new Map(), nodes: new Map(), edges: [] };
}

/** A stable Mermaid id for a resource: `node_red`, `service_red_colors_local`. */
function idOf(diagram: Diagram, shape: Shape, key: string): string {
  const known = diagram.ids.get(`${shape}:${key}`);
  if (known) return known;
  const base = `${shape}_${key.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '')}`;
  let id = base;
  for (let n = 2; diagram.nodes.has(id); n++) id = `${base}_${n}`;
  diagram.ids.set(`${shape}:${key}`, id);
  // Something referenced but not in the plan (a backend outside the mesh) still gets a box.
  diagram.nodes.set(id, `  ${id}${SHAPES[shape](escapeLabel(key))}`);
  return id;
}

function addNode(diagram: Diagram, shape: Shape, key: string, label: string, detail?: string): void {
  const id = idOf(diagram, shape, key);
  const text = detail ? `${escapeLabel(label)}<br/>${escapeLabel(detail)}` : escapeLabel(label);
  diagram.nodes.set(id, `  ${id}${SHAPES[shape](text)}`);
}

function addEdge(
  diagram: Diagram,
  from: string,
  to: string,
  label?: string,
  style: 'solid' | 'dashed' = 'solid',
): void {
  if (style === 'dashed') diagram.edges.push(`  ${from} -.-> ${to}`);
  else if (label) diagram.edges.push(`  ${from} -- "${escapeLabel(label)}" --> ${to}`);
  else diagram.edges.push(`  ${from} --> ${to}`);
}

function diagramText(diagram: Diagram, meshName: string): string {
  const header = [`%% Mesh ${meshName}, generated by appmesh-builder.`, 'flowchart LR'];
  return [...header, ...diagram.nodes.values(), ...diagram.edges, ''].join('\n');
}
