import type { GrpcTimeout, HttpTimeout, TcpTimeout } from '@aws-sdk/client-app-mesh';
import { type DurationInput, duration } from './duration.js';
import { plain } from './plain-data.js';

export interface TimeoutOptions {
  /** Idle time allowed on a connection or stream. @default undefined (Envoy default, 300 s) */
  readonly idle?: DurationInput;
  /** Time allowed for one request (not for tcp). @default undefined (Envoy default, 15 s) */
  readonly perRequest?: DurationInput;
}

/** SDK HttpTimeout / GrpcTimeout: `{ idle, perRequest }` as SDK Durations. */
export function requestTimeout(options: TimeoutOptions): HttpTimeout & GrpcTimeout {
  return plain({
    idle: options.idle === undefined ? undefined : duration(options.idle),
    perRequest: options.perRequest === undefined ? undefined : duration(options.perRequest),
  });
}

/** SDK TcpTimeout: `{ idle }`. */
export function tcpTimeout(options: Pick<TimeoutOptions, 'idle'>): TcpTimeout {
  return plain({ idle: options.idle === undefined ? undefined : duration(options.idle) });
}
