// Explicit named exports only. Each area adds its own lines.

// Builder (builder helper)
export type { GatewayContext, GatewayMethods, GatewayScope } from './builder/gateway-builder.js';
export type { MeshBuilder, MeshOptions, VirtualServiceOptions } from './builder/mesh-builder.js';
export type {
  Complete,
  DeclarationKind,
  Declare,
  Declared,
  Problems,
  Ref,
  RefKind,
} from './builder/names.js';
export type {
  BackendOptions,
  BuilderMode,
  NodeContext,
  NodeMethods,
  NodeScope,
} from './builder/node-builder.js';
export type { RouterContext, RouterMethods, RouterScope, TargetNames } from './builder/router-builder.js';
export type { MeshTypeError } from './builder/type-error.js';
// The SDK clients, shared by the executor, the local cloud and the simulator
export type { AwsClients } from './clients.js';
export type * from './definition/mesh-definition.js';
export { paths } from './definition/paths.js';
export type { MeshErrorCode } from './errors/mesh-error.js';
export { isMeshError, MeshError, PlanValidationError } from './errors/mesh-error.js';
// Executor
export type { ApplyResult } from './execute/apply.js';
export type { DestroyResult } from './execute/destroy.js';
export type { DiffAction, DiffEntry, DiffResult } from './execute/diff.js';
// Each loads the executor and the AWS SDK on its first call.
export {
  apply,
  applyOrThrow,
  createClients,
  destroy,
  diff,
  resume,
  rollback,
} from './execute/entry-points.js';
export type { ExecuteEvent, ExecutePhase, ResourceOutcome, ResourceResult } from './execute/events.js';
export type { ClientConfig, ExecuteOptions } from './execute/options.js';
export { planHash } from './execute/plan-hash.js';
export type { RetrySettings } from './execute/retry.js';
export { isTransient } from './execute/retry.js';
export type { RollbackResult } from './execute/rollback.js';
// Local cloud
export type { Clock } from './local/clock.js';
export { ManualClock } from './local/clock.js';
export { DEFAULT_DELAYS, DEFAULT_QUOTAS } from './local/defaults.js';
export type { LocalCloud } from './local/entry-points.js';
// Loads the local cloud on its first call.
export { createLocalCloud } from './local/entry-points.js';
export type { FailCallRule, FaultOptions } from './local/faults.js';
export type { CallRecord, CloudSnapshot, LocalCloudOptions } from './local/local-cloud.js';
// Traffic simulator
export type {
  AppMeshResourceRef,
  AuthDecision,
  AuthRequest,
  BehaviourChange,
  BehaviourChangeKind,
  BehaviourDiff,
  BehaviourDiffOptions,
  Caller,
  CloudMapInstance,
  CloudMapServiceView,
  FailureReason,
  LatticeListener,
  LatticeRule,
  LatticeService,
  LatticeServiceNetwork,
  LatticeTarget,
  LatticeTargetGroup,
  LatticeView,
  LoadBalancerListenerView,
  LoadBalancerRuleView,
  LoadBalancerView,
  MeshView,
  ReachabilityCell,
  ReachabilityMatrix,
  ReachabilityRow,
  ReadServiceConnectViewOptions,
  RequestOptions,
  RunningTask,
  SampleOptions,
  SampleResult,
  ServedBy,
  ServiceConnectCloudMapService,
  ServiceConnectEcsService,
  ServiceConnectEndpointName,
  ServiceConnectSimulator,
  ServiceConnectSimulatorOptions,
  ServiceConnectTask,
  ServiceConnectView,
  ServiceConnectViewFromPlanOptions,
  SimAnswer,
  SimFailure,
  SimResult,
  Simulator,
  SimulatorOptions,
  TargetGroupView,
} from './local/simulator/index.js';
export {
  createServiceConnectSimulator,
  createSimulator,
  diffBehaviour,
  evaluateAuthPolicy,
  FAILURE_REASONS,
  formatBehaviourDiff,
  formatReachability,
  meshViewFromPlan,
  readMeshView,
  readServiceConnectView,
  serviceConnectViewFromPlan,
} from './local/simulator/index.js';
export type { Delays } from './local/world.js';
export { mesh } from './mesh.js';
export type { CloudMapServiceOptions, NamespaceOptions } from './options/cloud-map.js';
export type {
  ConnectionPoolOptionsByProtocol,
  HttpConnectionPoolOptions,
  RequestConnectionPoolOptions,
  TcpConnectionPoolOptions,
} from './options/connection-pool.js';
export type { DurationInput } from './options/duration.js';
export { duration } from './options/duration.js';
export type {
  GatewayRouteOptions,
  GrpcGatewayRouteOptions,
  HttpGatewayRouteOptions,
} from './options/gateway-route.js';
export { rewrite } from './options/gateway-route.js';
export type { HealthCheck, HealthCheckOptions } from './options/health-check.js';
export { healthCheck } from './options/health-check.js';
export type { GatewayListenerOptions, ListenerOptions } from './options/listener.js';
export { gatewayListener, listener } from './options/listener.js';
export { logging } from './options/logging.js';
export type { OutlierDetectionOptions } from './options/outlier-detection.js';
export { outlierDetection } from './options/outlier-detection.js';
export type { HttpRetryEvent, RetryPolicyOptions } from './options/retry-policy.js';
export type {
  GrpcRouteOptions,
  HttpRouteOptions,
  RouteOptions,
  RouteTarget,
  TcpRouteOptions,
  WeightedTargets,
} from './options/route.js';
export type { InvertOption } from './options/route-match.js';
export {
  headerMatch,
  hostnameMatch,
  metadataMatch,
  pathMatch,
  queryParameterMatch,
} from './options/route-match.js';
export type { CloudMapDiscoveryOptions, DnsDiscoveryOptions } from './options/service-discovery.js';
export { cloudMap, dns, serviceDiscovery } from './options/service-discovery.js';
export type {
  AppShorthandOptions,
  ContainerOptions,
  EcsOptions,
  EnvoyOptions,
  GatewayTaskOptions,
  LoadBalancerOptions,
  NodeTaskOptions,
  TaskCommonOptions,
} from './options/task.js';
export { container, DEFAULT_ENVOY_IMAGE } from './options/task.js';
export type { TimeoutOptions } from './options/timeout.js';
export type {
  AcmCertificate,
  ClientTlsOptions,
  FileCertificate,
  ListenerTlsOptions,
  SdsCertificate,
  TlsCertificate,
  TlsTrust,
} from './options/tls.js';
export { tls } from './options/tls.js';
export { plan } from './plan/build-plan.js';
export { withFamilyPrefix } from './plan/family-prefix.js';
export type { GraphNode, GraphOrder } from './plan/graph.js';
export { deletionOrder, formatCycle, topologicalOrder } from './plan/graph.js';
export type { ArnScope } from './plan/names.js';
export {
  appMeshArns,
  managedPolicyArns,
  OWNERSHIP_TAG_KEY,
  PLAN_TAG_KEY,
  resourceIds,
} from './plan/names.js';
export type { Plan } from './plan/plan.js';
export type {
  PlanOptions,
  ServiceConnectOptions,
  ServiceConnectTlsOptions,
  Target,
  VpcLatticeOptions,
} from './plan/plan-options.js';
export { TARGETS } from './plan/plan-options.js';
export type { PlannedResource, ResourceAttribute, ResourceInputs, ResourceKind } from './plan/resource.js';
export { findRefs, RESOURCE_KINDS, ref, replaceRefs } from './plan/resource.js';
export { renderCliInputJson } from './render/cli-input-json.js';
export { renderMermaid, renderMermaidFile } from './render/diagram.js';
export { renderPlanTable } from './render/plan-table.js';
export { renderAll } from './render/render-all.js';
export type { RenderOptions } from './render/render-options.js';
export type { RenderedFile } from './render/rendered-file.js';
export type { TaskDefinitionNeeds } from './render/task-definition-needs.js';
export { taskDefinitionNeeds } from './render/task-definition-needs.js';
export { renderTaskDefinitions, renderTaskDefinitionsAlone } from './render/task-definitions.js';
export { writeFiles } from './render/write-files.js';
export type { FormatMigrationReportOptions, ReportSection } from './report/format-migration-report.js';
export { formatMigrationReport, migrationReportJson } from './report/format-migration-report.js';
export type {
  MigrationAlternative,
  MigrationEntry,
  MigrationReport,
  MigrationSeverity,
  MigrationStatus,
  MigrationStep,
} from './report/migration-report.js';
export type { MigrationCode } from './targets/service-connect/migration-codes.js';
export { MIGRATION_CODES } from './targets/service-connect/migration-codes.js';
export type { MigrationTarget } from './targets/service-connect/migration-context.js';
export type {
  MigrationReportOptions,
  ServiceConnectMigrationReport,
} from './targets/service-connect/migration-report.js';
export { migrationReport } from './targets/service-connect/migration-report.js';
export type { IssueCode, PlanIssue } from './validate/issue.js';
export { ISSUE_CODES } from './validate/issue.js';
export { validateDefinition } from './validate/validate-definition.js';
