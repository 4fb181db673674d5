/**
 * Dependency ordering for any graph of `{ id, dependsOn }` nodes: Kahn's algorithm layer by layer,
 * ties kept in the order the nodes were given, so the result is deterministic and linear-ish
 * (O(V + E) plus sorting numbers). Cycles are reported by name.
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
 * (layer 0 depends on nothing); within a layer they keep the order they were given in, so
 * sort the input first to choose the tie-break (comparing strings per layer cost more).
 * Throws on duplicate ids and on dependencies that name no node: those are programming errors.
 */
export function topologicalOrder<T extends GraphNode>(nodes: readonly T[]): GraphOrder<T> {
  const indexById = new Map<string, number>();
  nodes.forEach((node, index) => {
    if (indexById.has(node.id)) throw new Error(`Duplicate graph node id: ${node.id}`);
    indexById.set(node.id, index);
  });

  const waitingOn = new Array<number>(nodes.length).fill(0);
  const dependents: number[][] = nodes.map(() => []);
  nodes.forEach((node, index) => {
    for (const dependency of node.dependsOn) {
      const dependencyIndex = indexById.get(dependency);
      if (dependencyIndex === undefined) throw new Error(`Unknown dependency: ${node.id} -> ${dependency}`);
      (dependents[dependencyIndex] as number[]).push(index);
      waitingOn[index] = (waitingOn[index] as number) + 1;
    }
  });

  const order: T[] = [];
  let layer: number[] = [];
  for (let index = 0; index < nodes.length; index++) if (waitingOn[index] === 0) layer.push(index);
  while (layer.length > 0) {
    layer.sort((a, b) => a - b);
    const next: number[] = [];
    for (const index of layer) {
      order.push(nodes[index] as T);
      for (const dependent of dependents[index] as number[]) {
        waitingOn[dependent] = (waitingOn[dependent] as number) - 1;
        if (waitingOn[dependent] === 0) next.push(dependent);
      }
    }
    layer = next;
  }

  if (order.length === nodes.length) return { ok: true, order };
  return { ok: false, cycle: findCycle(nodes, indexById, waitingOn) };
}

/**
 * Every node left unordered waits on another unordered node, so following those edges from any
 * of them must loop. Start from the smallest id and follow the smallest waiting dependency.
 */
function findCycle(
  nodes: readonly GraphNode[],
  indexById: Map<string, number>,
  waitingOn: number[],
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
