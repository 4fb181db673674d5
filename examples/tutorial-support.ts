/**
 * What the two tutorial runners share: their flags, where they deploy (the local cloud, AWS or an
 * endpoint), their progress lines, and the tally of curl checks.
 */
import { parseArgs } from 'node:util';
import {
  type AwsClients,
  createClients,
  createLocalCloud,
  type ExecuteEvent,
  type ExecuteOptions,
  type LocalCloud,
  type SimResult,
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
