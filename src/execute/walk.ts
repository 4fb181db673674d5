/**
 * Walks a dependency graph with bounded concurrency: a node starts as soon as everything it
 * waits for has succeeded. After the first failure (or an abort, or a stop) nothing new starts;
 * what is running finishes. Nodes that never started are reported as skipped.
 *
 * Among ready nodes, the one heading the longest chain of work still to do starts first
 * (critical-path list scheduling): with bounded concurrency, starting quick leaves before the
 * head of a slow chain (a Cloud Map namespace, a load balancer, then ECS services) makes the
 * whole walk finish later.
 */

export interface WalkNode {
  readonly id: string;
}

export type WalkOutcome<T> =
  | { readonly status: 'done'; readonly value: T }
  | { readonly status: 'failed'; readonly error: unknown }
  | { readonly status: 'skipped' };

export interface WalkOptions<N extends WalkNode> {
  readonly concurrency: number;
  /** Ids this node must wait for (its dependencies to create, its dependents to delete). */
  readonly waitsFor: (node: N) => readonly string[];
  readonly signal?: AbortSignal | undefined;
  /** Like `signal` for starting, but what runs is not cancelled: it finishes. */
  readonly stop?: AbortSignal | undefined;
  /** How long a node takes, roughly, in any unit: only used to pick which ready node starts first. Default 1. */
  readonly cost?: (node: N) => number;
}

export async function walk<N extends WalkNode, T>(
  nodes: readonly N[],
  run: (node: N) => Promise<T>,
  options: WalkOptions<N>,
): Promise<Map<string, WalkOutcome<T>>> {
  if (!(Number.isInteger(options.concurrency) && options.concurrency >= 1)) {
    throw new RangeError(`concurrency: expected an integer >= 1, received ${options.concurrency}`);
  }
  const known = new Set(nodes.map((n) => n.id));
  const waiting = new Map<string, number>();
  const dependents = new Map<string, N[]>();
  for (const node of nodes) {
    const prerequisites = options.waitsFor(node).filter((id) => known.has(id));
    waiting.set(node.id, prerequisites.length);
    for (const id of prerequisites) {
      const list = dependents.get(id);
      if (list === undefined) dependents.set(id, [node]);
      else list.push(node);
    }
  }

  const chain = chainCosts(nodes, dependents, options.cost ?? (() => 1));
  const order = new Map(nodes.map((n, i) => [n.id, i]));
  // Longest chain first; ties keep the given order, so that a walk of the same graph is the same walk.
  const before = (a: N, b: N) =>
    (chain.get(b.id) ?? 0) - (chain.get(a.id) ?? 0) || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0);
  const ready: N[] = [];
  const makeReady = (node: N) => {
    let at = ready.length;
    while (at > 0 && before(node, ready[at - 1] as N) < 0) at -= 1;
    ready.splice(at, 0, node);
  };
  const outcomes = new Map<string, WalkOutcome<T>>();
  for (const node of nodes) if (waiting.get(node.id) === 0) makeReady(node);
  let running = 0;
  let stopped = false;

  return new Promise((resolve) => {
    const finish = () => {
      for (const node of nodes) if (!outcomes.has(node.id)) outcomes.set(node.id, { status: 'skipped' });
      resolve(outcomes);
    };
    const pump = () => {
      if (options.signal?.aborted || options.stop?.aborted) stopped = true;
      while (!stopped && running < options.concurrency && ready.length > 0) {
        const node = ready.shift() as N;
        running += 1;
        run(node).then(
          (value) => {
            outcomes.set(node.id, { status: 'done', value });
            for (const dependent of dependents.get(node.id) ?? []) {
              const left = (waiting.get(dependent.id) ?? 0) - 1;
              waiting.set(dependent.id, left);
              if (left === 0) makeReady(dependent);
            }
            running -= 1;
            pump();
          },
          (error: unknown) => {
            outcomes.set(node.id, { status: 'failed', error });
            stopped = true;
            running -= 1;
            pump();
          },
        );
      }
      if (running === 0) finish();
    };
    pump();
  });
}

/**
 * The reverse of a dependency graph: for each id, the ids of the nodes that depend on it (what a
 * delete or an undo must wait for).
 */
export function dependentsOf(
  nodes: readonly { readonly id: string; readonly dependsOn: readonly string[] }[],
): Map<string, string[]> {
  const dependents = new Map<string, string[]>();
  for (const node of nodes) {
    for (const id of node.dependsOn) {
      const list = dependents.get(id);
      if (list === undefined) dependents.set(id, [node.id]);
      else list.push(node.id);
    }
  }
  return dependents;
}

/** Per node: the cost of the longest chain it heads (itself, then what waits on it, transitively). */
function chainCosts<N extends WalkNode>(
  nodes: readonly N[],
  dependents: ReadonlyMap<string, readonly N[]>,
  cost: (node: N) => number,
): Map<string, number> {
  const chains = new Map<string, number>();
  const visiting = new Set<string>();
  const chainOf = (node: N): number => {
    const known = chains.get(node.id);
    if (known !== undefined) return known;
    // A node on a cycle never becomes ready: it needs no rank.
    if (visiting.has(node.id)) return 0;
    visiting.add(node.id);
    let longest = 0;
    for (const dependent of dependents.get(node.id) ?? []) longest = Math.max(longest, chainOf(dependent));
    visiting.delete(node.id);
    const total = cost(node) + longest;
    chains.set(node.id, total);
    return total;
  };
  for (const node of nodes) chainOf(node);
  return chains;
}
