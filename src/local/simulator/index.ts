/** The traffic simulator's public API (for src/index.ts to re-export). */
import type * as ReadMeshView from './read-mesh-view.js';

export type {
  AppMeshResourceRef,
  CloudMapInstance,
  CloudMapServiceView,
  MeshView,
  RunningTask,
} from './mesh-view.js';
export { meshViewFromPlan } from './mesh-view-from-plan.js';
export type { ReachabilityCell, ReachabilityMatrix, ReachabilityRow } from './reachability.js';
export { formatReachability } from './reachability.js';
export type { RequestOptions } from './request.js';
export type { FailureReason, ServedBy, SimAnswer, SimFailure, SimResult } from './result.js';
export { FAILURE_REASONS } from './result.js';
export type { Caller, SampleOptions, SampleResult, Simulator, SimulatorOptions } from './simulator.js';
export { createSimulator } from './simulator.js';

/** Reads through the SDK: loaded on the first call, so that importing the simulator loads no SDK client. */
export const readMeshView: typeof ReadMeshView.readMeshView = async (...args) =>
  (await import('./read-mesh-view.js')).readMeshView(...args);
