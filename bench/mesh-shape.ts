/**
 * The benchmark mesh's shape: every node has a listener, Cloud Map discovery, its
 * own virtual service and backends to 3 other nodes' services; one router per 10 nodes splits
 * traffic over its group with weighted targets.
 */
import type { EcsOptions } from '../src/options/task.js';

export const BENCH_NAMESPACE = 'bench.local';
export const NODES_PER_ROUTER = 10;
export const BACKENDS_PER_NODE = 3;

export const benchEcs: EcsOptions = {
  region: 'us-east-1',
  accountId: '123456789012',
  vpcId: 'vpc-0123456789abcdef0',
  subnets: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaaa2'],
  cluster: 'bench',
  meshSecurityGroup: 'bench-mesh-sg',
};

export const nodeName = (i: number) => `node-${i}`;
export const routerName = (k: number) => `router-${k}`;
export const serviceName = (name: string) => `${name}.${BENCH_NAMESPACE}`;

/** The indexes of node i's backends: the next 3 nodes, wrapping around (fewer in tiny meshes). */
export function backendIndexes(i: number, nodeCount: number): number[] {
  const count = Math.min(BACKENDS_PER_NODE, nodeCount - 1);
  return Array.from({ length: count }, (_, k) => (i + k + 1) % nodeCount);
}

/** Router k's group of nodes and their weights (1..10, so every split differs). */
export function routerTargets(k: number, nodeCount: number): { node: number; weight: number }[] {
  const first = k * NODES_PER_ROUTER;
  const last = Math.min(first + NODES_PER_ROUTER, nodeCount);
  return Array.from({ length: last - first }, (_, j) => ({ node: first + j, weight: j + 1 }));
}

export function routerCount(nodeCount: number): number {
  return Math.ceil(nodeCount / NODES_PER_ROUTER);
}
