/**
 * The executor's public functions. Each loads the executor, and with it the AWS SDK, on its first
 * call: importing the library to build, plan or render loads neither. So `createClients` here
 * returns a promise; the executor's own (options.ts) is synchronous.
 */
import type { AwsClients } from '../clients.js';
import type * as Apply from './apply.js';
import type * as Destroy from './destroy.js';
import type * as Diff from './diff.js';
import type * as Options from './options.js';
import type * as Resume from './resume.js';
import type * as Rollback from './rollback.js';

export const apply: typeof Apply.apply = async (...args) => (await import('./apply.js')).apply(...args);

export const applyOrThrow: typeof Apply.applyOrThrow = async (...args) =>
  (await import('./apply.js')).applyOrThrow(...args);

export const destroy: typeof Destroy.destroy = async (...args) =>
  (await import('./destroy.js')).destroy(...args);

export const diff: typeof Diff.diff = async (...args) => (await import('./diff.js')).diff(...args);

export const resume: typeof Resume.resume = async (...args) => (await import('./resume.js')).resume(...args);

export const rollback: typeof Rollback.rollback = async (...args) =>
  (await import('./rollback.js')).rollback(...args);

/** The SDK's clients for AWS (or an endpoint), made once the SDK is loaded. */
export async function createClients(config: Options.ClientConfig): Promise<AwsClients> {
  return (await import('./options.js')).createClients(config);
}
