import type { OutlierDetection } from '@aws-sdk/client-app-mesh';
import { type DurationInput, duration } from './duration.js';

export interface OutlierDetectionOptions {
  /** Server errors (5xx / connection errors) before a host is ejected. */
  readonly maxServerErrors: number;
  /** How often hosts are evaluated, e.g. `'10s'`. */
  readonly interval: DurationInput;
  /** How long an ejected host stays out (multiplied by times ejected), e.g. `'30s'`. */
  readonly baseEjectionDuration: DurationInput;
  /** Upper bound on the share of hosts ejected at once, 0-100. */
  readonly maxEjectionPercent: number;
}

/** SDK OutlierDetection for a node listener: all four fields are required by App Mesh. */
export function outlierDetection(options: OutlierDetectionOptions): OutlierDetection {
  return {
    maxServerErrors: options.maxServerErrors,
    interval: duration(options.interval),
    baseEjectionDuration: duration(options.baseEjectionDuration),
    maxEjectionPercent: options.maxEjectionPercent,
  };
}
