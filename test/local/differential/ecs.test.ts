/**
 * ECS: the local cloud against moto. Compared: cluster create/delete, task definition revisions
 * (the tutorial's blue task definition must come back exactly as sent: proxyConfiguration,
 * dependsOn, healthCheck), deregistration, service create/describe/scale/delete, Container
 * Insights turned on (UpdateCluster), errors.
 *
 * Not compared:
 * | what | moto | AWS | source |
 * |---|---|---|---|
 * | tasks, runningCount, deployments, the services-stable waiter | never starts a task | starts desiredCount tasks | moto.md |
 */
import { describeDifferential, type MotoInfidelity } from './harness.js';
import { ecsClusterDelete, ecsClusterUpdate, ecsLifecycle } from './scenarios.js';

const INFIDELITIES: readonly MotoInfidelity[] = [
  {
    scenario: 'ecsLifecycle',
    step: 'create service again',
    moto: 'succeeds and overwrites the service',
    aws: 'InvalidParameterException "Creation of service was not idempotent." while the name is ACTIVE or DRAINING',
    source: 'ECS API reference, CreateService; aws-facts.md §5.4',
    awsOutcome: { error: 'InvalidParameterException' },
  },
  {
    scenario: 'ecsLifecycle',
    step: 'deleted service status',
    moto: 'INACTIVE at once',
    aws: 'DRAINING, then INACTIVE once its tasks stopped',
    source: 'ECS API reference, DeleteService; aws-facts.md §5.4',
    awsOutcome: { ok: 'DRAINING' },
  },
];

describeDifferential('ECS', { ecsLifecycle, ecsClusterDelete, ecsClusterUpdate }, INFIDELITIES);
