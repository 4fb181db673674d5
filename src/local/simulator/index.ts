/** The traffic simulator's public API (for src/index.ts to re-export). */
import type * as ReadMeshView from './read-mesh-view.js';
import type * as ReadServiceConnectView from './read-service-connect-view.js';

export type {
  LoadBalancerListenerView,
  LoadBalancerRuleView,
  LoadBalancerView,
  TargetGroupView,
} from './alb-view.js';
export type {
  BehaviourChange,
  BehaviourChangeKind,
  BehaviourDiff,
  BehaviourDiffOptions,
} from './behaviour-diff.js';
export { diffBehaviour } from './behaviour-diff.js';
export { formatBehaviourDiff } from './format-behaviour-diff.js';
export type { AuthDecision, AuthRequest } from './lattice-auth.js';
export { evaluateAuthPolicy } from './lattice-auth.js';
export type {
  LatticeListener,
  LatticeRule,
  LatticeService,
  LatticeServiceNetwork,
  LatticeTarget,
  LatticeTargetGroup,
  LatticeView,
} from './lattice-view.js';
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
export type { ReadServiceConnectViewOptions } from './read-service-connect-view.js';
export type { RequestOptions } from './request.js';
export type { FailureReason, ServedBy, SimAnswer, SimFailure, SimResult } from './result.js';
export { FAILURE_REASONS } from './result.js';
export type {
  ServiceConnectEndpointName,
  ServiceConnectSimulator,
  ServiceConnectSimulatorOptions,
} from './service-connect-simulator.js';
export { createServiceConnectSimulator } from './service-connect-simulator.js';
export type {
  ServiceConnectCloudMapService,
  ServiceConnectEcsService,
  ServiceConnectTask,
  ServiceConnectView,
} from './service-connect-view.js';
export type { ServiceConnectViewFromPlanOptions } from './service-connect-view-from-plan.js';
export { serviceConnectViewFromPlan } from './service-connect-view-from-plan.js';
export type { Caller, SampleOptions, SampleResult, Simulator, SimulatorOptions } from './simulator.js';
export { createSimulator } from './simulator.js';

/** Reads through the SDK: loaded on the first call, so that importing the simulator loads no SDK client. */
export const readMeshView: typeof ReadMeshView.readMeshView = async (...args) =>
  (await import('./read-mesh-view.js')).readMeshView(...args);
/** Reads through the SDK: loaded on the first call, like readMeshView. */
export const readServiceConnectView: typeof ReadServiceConnectView.readServiceConnectView = async (...args) =>
  (await import('./read-service-connect-view.js')).readServiceConnectView(...args);
