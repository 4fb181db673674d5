/**
 * A moto server (the open-source AWS emulator) on loopback, and the SDK v3 clients pointed at
 * it. Start it in beforeAll (it comes reset), `reset()` between scenarios, `stop()` in afterAll.
 * Find the Python with `findTool('moto')` from ./tools.js.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { AppMeshClient } from '@aws-sdk/client-app-mesh';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { ServiceDiscoveryClient } from '@aws-sdk/client-servicediscovery';
import { STSClient } from '@aws-sdk/client-sts';
import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
// A dependency of every SDK v3 client (hoisted to the top of node_modules), not of this package.
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsClients } from '../../src/clients.js';

export interface MotoServer {
  readonly endpoint: string;
  /** New SDK clients talking to this server; `config` is passed to each (maxAttempts, ...). */
  clients(config?: { maxAttempts?: number }): AwsClients;
  /** Wipes every resource (moto starts again with its default VPC). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** moto's account id, whatever the credentials say. */
export const MOTO_ACCOUNT_ID = '123456789012';

const START_TIMEOUT_MS = 20_000;

export interface MotoOptions {
  /**
   * Load AWS's managed IAM policies, so that attaching `arn:aws:iam::aws:policy/...` works
   * (MOTO_IAM_LOAD_MANAGED_POLICIES). On by default; it costs about a second of CPU after every
   * reset, so servers that never attach one turn it off.
   */
  readonly awsManagedPolicies?: boolean;
}

/**
 * Runs moto's server, and ends it when its parent ends however that happens (a worker killed
 * with SIGKILL runs no exit handler): a server never outlives the tests that started it.
 */
const MOTO_SERVER_WITH_WATCHDOG = `
import os, sys, threading, time
parent = os.getppid()
def watch():
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)
threading.Thread(target=watch, daemon=True).start()
from moto.server import main
main(sys.argv[1:])
`;

/**
 * One server per test process and options: test files that run one after another in a worker
 * share it, each starting from a reset (moto's start costs seconds of CPU, a reset milliseconds).
 */
const running = new Map<string, Promise<MotoServer>>();

/**
 * A moto server on loopback, reset to its starting state. `stop()` hands it back; it ends with the
 * test process.
 */
export async function startMoto(python: string, options: MotoOptions = {}): Promise<MotoServer> {
  const key = `${python}\0${options.awsManagedPolicies ?? true}`;
  let server = running.get(key);
  if (server === undefined) {
    server = launchMoto(python, options);
    running.set(key, server);
    server.catch(() => running.delete(key));
  }
  const ready = await server;
  await ready.reset();
  return { ...ready, stop: async () => {} };
}

/** Starts moto's server on a free loopback port and waits until it answers. */
async function launchMoto(python: string, options: MotoOptions): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(python, ['-c', MOTO_SERVER_WITH_WATCHDOG, '-H', '127.0.0.1', '-p', String(port)], {
    // Without this, attaching AWS managed policies (arn:aws:iam::aws:policy/...) fails with NoSuchEntity.
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: String(options.awsManagedPolicies ?? true) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // If the test process dies without afterAll, the server must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  try {
    await waitUntilReady(endpoint, child, () => stderr);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    endpoint,
    clients: (config = {}) => motoClients(endpoint, config),
    async reset() {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!response.ok) throw new Error(`moto reset answered HTTP ${response.status}`);
    },
    stop: () => stopChild(child),
  };
}

function motoClients(endpoint: string, config: { maxAttempts?: number }): AwsClients {
  const base = {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    ...config,
  };
  return {
    appMesh: new AppMeshClient({ ...base, requestHandler: new AppMeshTimestampFix(new NodeHttpHandler()) }),
    // DiscoverInstances would otherwise go to `data-127.0.0.1`.
    cloudMap: new ServiceDiscoveryClient({ ...base, disableHostPrefix: true }),
    ecs: new ECSClient(base),
    iam: new IAMClient(base),
    ec2: new EC2Client(base),
    elbv2: new ElasticLoadBalancingV2Client(base),
    logs: new CloudWatchLogsClient(base),
    sts: new STSClient(base),
    vpcLattice: new VPCLatticeClient(base),
  };
}

type Handle = NodeHttpHandler['handle'];

/**
 * moto 5.2.1 writes App Mesh `createdAt` / `lastUpdatedAt` as `"25/11/2026, 18:42:36"` (Python's
 * local time) instead of epoch seconds, and the SDK then fails every App Mesh call with
 * "Expected real number, got implicit NaN" although the call took effect. This handler rewrites
 * those two fields to epoch seconds before the SDK parses the body.
 */
class AppMeshTimestampFix {
  readonly #inner: NodeHttpHandler;

  constructor(inner: NodeHttpHandler) {
    this.#inner = inner;
  }

  async handle(...args: Parameters<Handle>): ReturnType<Handle> {
    const result = await this.#inner.handle(...args);
    const { response } = result;
    const chunks: Buffer[] = [];
    for await (const chunk of response.body as AsyncIterable<Buffer | string>)
      chunks.push(Buffer.from(chunk));
    const fixed = Buffer.from(fixMotoTimestamps(Buffer.concat(chunks).toString('utf8')), 'utf8');
    response.body = fixed;
    for (const name of Object.keys(response.headers)) {
      if (name.toLowerCase() === 'content-length') response.headers[name] = String(fixed.length);
    }
    return result;
  }

  updateHttpClientConfig(...args: Parameters<NodeHttpHandler['updateHttpClientConfig']>): void {
    this.#inner.updateHttpClientConfig(...args);
  }

  httpHandlerConfigs(): ReturnType<NodeHttpHandler['httpHandlerConfigs']> {
    return this.#inner.httpHandlerConfigs();
  }

  destroy(): void {
    this.#inner.destroy();
  }
}

const MOTO_TIMESTAMP =
  /"(createdAt|lastUpdatedAt)"\s*:\s*"(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})"/g;

/** `"createdAt": "25/11/2026, 18:42:36"` becomes `"createdAt": 1795632156` (read as UTC). */
export function fixMotoTimestamps(body: string): string {
  return body.replace(MOTO_TIMESTAMP, (_match, field: string, dd, mm, yyyy, hh, mi, ss) => {
    const seconds = Date.UTC(+yyyy, +mm - 1, +dd, +hh, +mi, +ss) / 1000;
    return `"${field}": ${seconds}`;
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(endpoint: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`moto.server exited with code ${child.exitCode} before answering:\n${stderr()}`);
    }
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`moto.server did not answer on ${endpoint} within ${START_TIMEOUT_MS} ms:\n${stderr()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
