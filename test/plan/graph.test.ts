import { describe, expect, it } from 'vitest';
import { formatCycle, topologicalOrder } from '../../src/plan/graph.js';

const node = (id: string, ...dependsOn: string[]) => ({ id, dependsOn });

describe('topologicalOrder', () => {
  it('puts every node after its dependencies, layer by layer', () => {
    const result = topologicalOrder([
      node('a'),
      node('b', 'a'),
      node('c', 'a'),
      node('d', 'b', 'c'),
      node('e'),
    ]);
    expect(result.ok && result.order.map((n) => n.id)).toEqual(['a', 'e', 'b', 'c', 'd']);
  });

  it('keeps the given order between nodes of the same layer', () => {
    const result = topologicalOrder([node('z'), node('y', 'x'), node('x'), node('w', 'x')]);
    expect(result.ok && result.order.map((n) => n.id)).toEqual(['z', 'x', 'y', 'w']);
  });

  it('reports a cycle by name, smallest id first', () => {
    const result = topologicalOrder([node('start', 'b'), node('b', 'c'), node('c', 'a'), node('a', 'b')]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.cycle).toEqual(['a', 'b', 'c', 'a']);
    expect(formatCycle(result.cycle)).toBe('Cycle: a -> b -> c -> a');
  });

  it('reports a node depending on itself', () => {
    const result = topologicalOrder([node('x', 'x')]);
    expect(!result.ok && formatCycle(result.cycle)).toBe('Cycle: x -> x');
  });

  it('rejects unknown dependencies and duplicate ids', () => {
    expect(() => topologicalOrder([node('a', 'ghost')])).toThrow('Unknown dependency: a -> ghost');
    expect(() => topologicalOrder([node('a'), node('a')])).toThrow('Duplicate graph node id: a');
  });

  it('orders a long chain without recursion limits', () => {
    const chain = Array.from({ length: 50_000 }, (_, i) => node(`n${i}`, ...(i > 0 ? [`n${i - 1}`] : [])));
    const result = topologicalOrder([...chain].reverse());
    expect(result.ok && result.order[49_999]?.id).toBe('n49999');
  });
});
