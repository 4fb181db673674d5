/**
 * What moving a mesh from App Mesh to ECS Service Connect (with its routers on VPC Lattice, when
 * the view has a Lattice part) changes for its applications: the same requests go through both
 * simulators, from every caller (a node with a running task on either side; a Service Connect plan
 * names the node's ECS service after it, with a suffix) to every URL (each virtual service name on
 * each port its provider listens on, each Service Connect endpoint name, and each VPC Lattice
 * service's custom domain name and DNS name on each listener port), and every (caller, URL) whose
 * outcome changes is listed with both sides' counts.
 */

import { DEFAULT_NAME_SUFFIX } from '../../targets/service-connect/green-names.js';
import type { LatticeIndex } from './lattice-index.js';
import { indexMeshView, type MeshIndex } from './mesh-index.js';
import type { MeshView } from './mesh-view.js';
import type { SimFailure } from './result.js';
import {
  findServiceConnectService,
  indexServiceConnectView,
  type ServiceConnectIndex,
} from './service-connect-index.js';
import { createServiceConnectSimulator, urlOf } from './service-connect-simulator.js';
import type { ServiceConnectView } from './service-connect-view.js';
import { type Caller, createSimulator, type SampleResult } from './simulator.js';

export type BehaviourChangeKind =
  /** App Mesh refused every request (not a backend, egress filter, no DNS); the other side answers. */
  | 'newly-reachable'
  /** App Mesh answered; the other side answers none. */
  | 'unreachable'
  /** Both answer, but no answer is common to both sides. */
  | 'different-answer'
  /** Both answer, with an answer in common, but some answer's (or failure's) share moved. */
  | 'different-distribution';

export interface BehaviourChange {
  /**
   * The node's name (under Service Connect, its ECS service is named after it, with the plan's
   * suffix); a Service Connect service that no node matches goes by its own name.
   */
  readonly caller: string;
  readonly url: string;
  readonly change: BehaviourChangeKind;
  readonly appMesh: SampleResult;
  readonly serviceConnect: SampleResult;
  /** One line: what each side does. */
  readonly reason: string;
}

export interface BehaviourDiff {
  /** What App Mesh is compared with: `Service Connect`, `Service Connect + VPC Lattice` or `VPC Lattice`. */
  readonly to?: string;
  readonly samples: number;
  readonly seed: number | string;
  /** Every caller tried, sorted. */
  readonly callers: readonly string[];
  /** Every URL tried, sorted. */
  readonly urls: readonly string[];
  /** Sorted by caller, then URL. */
  readonly changes: readonly BehaviourChange[];
}

export interface BehaviourDiffOptions {
  /** Requests per (caller, URL) and side. @default 1000 */
  readonly samples?: number;
  /** Seeds both simulators. @default 1 */
  readonly seed?: number | string;
  /**
   * The suffix the Service Connect plan added to its ECS service names
   * (`ServiceConnectOptions.nameSuffix`), to match each node with its service. @default '-sc'
   */
  readonly nameSuffix?: string;
  /**
   * How far a share must move (0 to 1) to count as a different distribution; it must also be
   * beyond sampling noise (four standard errors). @default 0.05
   */
  readonly tolerance?: number;
}

const DEFAULT_SAMPLES = 1000;
const DEFAULT_TOLERANCE = 0.05;
/** Standard errors a share must move by, so that two samples of one distribution rarely differ. */
const NOISE_SIGMAS = 4;

