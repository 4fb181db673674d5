/**
 * What the two tutorial runners share: their flags, where they deploy (the local cloud, AWS or an
 * endpoint), their progress lines, and the tally of curl checks.
 */
import { parseArgs } from 'node:util';
import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import {
  type AwsClients,
  createClients,
  createLocalCloud,
  createServiceConnectSimulator,
  type ExecuteEvent,
  type ExecuteOptions,
  type LocalCloud,
  readServiceConnectView,
  type ServiceConnectSimulator,
  type ServiceConnectView,
  type SimResult,
  type Simulator,
} from 'appmesh-builder';
import { type ColorMeshParams, exampleParams, localCloudParams } from './color-mesh.ts';

export interface Flags {
  readonly keep?: boolean;
  readonly aws?: boolean;
  readonly endpoint?: string;
  readonly region?: string;
}

export const say = (text = '') => process.stdout.write(`${text}\n`);

/** The flags, or undefined after printing the problem and the usage line. */
export function parseFlags(argv: readonly string[], usage: string): Flags | undefined {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        keep: { type: 'boolean' },
        aws: { type: 'boolean' },
        endpoint: { type: 'string' },
        region: { type: 'string' },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    return undefined;
  }
}

/** Counts the checks that did not answer as the tutorial says. */
export class Checks {
  failures = 0;

  /** One tutorial check: prints what curl would, and whether it is what the tutorial expects. */
  curl(caller: string, command: string, result: SimResult, expected: string): void {
    const shown = result.ok ? result.body : result.curl;
    const ok = result.ok ? result.body === expected : expected === 'fail';
    this.count(ok);
    say(`  ${ok ? 'ok  ' : 'FAIL'} (${caller}) $ ${command}`);
    say(`         ${shown}`);
  }

  count(ok: boolean): boolean {
    if (!ok) this.failures += 1;
    return ok;
  }
}

/** `green 80.1%, yellow 19.9%` */
export function shares(answers: Readonly<Record<string, number>>, total: number): string {
  return Object.entries(answers)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([color, n]) => `${color} ${((100 * n) / total).toFixed(1)}%`)
    .join(', ');
}

function printProgress(event: ExecuteEvent): void {
  if (event.type === 'finish') say(`  ${event.result.outcome.padEnd(9)} ${event.result.id}`);
  if (event.type === 'retry') say(`  retry     ${event.id} (${event.error})`);
}

export interface Deployment {
  readonly clients: AwsClients;
  readonly options: ExecuteOptions;
  readonly params: ColorMeshParams;
  readonly cloud?: LocalCloud;
  /** `the local cloud`, `AWS` or the endpoint. */
  readonly where: string;
}

export async function connect(flags: Flags): Promise<Deployment> {
  if (flags.aws || flags.endpoint !== undefined) {
    const clients = await createClients({
      region: flags.region ?? exampleParams.region,
      ...(flags.endpoint === undefined ? {} : { endpoint: flags.endpoint }),
    });
    // The plan's ARNs (APPMESH_RESOURCE_ARN, IAM scopes) name the region the clients deploy to.
    const params = { ...exampleParams, region: flags.region ?? exampleParams.region };
    return { clients, options: { clients, onEvent: printProgress }, params, where: flags.endpoint ?? 'AWS' };
  }
  // A local cloud whose asynchronous work (Cloud Map operations, ECS tasks) takes a few tens of ms.
  const cloud = await createLocalCloud({
    delays: {
      cloudMapOperationMs: 20,
      ecsTaskStartMs: 40,
      ecsTaskStopMs: 40,
      loadBalancerProvisioningMs: 30,
    },
  });
  const clients = cloud.clients({ maxAttempts: 1 });
  return {
    cloud,
    clients,
    // The local cloud reads back what it wrote at once: no consistency window to wait out.
    options: { clients, onEvent: printProgress, pollIntervalMs: 10, consistencyWindowMs: 0 },
    params: localCloudParams(cloud),
    where: 'the local cloud',
  };
}

/** Runs a tutorial; resolves to 0 when every check passed, 1 when one failed or an AWS call did. */
export async function runTutorial(
  argv: readonly string[],
  usage: string,
  tutorial: (flags: Flags) => Promise<number>,
): Promise<number> {
  const flags = parseFlags(argv, usage);
  if (flags === undefined) return 2;
  try {
    return (await tutorial(flags)) === 0 ? 0 : 1;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** The cluster and namespace of the color mesh's Service Connect plans (names suffixed -sc). */
const SERVICE_CONNECT_CLUSTER = 'color-cluster-sc';
const SERVICE_CONNECT_NAMESPACE = 'color-mesh';

/** `red`, or `fails (EGRESS_DENIED)`. */
export function answer(result: SimResult): string {
  return result.ok ? result.body : `fails (${result.reason})`;
}

/** The simulator over what is deployed of a color mesh Service Connect plan (with VPC Lattice, if any). */
export async function serviceConnectSimulator(
  target: Deployment,
): Promise<{ view: ServiceConnectView; sim: ServiceConnectSimulator }> {
  await target.cloud?.settle();
  const view = await readServiceConnectView(target.clients, {
    cluster: SERVICE_CONNECT_CLUSTER,
    namespace: SERVICE_CONNECT_NAMESPACE,
  });
  return { view, sim: createServiceConnectSimulator(view, { seed: 1 }) };
}

/**
 * The tutorial's first checks on a Service Connect plan, each next to App Mesh's answer: blue reaches
 * red; red cannot reach blue (its tasks started before blue's endpoint existed); after red is
 * redeployed, it can. `why` says why each of the last two differs from App Mesh. Resolves to the
 * simulator after the redeploy.
 */
export async function endpointChecks(
  target: Deployment,
  checks: Checks,
  appMesh: Simulator,
  why: { readonly beforeRedeploy: string; readonly afterRedeploy: string },
): Promise<ServiceConnectSimulator> {
  let { sim } = await serviceConnectSimulator(target);
  const compare = (caller: string, url: string, expected: string, reason: string) => {
    const was = appMesh.from(caller).get(url);
    checks.curl(caller, `curl ${new URL(url).host}`, sim.from(caller).get(url), expected);
    say(`         App Mesh: ${answer(was)}${reason === '' ? '' : `. ${reason}`}`);
  };
  compare('blue', 'http://red.colors.local/', 'red', '');
  compare('red', 'http://blue.colors.local/', 'fail', why.beforeRedeploy);
  say('  Redeploy red (aws ecs update-service --force-new-deployment): new tasks see every endpoint');
  await target.clients.ecs.send(
    new UpdateServiceCommand({
      cluster: SERVICE_CONNECT_CLUSTER,
      service: 'red-sc',
      forceNewDeployment: true,
    }),
  );
  ({ sim } = await serviceConnectSimulator(target));
  compare('red', 'http://blue.colors.local/', 'blue', why.afterRedeploy);
  return sim;
}
