/** The local cloud's defaults, apart from the cloud itself: importing them loads no local cloud. */
import { QUOTAS } from '../validate/quotas.js';
import type { Delays, Quotas } from './world.js';

export const DEFAULT_DELAYS: Delays = Object.freeze({
  cloudMapOperationMs: 20,
  ecsTaskStartMs: 50,
  ecsTaskStopMs: 50,
  loadBalancerProvisioningMs: 50,
});

/** AWS's default quotas (aws-facts 3.6). */
export const DEFAULT_QUOTAS: Quotas = Object.fromEntries(
  Object.entries(QUOTAS).map(([name, quota]) => [name, quota.limit]),
) as Quotas;
