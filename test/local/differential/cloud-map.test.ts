/**
 * Cloud Map: the local cloud against moto. Compared: a private DNS namespace in each cloud's
 * default VPC, a service, instances registered, listed, discovered and deregistered, the end state
 * of every operation (polled with GetOperation on both sides), teardown in AWS's order, a
 * namespace description updated (UpdatePrivateDnsNamespace), errors.
 *
 * Not compared:
 * | what | moto | AWS | source |
 * |---|---|---|---|
 * | operation progress (SUBMITTED, PENDING) | SUCCESS at once | SUCCESS later | aws-facts.md §4 |
 * | a second private DNS namespace in one VPC | ConflictingDomainExists, whatever the name | allowed for another name | moto.md |
 * | service attributes | not implemented | Get/Update/DeleteServiceAttributes | Cloud Map API reference |
 */
import { describeDifferential, type MotoInfidelity } from './harness.js';
import { cloudMapLifecycle, cloudMapNamespaceUpdate, cloudMapTeardown } from './scenarios.js';

const instanceOperation = (type: string, scenario: string, step: string): MotoInfidelity => ({
  scenario,
  step,
  moto: 'Targets has INSTANCE only',
  aws: 'Targets has INSTANCE (the instance id) and SERVICE (the service id)',
  source: 'Cloud Map API reference, GetOperation (Operation.Targets: NAMESPACE, SERVICE, INSTANCE)',
  awsOutcome: { ok: { type, status: 'SUCCESS', targets: ['INSTANCE', 'SERVICE'] } },
});

const INFIDELITIES: readonly MotoInfidelity[] = [
  instanceOperation('REGISTER_INSTANCE', 'cloudMapLifecycle', 'register task-1 operation'),
  instanceOperation('REGISTER_INSTANCE', 'cloudMapLifecycle', 'register task-2 operation'),
  instanceOperation('DEREGISTER_INSTANCE', 'cloudMapLifecycle', 'deregister task-1 operation'),
  instanceOperation('DEREGISTER_INSTANCE', 'cloudMapTeardown', 'deregister operation'),
  {
    scenario: 'cloudMapLifecycle',
    step: 'hosted zone id',
    moto: '"/hostedzone/<id>"',
    aws: 'the bare Route 53 zone id, "Z…"',
    source: 'Cloud Map API reference, GetNamespace example (DnsProperties.HostedZoneId)',
    awsOutcome: { ok: '*' },
  },
  {
    scenario: 'cloudMapLifecycle',
    step: 'create service again',
    moto: 'creates a second service with the same name',
    aws: 'ServiceAlreadyExists (with the existing ServiceId)',
    source: 'Cloud Map API reference, CreateService errors; aws-facts.md §4',
    awsOutcome: { error: 'ServiceAlreadyExists' },
  },
  {
    scenario: 'cloudMapLifecycle',
    step: 'create service in missing namespace',
    moto: 'creates the service (no namespace check)',
    aws: 'NamespaceNotFound',
    source: 'Cloud Map API reference, CreateService errors; moto.md',
    awsOutcome: { error: 'NamespaceNotFound' },
  },
  {
    scenario: 'cloudMapLifecycle',
    step: 'delete service with an instance',
    moto: 'deletes it (no child check)',
    aws: 'ResourceInUse while the service has registered instances',
    source: 'Cloud Map API reference, DeleteService; aws-facts.md §4 (Deletion)',
    awsOutcome: { error: 'ResourceInUse' },
  },
  {
    scenario: 'cloudMapLifecycle',
    step: 'delete namespace with a service',
    moto: 'starts the delete (no child check)',
    aws: 'ResourceInUse while the namespace contains services',
    source: 'Cloud Map API reference, DeleteNamespace; aws-facts.md §4 (Deletion)',
    awsOutcome: { error: 'ResourceInUse' },
  },
];

describeDifferential(
  'Cloud Map',
  { cloudMapLifecycle, cloudMapTeardown, cloudMapNamespaceUpdate },
  INFIDELITIES,
);
