/**
 * ECS Service Connect: the local cloud against moto, where moto implements it. moto 5.2.1 stores a
 * cluster's `serviceConnectDefaults` as given and echoes it back (moto/ecs/models.py: "The
 * serviceConnectDefaults-parameter is not yet implemented"), and its CreateService does not take
 * `serviceConnectConfiguration` at all (no check, no Cloud Map service, no deployment field).
 * Compared: a cluster default given as an ARN, and a task definition's named port mappings.
 *
 * Not compared (moto differs from AWS):
 * | what | moto | AWS | source |
 * |---|---|---|---|
 * | default given by name | echoes the name | the namespace's ARN | ClusterServiceConnectDefaults.namespace ("The namespace name or full ARN"); DescribeClusters returns the ARN |
 * | default set to "" | echoes "" | removed | ClusterServiceConnectDefaultsRequest.namespace ("the cluster configuration for Service Connect is removed") |
 * | a portName the task definition lacks | accepted | InvalidParameterException | ServiceConnectService.portName ("The portName must match the name of one of the portMappings") |
 * | deployments[].serviceConnectConfiguration | absent | present | Deployment shape, API model |
 * The rules moto does not implement are tested against the reference in ../ecs-service-connect.test.ts.
 */
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeClustersCommand,
  RegisterTaskDefinitionCommand,
  UpdateClusterCommand,
} from '@aws-sdk/client-ecs';
import { CreateHttpNamespaceCommand, GetOperationCommand } from '@aws-sdk/client-servicediscovery';
import type { AwsClients } from '../../../src/clients.js';
import { describeDifferential, type MotoInfidelity } from './harness.js';
import { echoOf, Recorder, shape, sleep } from './observe.js';
import type { Scenario } from './scenarios.js';

const NAMESPACE_ARN_SHAPE = 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-*';
const PORT_MAPPINGS = [
  { name: 'http-8080', containerPort: 8080, protocol: 'tcp' as const, appProtocol: 'http' as const },
  { name: 'tcp-9000', containerPort: 9000, protocol: 'tcp' as const },
];

async function namespaceArn(cloudMap: AwsClients['cloudMap'], name: string): Promise<string | undefined> {
  const { OperationId } = await cloudMap.send(new CreateHttpNamespaceCommand({ Name: name }));
  for (let attempt = 0; attempt < 500; attempt++) {
    const { Operation } = await cloudMap.send(new GetOperationCommand({ OperationId }));
    const id = Operation?.Targets?.NAMESPACE;
    if (Operation?.Status === 'SUCCESS' && id !== undefined) {
      return `arn:aws:servicediscovery:us-east-1:123456789012:namespace/${id}`;
    }
    await sleep(5);
  }
  return undefined;
}

const ecsServiceConnect: Scenario = async ({ ecs, cloudMap }) => {
  const r = new Recorder();
  const arn = await namespaceArn(cloudMap, 'sc-diff');
  const defaults = (o: { cluster?: { serviceConnectDefaults?: { namespace?: string } } }) =>
    o.cluster?.serviceConnectDefaults === undefined
      ? null
      : { namespace: shape(o.cluster.serviceConnectDefaults.namespace) };
  await r.step(
    'create cluster with a default namespace ARN',
    () =>
      ecs.send(
        new CreateClusterCommand({ clusterName: 'sc', serviceConnectDefaults: { namespace: arn ?? '' } }),
      ),
    defaults,
  );
  await r.step(
    'describe cluster',
    () => ecs.send(new DescribeClustersCommand({ clusters: ['sc'] })),
    (o) => o.clusters?.map((c) => shape(c.serviceConnectDefaults?.namespace)),
  );
  await r.step(
    'default namespace by name',
    () =>
      ecs.send(new UpdateClusterCommand({ cluster: 'sc', serviceConnectDefaults: { namespace: 'sc-diff' } })),
    defaults,
  );
  await r.step(
    'remove the default namespace',
    () => ecs.send(new UpdateClusterCommand({ cluster: 'sc', serviceConnectDefaults: { namespace: '' } })),
    defaults,
  );
  const containerDefinitions = [{ name: 'app', image: 'shop', memory: 128, portMappings: PORT_MAPPINGS }];
  await r.step(
    'register named port mappings',
    () =>
      ecs.send(
        new RegisterTaskDefinitionCommand({ family: 'sc', networkMode: 'bridge', containerDefinitions }),
      ),
    (o) => echoOf(containerDefinitions, o.taskDefinition?.containerDefinitions),
  );
  const service = (serviceName: string, portName: string) =>
    ecs.send(
      new CreateServiceCommand({
        cluster: 'sc',
        serviceName,
        taskDefinition: 'sc',
        desiredCount: 0,
        serviceConnectConfiguration: { enabled: true, namespace: arn, services: [{ portName }] },
      }),
    );
  await r.step(
    'service with an unknown portName',
    () => service('wrong', 'http-80'),
    (o) => o.service?.status,
  );
  await r.step(
    'service connect in the deployment',
    () => service('orders', 'http-8080'),
    (o) => o.service?.deployments?.[0]?.serviceConnectConfiguration?.services?.map((s) => s.portName) ?? null,
  );
  return r.observations;
};

const MODEL = 'ECS API model (botocore service-2.json), ServiceConnect shapes';
const INFIDELITIES: readonly MotoInfidelity[] = [
  {
    scenario: 'ecsServiceConnect',
    step: 'default namespace by name',
    moto: 'echoes the name it was given',
    aws: "the namespace's ARN",
    source: `${MODEL}: ClusterServiceConnectDefaults.namespace`,
    awsOutcome: { ok: { namespace: NAMESPACE_ARN_SHAPE } },
  },
  {
    scenario: 'ecsServiceConnect',
    step: 'remove the default namespace',
    moto: 'echoes ""',
    aws: 'the default is removed',
    source: `${MODEL}: ClusterServiceConnectDefaultsRequest.namespace`,
    awsOutcome: { ok: null },
  },
  {
    scenario: 'ecsServiceConnect',
    step: 'service with an unknown portName',
    moto: 'ignores serviceConnectConfiguration and creates the service',
    aws: 'InvalidParameterException',
    source: `${MODEL}: ServiceConnectService.portName`,
    awsOutcome: { error: 'InvalidParameterException' },
  },
  {
    scenario: 'ecsServiceConnect',
    step: 'service connect in the deployment',
    moto: 'no serviceConnectConfiguration in deployments',
    aws: 'the deployment carries the configuration',
    source: `${MODEL}: Deployment.serviceConnectConfiguration`,
    awsOutcome: { ok: ['http-8080'] },
  },
];

describeDifferential('ECS Service Connect', { ecsServiceConnect }, INFIDELITIES);
