/**
 * Local cloud benchmark: 10,000 calls through the real SDK clients against the local cloud, per
 * call, compared with the same calls against an in-process stub that answers at once (the floor:
 * the SDK's own cost of serialising, signing and parsing). Target: at most 3x the floor.
 * Then the traffic simulator: 100,000 requests on the color mesh. Target: under 1 s.
 *
 *   npm run bench:local-cloud
 */
import os from 'node:os';
import {
  DescribeMeshCommand,
  DescribeVirtualNodeCommand,
  ListVirtualNodesCommand,
  TagResourceCommand,
} from '@aws-sdk/client-app-mesh';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { ListServicesCommand } from '@aws-sdk/client-servicediscovery';
import { colorMesh, localCloudParams } from '../examples/color-mesh.js';
import type { AwsClients } from '../src/clients.js';
import { apply } from '../src/execute/apply.js';
import { createClients } from '../src/execute/options.js';
import { createLocalCloud } from '../src/local/local-cloud.js';
import { meshViewFromPlan } from '../src/local/simulator/mesh-view-from-plan.js';
import { createSimulator } from '../src/local/simulator/simulator.js';
import { appMeshArns } from '../src/plan/names.js';

const CALLS = 10_000;
const REQUESTS = 100_000;

/** The calls an executor makes most: reads of every service, and a write. */
function calls(clients: AwsClients, meshArn: string): (() => Promise<unknown>)[] {
  return [
    () => clients.appMesh.send(new DescribeMeshCommand({ meshName: 'color-mesh' })),
    () =>
      clients.appMesh.send(
        new DescribeVirtualNodeCommand({ meshName: 'color-mesh', virtualNodeName: 'red' }),
      ),
    () => clients.appMesh.send(new ListVirtualNodesCommand({ meshName: 'color-mesh' })),
    () =>
      clients.appMesh.send(
        new TagResourceCommand({ resourceArn: meshArn, tags: [{ key: 'bench', value: '1' }] }),
      ),
    () => clients.cloudMap.send(new ListServicesCommand({})),
    () => clients.ecs.send(new DescribeServicesCommand({ cluster: 'color-cluster', services: ['red'] })),
    () => clients.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'red' })),
    () => clients.iam.send(new GetRoleCommand({ RoleName: 'color-mesh-execution-role' })),
    () =>
      clients.ec2.send(
        new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['colorapp-sg'] }] }),
      ),
    () => clients.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['color-gateway-nlb'] })),
    () => clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/ecs/' })),
  ];
}

/** A request handler that answers every call at once with an empty success, in the service's protocol. */
function stubClients(): AwsClients {
  const body = (xml: boolean) => new TextEncoder().encode(xml ? '<Response></Response>' : '{}');
  const handler = (xml: boolean) => ({
    handle: async () => ({
      response: {
        statusCode: 200,
        headers: { 'content-type': xml ? 'text/xml' : 'application/json' },
        body: body(xml),
      },
    }),
    updateHttpClientConfig: () => {},
    httpHandlerConfigs: () => ({}),
  });
  const config = { region: 'us-east-1', credentials: { accessKeyId: 'stub', secretAccessKey: 'stub' } };
  const clients = createClients(config);
  for (const [name, client] of Object.entries(clients)) {
    const xml = name === 'iam' || name === 'ec2' || name === 'elbv2';
    (client.config as { requestHandler: unknown }).requestHandler = handler(xml);
  }
  return clients;
}

async function timePerCall(run: readonly (() => Promise<unknown>)[], count: number): Promise<number> {
  for (let i = 0; i < 500; i++) await (run[i % run.length] as () => Promise<unknown>)();
  const started = performance.now();
  for (let i = 0; i < count; i++) await (run[i % run.length] as () => Promise<unknown>)();
  return ((performance.now() - started) / count) * 1000;
}

async function main(): Promise<void> {
  console.log(
    `appmesh-builder local cloud benchmark, Node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}\n`,
  );
  const cloud = createLocalCloud({
    delays: { cloudMapOperationMs: 1, ecsTaskStartMs: 1, ecsTaskStopMs: 1, loadBalancerProvisioningMs: 1 },
  });
  const plan = colorMesh(localCloudParams(cloud)).plan();
  const applied = await apply(plan, { clients: cloud.clients({ maxAttempts: 1 }), pollIntervalMs: 2 });
  if (!applied.ok) throw applied.error;
  await cloud.settle();
  const meshArn = appMeshArns.mesh({ region: cloud.region, accountId: cloud.accountId }, 'color-mesh');

  const local = await timePerCall(calls(cloud.clients(), meshArn), CALLS);
  const floor = await timePerCall(calls(stubClients(), meshArn), CALLS);
  const ratio = local / floor;
  console.log('| calls | local cloud µs/call | stub floor µs/call | ratio |');
  console.log('| ---: | ---: | ---: | ---: |');
  console.log(
    `| ${CALLS.toLocaleString('en-US')} | ${local.toFixed(1)} | ${floor.toFixed(1)} | ${ratio.toFixed(2)} |\n`,
  );

  const simulator = createSimulator(meshViewFromPlan(plan), { seed: 1 });
  const red = simulator.from('red');
  red.sample('http://router.colors.local/', 1000);
  const started = performance.now();
  const sample = red.sample('http://router.colors.local/', REQUESTS);
  const simulated = performance.now() - started;
  console.log(
    `simulator: ${REQUESTS.toLocaleString('en-US')} requests from red to router.colors.local in ${simulated.toFixed(0)} ms: ${JSON.stringify(sample.answers)}\n`,
  );

  const checks = [
    [`local cloud per call <= 3x the SDK floor: ${ratio.toFixed(2)}`, ratio <= 3],
    [
      `simulator ${REQUESTS.toLocaleString('en-US')} requests < 1 s: ${simulated.toFixed(0)} ms`,
      simulated < 1000,
    ],
  ] as const;
  for (const [text, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${text}`);
  if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
}

await main();
