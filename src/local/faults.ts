/**
 * Fault injection: latency, throttling, a failing Nth call, and an eventual-consistency window.
 * Seeded, so a failing run replays exactly.
 */
import { seededRandom } from './seeded-random.js';

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
}

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
    const rate = options.throttleRate ?? 0;
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`throttleRate: expected 0..1, received ${rate}`);
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

  consistencyWindowMs(): number {
    return this.options.consistencyWindowMs ?? 0;
  }
}
