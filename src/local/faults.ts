/**
 * Fault injection: latency, throttling, a failing Nth call, transport errors (before or after the
 * call took effect), and an eventual-consistency window. Seeded, so a failing run replays exactly.
 */
import type { TransportErrorKind } from './network-errors.js';
import { seededRandom } from './seeded-random.js';

export type { TransportErrorKind };

export interface FailCallRule {
  /** `CreateVirtualNode`, or with its service `appMesh:CreateVirtualNode`; omit to count every call. */
  readonly command?: string;
  /** Count only write calls (anything but Describe/Get/List/Discover). */
  readonly writesOnly?: boolean;
  /** Fail the nth matching call (1-based); the call has no effect unless `afterEffect`. */
  readonly nth: number;
  /**
   * The call takes effect and then fails, as when a response is lost: AWS did the work, the
   * caller sees an error.
   */
  readonly afterEffect?: boolean;
  /** The error to raise; by default the service's own 5xx error. */
  readonly error?: () => Error;
}

export interface FaultOptions {
  /** Seed of every random choice below. */
  readonly seed?: number;
  /** Added to every call: a fixed delay, or a seeded uniform one between min and max. */
  readonly latencyMs?: number | { readonly min: number; readonly max: number };
  /** Share of calls (0..1) answered with the service's own throttling error. */
  readonly throttleRate?: number;
  readonly failCalls?: readonly FailCallRule[];
  /** For this long after its creation a resource is not found by reads and references. */
  readonly consistencyWindowMs?: number;
  /** Share of calls (0..1) lost on the way to the service: no effect, the client sees a transport error. */
  readonly transportErrorRate?: number;
  /**
   * Share of calls (0..1) whose response is lost: the call takes effect (and is saved), then the
   * client sees a transport error instead of the answer, as when a connection drops mid-response.
   */
  readonly lostResponseRate?: number;
  /** The calls the two rates above draw for. Default `all`. */
  readonly transportErrorCalls?: 'writes' | 'reads' | 'all';
  /** The errors a transport fault raises, one drawn per fault. Default all three. */
  readonly transportErrorKinds?: readonly TransportErrorKind[];
}

/** A transport fault drawn for one call: whether the call took effect first, and the error the client sees. */
export interface TransportFault {
  readonly tookEffect: boolean;
  readonly kind: TransportErrorKind;
}

const ALL_TRANSPORT_ERRORS: readonly TransportErrorKind[] = ['timeout', 'connectionReset', 'serverError'];

export interface CallFacts {
  readonly service: string;
  readonly command: string;
  readonly write: boolean;
}

/** The faults in force, with their counters. */
export class FaultInjector {
  readonly options: FaultOptions;
  readonly #random: () => number;
  readonly #matches: number[];

  constructor(options: FaultOptions = {}) {
    for (const rule of options.failCalls ?? []) {
      if (!Number.isInteger(rule.nth) || rule.nth < 1) {
        throw new RangeError(`failCalls: expected nth to be an integer >= 1, received ${rule.nth}`);
      }
    }
    for (const name of ['throttleRate', 'transportErrorRate', 'lostResponseRate'] as const) {
      const rate = options[name] ?? 0;
      if (!(rate >= 0 && rate <= 1)) throw new RangeError(`${name}: expected 0..1, received ${rate}`);
    }
    if (options.transportErrorKinds?.length === 0) {
      throw new RangeError('transportErrorKinds: expected at least one kind, received none');
    }
    this.options = options;
    this.#random = seededRandom(options.seed ?? 1);
    this.#matches = (options.failCalls ?? []).map(() => 0);
  }

  /** Milliseconds to wait before answering this call. */
  latency(): number {
    const latency = this.options.latencyMs ?? 0;
    if (typeof latency === 'number') return latency;
    return latency.min + this.#random() * (latency.max - latency.min);
  }

  throttles(): boolean {
    const rate = this.options.throttleRate ?? 0;
    return rate > 0 && this.#random() < rate;
  }

  /** The rule that fails this call, if any; counts the call against every rule it matches. */
  failingRule(call: CallFacts): FailCallRule | undefined {
    let failing: FailCallRule | undefined;
    (this.options.failCalls ?? []).forEach((rule, index) => {
      if (rule.writesOnly === true && !call.write) return;
      if (
        rule.command !== undefined &&
        rule.command !== call.command &&
        rule.command !== `${call.service}:${call.command}`
      ) {
        return;
      }
      const count = (this.#matches[index] ?? 0) + 1;
      this.#matches[index] = count;
      if (count === rule.nth) failing ??= rule;
    });
    return failing;
  }

  /**
   * The transport fault of this call, if one is drawn. Draws only when a rate is set, so the
   * other faults of a seed stay the same without these.
   */
  transportFault(call: CallFacts): TransportFault | undefined {
    const calls = this.options.transportErrorCalls ?? 'all';
    if (calls === 'writes' && !call.write) return undefined;
    if (calls === 'reads' && call.write) return undefined;
    const before = this.options.transportErrorRate ?? 0;
    const after = this.options.lostResponseRate ?? 0;
    if (before > 0 && this.#random() < before) return { tookEffect: false, kind: this.#transportErrorKind() };
    if (after > 0 && this.#random() < after) return { tookEffect: true, kind: this.#transportErrorKind() };
    return undefined;
  }

  #transportErrorKind(): TransportErrorKind {
    const kinds = this.options.transportErrorKinds ?? ALL_TRANSPORT_ERRORS;
    return kinds[Math.floor(this.#random() * kinds.length)] as TransportErrorKind;
  }

  consistencyWindowMs(): number {
    return this.options.consistencyWindowMs ?? 0;
  }
}
