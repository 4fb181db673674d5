import type { GrpcRetryPolicy, GrpcRetryPolicyEvent, TcpRetryPolicyEvent } from '@aws-sdk/client-app-mesh';
import { type DurationInput, duration } from './duration.js';
import { plain } from './plain-data.js';

/** HTTP retry events App Mesh knows. */
export type HttpRetryEvent = 'server-error' | 'gateway-error' | 'client-error' | 'stream-error';

export interface RetryPolicyOptions {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** Timeout for each attempt, e.g. `'15s'`. */
  readonly perRetryTimeout: DurationInput;
  /** @default undefined (none; give at least one kind of event) */
  readonly httpEvents?: readonly (HttpRetryEvent | (string & {}))[];
  /** @default undefined */
  readonly tcpEvents?: readonly TcpRetryPolicyEvent[];
  /** gRPC routes only. @default undefined */
  readonly grpcEvents?: readonly GrpcRetryPolicyEvent[];
}

/** SDK HttpRetryPolicy / GrpcRetryPolicy. */
export function retryPolicy(options: RetryPolicyOptions): GrpcRetryPolicy {
  return plain({
    maxRetries: options.maxRetries,
    perRetryTimeout: duration(options.perRetryTimeout),
    httpRetryEvents: options.httpEvents === undefined ? undefined : [...options.httpEvents],
    tcpRetryEvents: options.tcpEvents === undefined ? undefined : [...options.tcpEvents],
    grpcRetryEvents: options.grpcEvents === undefined ? undefined : [...options.grpcEvents],
  });
}
