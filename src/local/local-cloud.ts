/**
 * The local cloud: an in-process AWS control plane for App Mesh, Cloud Map, ECS, IAM, EC2,
 * ELBv2, VPC Lattice and CloudWatch Logs, behind the real SDK v3 clients. It answers inside the SDK's
 * middleware stack, after serialisation and the retry middleware (before signing, which it would
 * not check), so code under test uses the same clients, the same retry strategy and the same
 * exception classes as against AWS.
 */

import { randomUUID } from 'node:crypto';
import { type AwsClients, newClients } from '../clients.js';
import { sha256Hex } from '../sha256.js';
import { type Clock, ManualClock, realClock } from './clock.js';
import { DEFAULT_DELAYS, DEFAULT_QUOTAS } from './defaults.js';
import { FaultInjector, type FaultOptions, type TransportFault } from './faults.js';
import { connectionReset, socketTimeout } from './network-errors.js';
import { SERVICES } from './services/index.js';
import { readStateFile, type SavedState, writeStateFile } from './state-file.js';
import { UNSENT_REQUESTS } from './unsent-requests.js';
import {
  type CloudState,
  type Delays,
  type InternalApis,
  isWriteCommand,
  type Quotas,
  type ScheduledEvent,
  type ServiceDefinition,
  type ServiceKey,
  type World,
} from './world.js';

export interface LocalCloudOptions {
  readonly region?: string;
  readonly accountId?: string;
  /** Real time by default; pass a `ManualClock` to move time by hand. */
  readonly clock?: Clock;
  readonly delays?: Partial<Delays>;
  /**
   * App Mesh quotas as raised in Service Quotas (all adjustable but weighted targets per route):
   * `{ servicesPerMesh: 400 }`. Creates beyond a quota fail with LimitExceededException, like AWS.
   */
  readonly quotas?: Partial<Quotas>;
  readonly faults?: FaultOptions;
  /** Load the cloud from this file if it exists, and save it after every write call. */
  readonly stateFile?: string;
}

export { DEFAULT_DELAYS, DEFAULT_QUOTAS };

export interface CallRecord {
  readonly service: ServiceKey;
  readonly command: string;
  readonly write: boolean;
  /** The AWS error name when the call failed. */
  readonly error?: string;
  /** The call took effect, but its response was lost: the client saw `error` instead. */
  readonly lostResponse?: true;
}

/** Plain data of every resource, by service; see each service's `snapshot`. */
export type CloudSnapshot = { readonly [K in ServiceKey]: Record<string, unknown> };

// biome-ignore lint/suspicious/noExplicitAny: the SDK's middleware types differ per client.
type AnyMiddleware = (next: any, context: any) => (args: any) => Promise<any>;

/** What the clients' middleware stack needs from a client, whatever its service. */
interface MiddlewareClient {
  middlewareStack: {
    addRelativeTo(
      middleware: AnyMiddleware,
      options: { relation: 'after'; toMiddleware: 'retryMiddleware'; name: string; override: boolean },
    ): void;
    add(
      middleware: AnyMiddleware,
      options: { step: 'initialize'; priority: 'low'; name: string; override: boolean },
    ): void;
  };
}

interface CoreState {
  /** Tells this cloud from any other: its clients' endpoint names it, so a journal knows which cloud it was written for. */
  cloudId: string;
  idUses: Record<string, number>;
  events: ScheduledEvent[];
  nextSeq: number;
}

const MIDDLEWARE_NAME = 'appmeshBuilderLocalCloud';
/** The clients need credentials to sign; these never leave the process. */
const LOCAL_CREDENTIALS = Object.freeze({
  accessKeyId: 'LOCALCLOUD',
  secretAccessKey: 'local-cloud-not-a-secret',
});

export class LocalCloud {
  readonly region: string;
  readonly accountId: string;
  readonly clock: Clock;
  readonly delays: Delays;
  readonly quotas: Quotas;
  readonly #stateFile: string | undefined;
  readonly #byClient = new Map<string, ServiceDefinition<ServiceKey>>();
  readonly #byKey = new Map<ServiceKey, ServiceDefinition<ServiceKey>>();
  #faults: FaultInjector;
  #state!: CloudState;
  #core!: CoreState;
  #world!: World;
  #log: CallRecord[] = [];
  #counts = new Map<string, number>();
  #listeners = new Set<(call: CallRecord) => void>();
  #requests = 0;

