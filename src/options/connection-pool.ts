import type { VirtualGatewayConnectionPool, VirtualNodeConnectionPool } from '@aws-sdk/client-app-mesh';
import { plain } from './plain-data.js';

/** HTTP/1.1 pool: `maxConnections` upstream connections, `maxPendingRequests` queued. */
export interface HttpConnectionPoolOptions {
  readonly maxConnections: number;
  /** @default undefined (App Mesh default, 2147483647) */
  readonly maxPendingRequests?: number;
}

/** HTTP/2 and gRPC pools: concurrent requests. */
export interface RequestConnectionPoolOptions {
  readonly maxRequests: number;
}

/** TCP pool: upstream connections. */
export interface TcpConnectionPoolOptions {
  readonly maxConnections: number;
}

export interface ConnectionPoolOptionsByProtocol {
  http: HttpConnectionPoolOptions;
  http2: RequestConnectionPoolOptions;
  grpc: RequestConnectionPoolOptions;
  tcp: TcpConnectionPoolOptions;
}

/** The SDK's protocol-keyed pool (`{ http: { maxConnections } }`) for a node listener. */
export function nodeConnectionPool<P extends keyof ConnectionPoolOptionsByProtocol>(
  protocol: P,
  options: ConnectionPoolOptionsByProtocol[P],
): VirtualNodeConnectionPool {
  return { [protocol]: plain({ ...options }) } as unknown as VirtualNodeConnectionPool;
}

/** The same for a gateway listener (no tcp). */
export function gatewayConnectionPool<P extends 'http' | 'http2' | 'grpc'>(
  protocol: P,
  options: ConnectionPoolOptionsByProtocol[P],
): VirtualGatewayConnectionPool {
  return { [protocol]: plain({ ...options }) } as unknown as VirtualGatewayConnectionPool;
}
