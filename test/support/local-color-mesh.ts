/** The color tutorial's mesh placed in a local cloud's default network, and executor settings for fast tests. */
import { type ColorMeshStage, colorMesh, localCloudParams } from '../../examples/color-mesh.js';
import type { AwsClients } from '../../src/clients.js';
import { apply } from '../../src/execute/apply.js';
import type { ExecuteOptions } from '../../src/execute/options.js';
import { createLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../src/local/local-cloud.js';

/** Asynchronous work finishes in a few milliseconds: tests wait for it, but not long. */
export const FAST_DELAYS = {
  cloudMapOperationMs: 4,
  ecsTaskStartMs: 6,
  ecsTaskStopMs: 6,
  loadBalancerProvisioningMs: 6,
};

export function fastLocalCloud(options: LocalCloudOptions = {}): LocalCloud {
  return createLocalCloud({ delays: FAST_DELAYS, ...options });
}

/**
 * Retries and polls scaled down to the local cloud's milliseconds. The clients are answered as
 * soon as a call is sent (`direct`): the executor does its own retrying, and the SDK's steps for a
 * request on the wire were about a third of an executor test's CPU. The full SDK path is tested by
 * the local cloud's own tests, the CLI's (`--local`) and the executor's run against moto.
 */
export function fastExecution(cloud: LocalCloud): ExecuteOptions {
  return {
    clients: directClientsOf(cloud),
    pollIntervalMs: 3,
    retry: { retries: 30, minDelayMs: 1, maxDelayMs: 10, maxTotalMs: 20_000 },
    // Above any consistency window the tests give the local cloud.
    consistencyWindowMs: 300,
  };
}

const directClients = new WeakMap<LocalCloud, { readonly endpoint: string; readonly clients: AwsClients }>();

/**
 * One set of direct clients per cloud, shared by the runs of a test: making nine SDK clients and
 * resolving each command's middleware anew for every run was a third of a fault case's CPU. A cloud
 * that took another's state (and so its endpoint) gets new ones. Add middleware to clients of your own.
 */
function directClientsOf(cloud: LocalCloud): AwsClients {
  const endpoint = cloud.clientConfig().endpoint;
  let known = directClients.get(cloud);
  if (known?.endpoint !== endpoint) {
    known = { endpoint, clients: cloud.clients({ maxAttempts: 1, direct: true }) };
    directClients.set(cloud, known);
  }
  return known.clients;
}

/** The tutorial's mesh (at a stage of its live edits) in this cloud's default network. */
export function colorMeshIn(cloud: LocalCloud, stage: ColorMeshStage = {}) {
  return colorMesh(localCloudParams(cloud), stage);
}

/**
 * A cloud snapshot with the run tag's value (a random id per apply) blanked, so that two applies
 * of one plan compare equal when they made the same resources.
 */
export function withoutRunIds<T>(snapshot: T): T {
  const runTag = /("appmesh-builder:run"(?:,\s*"[Vv]alue"\s*)?:\s*)"[^"]*"/g;
  return JSON.parse(JSON.stringify(snapshot).replace(runTag, '$1"<run>"')) as T;
}

/** A fresh fast cloud after a clean apply of the color mesh: what the cloud looks like after one good run. */
export async function cleanColorMeshApply(): Promise<LocalCloud> {
  const cloud = fastLocalCloud();
  const result = await apply(colorMeshIn(cloud).plan(), fastExecution(cloud));
  if (!result.ok) throw new Error(`The clean apply failed: ${result.error?.message}`);
  await cloud.settle();
  return cloud;
}