  constructor(options: LocalCloudOptions = {}) {
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    this.clock = options.clock ?? realClock;
    this.delays = Object.freeze({ ...DEFAULT_DELAYS, ...options.delays });
    this.quotas = Object.freeze({ ...DEFAULT_QUOTAS, ...options.quotas });
    this.#faults = new FaultInjector(options.faults);
    this.#stateFile = options.stateFile;
    for (const service of SERVICES) {
      this.#byClient.set(service.clientName, service);
      this.#byKey.set(service.key, service);
    }
    const saved = this.#stateFile === undefined ? undefined : readStateFile(this.#stateFile);
    if (saved === undefined) this.reset();
    else this.importState(saved);
  }

  /** Routes every call of this client to the local cloud. Returns the same client. */
  connect<C extends MiddlewareClient>(client: C): C {
    // Right after the SDK's retries (so they still retry throttling and 5xx) and before signing:
    // the local cloud checks no signature, and signing is half of the SDK's cost per call.
    client.middlewareStack.addRelativeTo(this.#answering(), {
      relation: 'after',
      toMiddleware: 'retryMiddleware',
      name: MIDDLEWARE_NAME,
      override: true,
    });
    return client;
  }

  /** Routes every call of this client to the local cloud as soon as it is sent (see `clients`'s `direct`). */
  #connectDirect<C extends MiddlewareClient>(client: C): C {
    // After the middleware added at the initialize step (a test's hooks), before all the SDK's own.
    client.middlewareStack.add(this.#answering(), {
      step: 'initialize',
      priority: 'low',
      name: MIDDLEWARE_NAME,
      override: true,
    });
    return client;
  }

  #answering(): AnyMiddleware {
    return (_next, context) => (args) => this.#answer(context, args.input);
  }

  /**
   * Client settings for the local cloud: its region, throwaway credentials (never the default
   * chain) and an endpoint that names this cloud. The endpoint is never dialled (the cloud answers
   * before a request is signed or sent; were it bypassed, `.invalid` resolves nowhere, so nothing
   * reaches AWS); it tells one cloud from another, as a real endpoint tells AWS from an emulator.
   */
  clientConfig(): {
    region: string;
    endpoint: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  } {
    return {
      region: this.region,
      endpoint: `https://${this.#core.cloudId}.local-cloud.invalid`,
      credentials: { ...LOCAL_CREDENTIALS },
    };
  }

  /**
   * New SDK clients connected to this cloud; `config` is passed to each. They resolve each
   * command's middleware stack once (`cacheMiddleware`): add any middleware before the first call.
   *
   * `direct: true` answers each call as soon as it is sent, before the SDK's endpoint resolution,
   * serialisation and retries (none of them runs; a middleware added after the initialize step
   * neither): about a third less CPU per call, for tests of code that does its own retrying,
   * where what the SDK does with a request does not matter.
   */
  clients(config: { maxAttempts?: number; direct?: boolean } = {}): AwsClients {
    const { direct = false, ...sdkConfig } = config;
    const clients = newClients({
      ...this.clientConfig(),
      cacheMiddleware: true,
      requestHandler: UNSENT_REQUESTS,
      ...sdkConfig,
    });
    for (const client of Object.values(clients)) {
      if (direct) this.#connectDirect(client);
      else this.connect(client);
    }
    return clients;
  }

  /** Replaces the faults in force (and their counters). */
  setFaults(options: FaultOptions): void {
    this.#faults = new FaultInjector(options);
  }

  /** The VPC and subnets the cloud starts with, for definitions that need real-looking ids. */
  defaultNetwork(): { readonly vpcId: string; readonly subnetIds: readonly string[] } {
    return this.#world.internal.ec2.defaultNetwork();
  }

  /**
   * Makes the VPCs and subnets a definition names, if missing: they stand for the account's
   * network, which a plan uses but never creates. Subnets go into the first VPC.
   */
  ensureNetwork(network: {
    readonly vpcIds: readonly string[];
    readonly subnetIds: readonly string[];
  }): void {
    this.#world.internal.ec2.adoptNetwork(network.vpcIds, network.subnetIds);
    this.#save();
  }

  /** Every resource as plain data (no timestamps, tokens or operation history). */
  snapshot(): CloudSnapshot {
    this.#runDueEvents();
    const snapshot = {} as Record<ServiceKey, Record<string, unknown>>;
    for (const service of SERVICES)
      snapshot[service.key] = structuredClone(service.snapshot(this.#state[service.key] as never));
    return snapshot;
  }

  /** Calls made so far, by `<service>:<command>` (`appMesh:CreateMesh`), failed ones included. */
  calls(): Record<string, number> {
    return Object.fromEntries([...this.#counts].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  callLog(): readonly CallRecord[] {
    return this.#log;
  }

  /** Told of every call once it is answered; returns the function that stops it. */
  onCall(listener: (call: CallRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Back to a new cloud: no resources, no calls counted. Faults stay. */
  reset(): void {
    this.#state = Object.fromEntries(SERVICES.map((s) => [s.key, s.initialState()])) as unknown as CloudState;
    // Emptied, but still the same cloud (the same endpoint) as far as journals are concerned.
    this.#core = { cloudId: this.#core?.cloudId ?? randomUUID(), idUses: {}, events: [], nextSeq: 0 };
    this.#world = this.#makeWorld();
    this.#log = [];
    this.#counts.clear();
    this.#save();
  }

  /** Everything needed to continue later, as JSON-safe data. */
  exportState(): SavedState {
    return structuredClone({ core: this.#core, services: this.#state });
  }

  importState(saved: SavedState): void {
    this.#state = structuredClone(saved.services) as CloudState;
    // A state file written before a service joined the local cloud starts that service empty.
    const state = this.#state as unknown as Record<ServiceKey, unknown>;
    for (const service of SERVICES) state[service.key] ??= service.initialState();
    this.#core = structuredClone(saved.core) as CoreState;
    // State files written before clouds had an id get one now (saved with the next write).
    this.#core.cloudId ??= randomUUID();
    this.#world = this.#makeWorld();
  }

  /** Work AWS still has to finish (tasks starting, operations running). */
  pendingEvents(): number {
    return this.#core.events.length;
  }

  /** Waits (or, on a ManualClock, moves time) until no asynchronous work is left. */
  async settle(): Promise<void> {
    this.#runDueEvents();
    for (let guard = 0; this.#core.events.length > 0 && guard < 100_000; guard++) {
      const wait = (this.#core.events[0] as ScheduledEvent).due - this.clock.now();
      if (wait > 0) {
        if (this.clock instanceof ManualClock) this.clock.advance(wait);
        else await sleep(wait);
      }
      this.#runDueEvents();
    }
  }

  async #answer(context: { clientName?: string; commandName?: string }, input: unknown) {
    const service = this.#byClient.get(context.clientName ?? '');
    const command = (context.commandName ?? '').replace(/Command$/, '');
    if (service === undefined)
      throw new Error(`The local cloud does not serve ${context.clientName} clients.`);
    const call = { service: service.key, command, write: isWriteCommand(command) };
    const latency = this.#faults.latency();
    if (latency > 0) await sleep(latency);
    this.#runDueEvents();
    let ran: { output: object; lostResponse?: Error };
    try {
      ran = this.#run(service, call, input);
    } catch (error) {
      this.#record(call, error instanceof Error ? error.name : 'Error');
      throw error;
    }
    // The write is done and saved; only the answer does not arrive.
    if (ran.lostResponse !== undefined) {
      this.#record(call, ran.lostResponse.name, true);
      throw ran.lostResponse;
    }
    this.#record(call, undefined);
    return {
      output: { ...ran.output, $metadata: { httpStatusCode: 200, requestId: this.#requestId() } },
      response: { statusCode: 200, headers: {} },
    };
  }

  #run(
    service: ServiceDefinition<ServiceKey>,
    call: { service: ServiceKey; command: string; write: boolean },
    input: unknown,
  ): { output: object; lostResponse?: Error } {
    const rule = this.#faults.failingRule(call);
    if (this.#faults.throttles()) throw service.throttled('Rate exceeded');
    const failure = () =>
      rule?.error?.() ?? service.internalFailure(`Injected failure of ${call.service}:${call.command}`);
    if (rule !== undefined && rule.afterEffect !== true) throw failure();
    const transport = this.#faults.transportFault(call);
    if (transport !== undefined && !transport.tookEffect) throw transportError(transport, service, call);
    const operation = service.operations[call.command];
    if (operation === undefined) {
      throw new Error(`The local cloud does not implement ${call.service}:${call.command}.`);
    }
    const output = structuredClone(operation(structuredClone(input), this.#world));
    if (call.write) this.#save();
    if (rule !== undefined) return { output, lostResponse: failure() };
    if (transport !== undefined) return { output, lostResponse: transportError(transport, service, call) };
    return { output };
  }

  #record(
    call: { service: ServiceKey; command: string; write: boolean },
    error: string | undefined,
    lostResponse = false,
  ): void {
    const key = `${call.service}:${call.command}`;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
    const record: CallRecord =
      error === undefined ? call : lostResponse ? { ...call, error, lostResponse } : { ...call, error };
    this.#log.push(record);
    for (const listener of this.#listeners) listener(record);
  }

  #runDueEvents(): void {
    const events = this.#core.events;
    let ran = false;
    while (events.length > 0 && (events[0] as ScheduledEvent).due <= this.clock.now()) {
      const event = events.shift() as ScheduledEvent;
      const key = event.type.slice(0, event.type.indexOf('.')) as ServiceKey;
      const run = this.#byKey.get(key)?.events[event.type];
      if (run === undefined) throw new Error(`The local cloud has no handler for event ${event.type}.`);
      run(this.#world, event.data);
      ran = true;
    }
    if (ran) this.#save();
  }

  #requestId(): string {
    this.#requests += 1;
    return `local-${this.#requests.toString(16).padStart(12, '0')}`;
  }

  /** The file gets the live state: writing it serialises, so no copy is needed first. */
  #save(): void {
    if (this.#stateFile !== undefined)
      writeStateFile(this.#stateFile, { core: this.#core, services: this.#state });
  }

  #makeWorld(): World {
    const cloud = this;
    const core = this.#core;
    const world: World = {
      region: this.region,
      accountId: this.accountId,
      delays: this.delays,
      quotas: this.quotas,
      state: this.#state,
      internal: {} as InternalApis,
      now: () => cloud.clock.now(),
      newId(prefix, key, hexDigits = 17) {
        const uses = (core.idUses[prefix + key] ?? 0) + 1;
        core.idUses[prefix + key] = uses;
        return prefix + sha256Hex(`${prefix}${key}#${uses}`).slice(0, hexDigits);
      },
      newUuid(key) {
        const hex = world.newId('uuid:', key, 32);
        const h = hex.slice(5);
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
      },
      schedule(delayMs, type, data) {
        const event: ScheduledEvent = { due: cloud.clock.now() + delayMs, seq: core.nextSeq++, type, data };
        const events = core.events;
        let at = events.length;
        while (at > 0 && (events[at - 1] as ScheduledEvent).due > event.due) at--;
        events.splice(at, 0, event);
      },
      visible(createdAt) {
        const window = cloud.#faults.consistencyWindowMs();
        return window <= 0 || cloud.clock.now() - createdAt >= window;
      },
    };
    const internal = world.internal as Record<ServiceKey, unknown>;
    for (const service of SERVICES) internal[service.key] = service.internal(world);
    return world;
  }
}

/** The error a client sees for a transport fault: the SDK's own for a dropped connection, or the service's 5xx. */
function transportError(
  fault: TransportFault,
  service: ServiceDefinition<ServiceKey>,
  call: { service: ServiceKey; command: string },
): Error {
  if (fault.kind === 'timeout') return socketTimeout();
  if (fault.kind === 'connectionReset') return connectionReset();
  return service.internalFailure(`Injected server error on ${call.service}:${call.command}`);
}

/** A new local cloud (the library's entry point exports an async one that loads this module first). */
export function createLocalCloud(options: LocalCloudOptions = {}): LocalCloud {
  return new LocalCloud(options);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