export function diffBehaviour(
  appMeshView: MeshView,
  serviceConnectView: ServiceConnectView,
  options: BehaviourDiffOptions = {},
): BehaviourDiff {
  const samples = options.samples ?? DEFAULT_SAMPLES;
  const seed = options.seed ?? 1;
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const meshIndex = indexMeshView(appMeshView);
  const scIndex = indexServiceConnectView(serviceConnectView);

  const callers = matchCallers(meshIndex, scIndex, options.nameSuffix ?? DEFAULT_NAME_SUFFIX);
  const urls = sorted([
    ...virtualServiceUrls(meshIndex),
    ...[...scIndex.endpoints.values()].flat().map((e) => urlOf(e.host, e.port)),
    ...latticeUrls(scIndex.lattice),
  ]);
  const onLattice = (scIndex.lattice?.services.length ?? 0) > 0;
  const onServiceConnect = serviceConnectView.services.some(
    (service) => service.serviceConnectConfiguration?.enabled === true,
  );
  const to = !onLattice
    ? 'Service Connect'
    : onServiceConnect
      ? 'Service Connect + VPC Lattice'
      : 'VPC Lattice';

  // Samples and explanations draw from separate streams: explaining one pair leaves the others' samples as they are.
  const sides = {
    appMesh: side('App Mesh', createSimulator(appMeshView, { seed }), createSimulator(appMeshView, { seed })),
    serviceConnect: side(
      to,
      createServiceConnectSimulator(serviceConnectView, { seed, nameSuffix: '' }),
      createServiceConnectSimulator(serviceConnectView, { seed, nameSuffix: '' }),
    ),
  };

  const changes: BehaviourChange[] = [];
  for (const caller of callers) {
    for (const url of urls) {
      const appMesh = sides.appMesh.sample(caller.appMesh, url, samples);
      const serviceConnect = sides.serviceConnect.sample(caller.serviceConnect, url, samples);
      const change = classify(appMesh, serviceConnect, tolerance);
      if (change === undefined) continue;
      const reason = `App Mesh: ${sides.appMesh.explain(caller.appMesh, url, appMesh)}; ${to}: ${sides.serviceConnect.explain(caller.serviceConnect, url, serviceConnect)}`;
      changes.push({ caller: caller.name, url, change, appMesh, serviceConnect, reason });
    }
  }
  return { to, samples, seed, callers: callers.map((c) => c.name), urls, changes };
}

interface Side {
  /** `caller` undefined: this side has no such caller, so nothing is sent. */
  sample(caller: string | undefined, url: string, n: number): SampleResult;
  /** The answers' shares, and why requests fail (the first failure's message). */
  explain(caller: string | undefined, url: string, result: SampleResult): string;
}

interface FromCaller {
  from(name: string): Caller;
}

function side(label: string, sampler: FromCaller, explainer: FromCaller): Side {
  const callerOf = (simulator: FromCaller, name: string | undefined): Caller | undefined =>
    name === undefined ? undefined : simulator.from(name);
  return {
    sample(caller, url, n) {
      const from = callerOf(sampler, caller);
      if (from === undefined) return { total: n, answers: {}, failures: { NOT_RUNNING: n } };
      return from.sample(url, n);
    },
    explain(caller, url, result) {
      const parts = Object.entries(result.answers)
        .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
        .map(([answer, count]) => `${answer} ${percent(count, result.total)}`);
      const failed = Object.values(result.failures).reduce((sum, count) => sum + (count ?? 0), 0);
      if (failed === 0) return parts.join(', ');
      const from = callerOf(explainer, caller);
      const failure = from === undefined ? undefined : firstFailure(from, url);
      const why =
        from === undefined
          ? `NOT_RUNNING (${label} has no such caller)`
          : failure === undefined
            ? Object.keys(result.failures).join(', ')
            : `${failure.reason} (${failure.message})`;
      return [
        ...parts,
        `fails ${parts.length === 0 ? '' : `${percent(failed, result.total)} `}with ${why}`,
      ].join(', ');
    },
  };
}

/** The first failure among a few tries: a request that sometimes fails may answer on the first. */
function firstFailure(caller: Caller, url: string): SimFailure | undefined {
  for (let i = 0; i < 100; i++) {
    const result = caller.get(url);
    if (!result.ok) return result;
  }
  return undefined;
}

