/**
 * Dependency ordering for any graph of `{ id, dependsOn }` nodes: Kahn's algorithm layer by layer,
 * ties kept in the order the nodes were given, so the result is deterministic and linear
 * (O(V + E): no sorting). Cycles are reported by name.
 */
import type { Plan } from './plan.js';
import type { PlannedResource } from './resource.js';

export interface GraphNode {
  readonly id: string;
  /** Ids of nodes that must come first. */
  readonly dependsOn: readonly string[];
}

export type GraphOrder<T> =
  | { readonly ok: true; readonly order: readonly T[] }
  /** The ids around one cycle, first id repeated at the end: `['a', 'b', 'a']`. */
  | { readonly ok: false; readonly cycle: readonly string[] };

/**
 * Orders nodes so each comes after everything it depends on. Nodes become ready in layers
 * (layer 0 depends on nothing; a node's layer is one more than its latest dependency's); within a
 * layer they keep the order they were given in, so sort the input first to choose the tie-break.
 * Throws on duplicate ids and on dependencies that name no node: those are programming errors.
 */
export function topologicalOrder<T extends GraphNode>(nodes: readonly T[]): GraphOrder<T> {
  const indexById = new Map<string, number>();
  for (let index = 0; index < nodes.length; index++) {
    const { id } = nodes[index] as T;
    indexById.set(id, index);
    // One lookup per id rather than has() then set(): a repeated id leaves the size as it was.
    if (indexById.size === index) throw new Error(`Duplicate graph node id: ${id}`);
  }
  const { waitingOn, start, dependents } = edgesOf(nodes, indexById);

  // Take ready nodes in any order, noting each one's layer; then sort by layer (a counting sort).
  const layers = new Int32Array(nodes.length);
  const ready = new Int32Array(nodes.length);
  let readyCount = 0;
  for (let index = 0; index < nodes.length; index++) if (waitingOn[index] === 0) ready[readyCount++] = index;
  for (let done = 0; done < readyCount; done++) {
    const index = ready[done] as number;
    const next = (layers[index] as number) + 1;
    for (let edge = start[index] as number; edge < (start[index + 1] as number); edge++) {
      const dependent = dependents[edge] as number;
      layers[dependent] = Math.max(layers[dependent] as number, next);
      waitingOn[dependent] = (waitingOn[dependent] as number) - 1;
      if (waitingOn[dependent] === 0) ready[readyCount++] = dependent;
    }
  }
  if (readyCount < nodes.length) return { ok: false, cycle: findCycle(nodes, indexById, waitingOn) };
  return { ok: true, order: byLayer(nodes, layers) };
}

/**
 * How many dependencies each node waits on, and the indexes of the nodes that depend on it: the
 * dependents of node i are `dependents[start[i]]` to `dependents[start[i + 1] - 1]`. All in typed
 * arrays sized up front, rather than a list per node (16,000 small lists cost about a quarter of
 * ordering a 5,000-node plan) or a growing list of edges.
 */
function edgesOf(
  nodes: readonly GraphNode[],
  indexById: ReadonlyMap<string, number>,
): { waitingOn: Int32Array; start: Int32Array; dependents: Int32Array } {
  // Indexed loops: planned resources are frozen, and V8 iterates frozen arrays slowly with for-of.
  let edgeCount = 0;
  for (let index = 0; index < nodes.length; index++)
    edgeCount += (nodes[index] as GraphNode).dependsOn.length;

  // Each node's dependencies by index, in node order (one lookup per edge), and how many
  // dependents each node has, counted at `start[dependency + 1]`.
  const dependencyOf = new Int32Array(edgeCount);
  const waitingOn = new Int32Array(nodes.length);
  const start = new Int32Array(nodes.length + 1);
  let edge = 0;
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index] as GraphNode;
    for (let d = 0; d < node.dependsOn.length; d++) {
      const dependency = node.dependsOn[d] as string;
      const dependencyIndex = indexById.get(dependency);
      if (dependencyIndex === undefined) throw new Error(`Unknown dependency: ${node.id} -> ${dependency}`);
      dependencyOf[edge++] = dependencyIndex;
      start[dependencyIndex + 1] = (start[dependencyIndex + 1] as number) + 1;
    }
    waitingOn[index] = node.dependsOn.length;
  }
  // Counts become start positions; then each edge is placed under its dependency.
  for (let index = 0; index < nodes.length; index++) {
    start[index + 1] = (start[index + 1] as number) + (start[index] as number);
  }
  const dependents = new Int32Array(edgeCount);
  const placed = start.slice(0, nodes.length);
  edge = 0;
  for (let index = 0; index < nodes.length; index++) {
    for (let d = 0; d < (waitingOn[index] as number); d++) {
      const dependency = dependencyOf[edge++] as number;
      dependents[placed[dependency] as number] = index;
      placed[dependency] = (placed[dependency] as number) + 1;
    }
  }
  return { waitingOn, start, dependents };
}

/** The nodes by layer, keeping the given order within a layer. */
function byLayer<T>(nodes: readonly T[], layers: Int32Array): T[] {
  let layerCount = 0;
  for (const layer of layers) layerCount = Math.max(layerCount, layer + 1);
  const next = new Int32Array(layerCount + 1);
  for (const layer of layers) next[layer + 1] = (next[layer + 1] as number) + 1;
  for (let layer = 1; layer <= layerCount; layer++) {
    next[layer] = (next[layer] as number) + (next[layer - 1] as number);
  }
  const order = new Array<T>(nodes.length);
  nodes.forEach((node, index) => {
    const layer = layers[index] as number;
    order[next[layer] as number] = node;
    next[layer] = (next[layer] as number) + 1;
  });
  return order;
}

/**
 * Every node left unordered waits on another unordered node, so following those edges from any
 * of them must loop. Start from the smallest id and follow the smallest waiting dependency.
 */
function findCycle(
  nodes: readonly GraphNode[],
  indexById: ReadonlyMap<string, number>,
  waitingOn: Int32Array,
): string[] {
  const remaining = (id: string) => (waitingOn[indexById.get(id) as number] as number) > 0;
  const start = nodes
    .filter((node) => remaining(node.id))
    .map((node) => node.id)
    .sort()[0] as string;

  const path: string[] = [];
  const position = new Map<string, number>();
  let current = start;
  while (!position.has(current)) {
    position.set(current, path.length);
    path.push(current);
    const node = nodes[indexById.get(current) as number] as GraphNode;
    current = [...node.dependsOn].sort().find(remaining) as string;
  }
  const loop = path.slice(position.get(current));
  // Rotate so the smallest id leads: the same cycle always reads the same way.
  const smallest = loop.indexOf([...loop].sort()[0] as string);
  const rotated = [...loop.slice(smallest), ...loop.slice(0, smallest)];
  return [...rotated, rotated[0] as string];
}

/** `Cycle: a -> b -> a` (each arrow reads "depends on"). */
export function formatCycle(cycle: readonly string[]): string {
  return `Cycle: ${cycle.join(' -> ')}`;
}

/** Delete order: the plan's create order reversed, so dependents go before what they depend on. */
export function deletionOrder(plan: Plan): readonly PlannedResource[] {
  return Object.freeze([...plan.resources].reverse());
}
