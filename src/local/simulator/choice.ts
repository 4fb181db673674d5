/**
 * Every random decision a request takes (which weighted target, which endpoint) goes through a
 * Chooser: seeded for requests and samples, exhaustive for the reachability matrix.
 */
import { seededRandom } from '../seeded-random.js';

export interface Chooser {
  /** An index drawn in proportion to `weights`; -1 when every weight is 0. */
  weighted(weights: readonly number[]): number;
  /** An index in [0, count); count is at least 1. */
  uniform(count: number): number;
}

/** Seeded draws (mulberry32): the same seed gives the same choices. */
export function seededChooser(seed: number | string): Chooser {
  const next = seededRandom(typeof seed === 'number' ? seed : hashSeed(seed));
  return {
    weighted(weights) {
      let total = 0;
      for (const w of weights) total += w;
      if (total <= 0) return -1;
      let point = next() * total;
      for (let i = 0; i < weights.length; i++) {
        point -= weights[i] as number;
        if (point < 0 && (weights[i] as number) > 0) return i;
      }
      // Rounding left a sliver at the end: the last target with weight.
      for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] as number) > 0) return i;
      return -1;
    },
    uniform(count) {
      return count <= 1 ? 0 : Math.floor(next() * count);
    },
  };
}

function hashSeed(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Runs `attempt` once for every combination of choices that can happen (weights above 0), up to
 * `limit` runs: depth-first, each run replaying a prefix of choices and taking the first option
 * at every new decision.
 */
export function everyOutcome<T>(attempt: (chooser: Chooser) => T, limit = 1000): T[] {
  const results: T[] = [];
  const pending: number[][] = [[]];
  while (pending.length > 0 && results.length < limit) {
    const prefix = pending.pop() as number[];
    const path: number[] = [];
    const decide = (options: readonly number[]): number => {
      const depth = path.length;
      const chosen = depth < prefix.length ? (prefix[depth] as number) : (options[0] ?? -1);
      if (depth >= prefix.length) {
        for (const other of options.slice(1)) pending.push([...path, other]);
      }
      path.push(chosen);
      return chosen;
    };
    results.push(
      attempt({
        weighted: (weights) => decide(weights.flatMap((w, i) => (w > 0 ? [i] : []))),
        uniform: (count) => decide(Array.from({ length: Math.max(count, 1) }, (_, i) => i)),
      }),
    );
  }
  return results;
}