function classify(
  appMesh: SampleResult,
  serviceConnect: SampleResult,
  tolerance: number,
): BehaviourChangeKind | undefined {
  const before = answered(appMesh);
  const after = answered(serviceConnect);
  if (before === 0 && after === 0) return undefined;
  if (before === 0) return 'newly-reachable';
  if (after === 0) return 'unreachable';
  const common = Object.keys(appMesh.answers).some((answer) => (serviceConnect.answers[answer] ?? 0) > 0);
  if (!common) return 'different-answer';
  const outcomes = new Set([...Object.keys(appMesh.answers), ...Object.keys(serviceConnect.answers)]);
  const shares = (result: SampleResult, outcome: string | undefined): number =>
    (outcome === undefined ? result.total - answered(result) : (result.answers[outcome] ?? 0)) / result.total;
  for (const outcome of [...outcomes, undefined]) {
    const a = shares(appMesh, outcome);
    const b = shares(serviceConnect, outcome);
    const pooled = (a * appMesh.total + b * serviceConnect.total) / (appMesh.total + serviceConnect.total);
    const noise =
      NOISE_SIGMAS * Math.sqrt(pooled * (1 - pooled) * (1 / appMesh.total + 1 / serviceConnect.total));
    const moved = Math.abs(a - b);
    if (moved > tolerance && moved > noise) return 'different-distribution';
  }
  return undefined;
}

function answered(result: SampleResult): number {
  let total = 0;
  for (const count of Object.values(result.answers)) total += count;
  return total;
}

interface CallerPair {
  /** The node's name; a Service Connect service no node matches goes by its own. */
  readonly name: string;
  /** The virtual node, when the App Mesh view has it. */
  readonly appMesh: string | undefined;
  /** The ECS service, when the Service Connect view has it. */
  readonly serviceConnect: string | undefined;
}

/**
 * Each node with its ECS service under Service Connect (named after the node, maybe with the
 * plan's suffix), kept when either side runs a task of it; then the Service Connect services with
 * tasks that no node matched.
 */
function matchCallers(mesh: MeshIndex, sc: ServiceConnectIndex, nameSuffix: string): CallerPair[] {
  const matched = new Set<string>();
  const pairs: CallerPair[] = [];
  for (const node of mesh.nodes.values()) {
    const service = findServiceConnectService(sc, node.name, nameSuffix);
    if (service !== undefined) matched.add(service.name);
    if (node.tasks.length > 0 || (service?.tasks.length ?? 0) > 0) {
      pairs.push({ name: node.name, appMesh: node.name, serviceConnect: service?.name });
    }
  }
  for (const service of sc.services.values()) {
    if (matched.has(service.name) || service.tasks.length === 0) continue;
    pairs.push({ name: service.name, appMesh: undefined, serviceConnect: service.name });
  }
  return pairs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Each virtual service on each port its provider (node or router) listens on. */
function virtualServiceUrls(index: MeshIndex): string[] {
  return [...index.services.values()].flatMap((service) => {
    const provider = service.provider;
    const listeners =
      provider.kind === 'virtualNode'
        ? index.nodes.get(provider.name)?.listeners
        : provider.kind === 'virtualRouter'
          ? index.routers.get(provider.name)?.listeners
          : undefined;
    const ports = listeners === undefined || listeners.size === 0 ? [80] : [...listeners.keys()];
    const host = service.name.toLowerCase();
    // App Mesh takes any text as a name; one that no URL can carry cannot be requested: left out.
    return ports.map((port) => urlOf(host, port)).filter((url) => hostnameOf(url) === host);
  });
}

/** Each Lattice service's names (custom domain name, AWS's DNS name) on each of its listener ports. */
function latticeUrls(lattice: LatticeIndex | undefined): string[] {
  return (lattice?.services ?? []).flatMap((entry) =>
    entry.hosts.flatMap((host) =>
      [...entry.listeners.keys()].map((port) => urlOf(host, port)).filter((url) => hostnameOf(url) === host),
    ),
  );
}

function hostnameOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

function percent(count: number, total: number): string {
  return `${Math.round((count / total) * 100)}%`;
}

function sorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
