/**
 * The traffic simulator: curl from inside a virtual node's task, or at a virtual gateway, and see
 * what the mesh answers, why a request fails, and how traffic splits over many requests. Every
 * random choice (weighted targets, endpoints) comes from one seeded stream: the same seed and the
 * same calls give the same answers.
 */
import { type Chooser, seededChooser } from './choice.js';
import { requestAtGateway, requestFromNode } from './forward.js';
import { type GatewayEntry, indexMeshView, type MeshIndex, type NodeEntry } from './mesh-index.js';
import type { MeshView } from './mesh-view.js';
import { computeReachability, type ReachabilityMatrix } from './reachability.js';
import { parseRequest, type RequestOptions, type SimRequest } from './request.js';
import type { FailureReason, SimResult } from './result.js';

export interface SimulatorOptions {
  /** Seeds the random choices; the default is 1. */
  readonly seed?: number | string;
}

export interface SampleOptions extends RequestOptions {
  /** GET by default. */
  readonly method?: string;
}

/** How `n` identical requests came out. */
export interface SampleResult {
  readonly total: number;
  /** By response body (the answering app's color). */
  readonly answers: Readonly<Record<string, number>>;
  /** Only the reasons that occurred. */
  readonly failures: Readonly<Partial<Record<FailureReason, number>>>;
}

/** Where requests come from: a virtual node's task, or a virtual gateway. */
export interface Caller {
  get(url: string, options?: RequestOptions): SimResult;
  request(method: string, url: string, options?: RequestOptions): SimResult;
  sample(url: string, n: number, options?: SampleOptions): SampleResult;
}

export interface Simulator {
  readonly meshName: string;
  /** Requests sent by the app of the virtual node's task. Throws for a node the mesh does not have. */
  from(node: string): Caller;
  /**
   * Requests arriving at the virtual gateway. A path alone (`/router`) goes to its first listener's
   * port, with the gateway's name as the host. Throws for a gateway the mesh does not have.
   */
  gateway(name: string): Caller;
  /** Which node (with a running task) and which gateway reaches which virtual service. */
  reachability(): ReachabilityMatrix;
}

/** Sends one parsed request; builds a trace into `hops` when given. */
export type Send = (request: SimRequest, chooser: Chooser, hops: string[] | undefined) => SimResult;

export function createSimulator(view: MeshView, options: SimulatorOptions = {}): Simulator {
  const index = indexMeshView(view);
  const chooser = seededChooser(options.seed ?? 1);
  return {
    meshName: index.meshName,
    from(nodeName) {
      const node = lookup(index.nodes, nodeName, 'virtual node', index);
      return callerOf(
        (request, choose, hops) => requestFromNode(index, node, request, choose, hops),
        chooser,
        (url) => url,
      );
    },
    gateway(gatewayName) {
      const gateway = lookup(index.gateways, gatewayName, 'virtual gateway', index);
      return callerOf(
        (request, choose, hops) => requestAtGateway(index, gateway, request, choose, hops),
        chooser,
        (url) => gatewayUrl(gateway, url),
      );
    },
    reachability: () => computeReachability(index),
  };
}

/** A Caller over `send`: one request, or n of them counted by answer and failure. */
export function callerOf(
  send: Send,
  chooser: Chooser,
  toUrl: (url: string) => string = (url) => url,
): Caller {
  const request = (method: string, url: string, options?: RequestOptions): SimResult =>
    send(parseRequest(method, toUrl(url), options), chooser, []);
  return {
    request,
    get: (url, options) => request('GET', url, options),
    sample(url, n, options = {}) {
      const parsed = parseRequest(options.method ?? 'GET', toUrl(url), options);
      const answers: Record<string, number> = {};
      const failures: Partial<Record<FailureReason, number>> = {};
      for (let i = 0; i < n; i++) {
        const result = send(parsed, chooser, undefined);
        if (result.ok) answers[result.body] = (answers[result.body] ?? 0) + 1;
        else failures[result.reason] = (failures[result.reason] ?? 0) + 1;
      }
      return { total: n, answers, failures };
    },
  };
}

function gatewayUrl(gateway: GatewayEntry, url: string): string {
  if (!url.startsWith('/')) return url;
  const port = gateway.defaultPort ?? 80;
  return `http://${gateway.name}${port === 80 ? '' : `:${port}`}${url}`;
}

function lookup<T extends NodeEntry | GatewayEntry>(
  entries: ReadonlyMap<string, T>,
  name: string,
  what: string,
  index: MeshIndex,
): T {
  const entry = entries.get(name);
  if (entry === undefined) {
    const known = [...entries.keys()].sort().join(', ') || 'none';
    throw new Error(
      `Mesh ${index.meshName} has no ${what} named ${JSON.stringify(name)} (it has: ${known}).`,
    );
  }
  return entry;
}
