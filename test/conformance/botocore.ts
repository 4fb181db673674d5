/** Runs botocore_validate.py (next to this file) over many inputs in one Python process. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Tool } from '../support/tools.js';
import type { AwsOperation } from './aws-operations.js';

export interface BotocoreRequest extends AwsOperation {
  readonly id: string;
  readonly input: unknown;
}

export interface BotocoreResult {
  readonly id: string;
  /** Required members, types, min/max, patterns, enums: anything AWS would reject. */
  readonly errors: readonly string[];
  /** Constraints the script could not check (a Java-only regex), so a pass is not silently partial. */
  readonly warnings: readonly string[];
}

const SCRIPT = fileURLToPath(new URL('./botocore_validate.py', import.meta.url));

export function validateWithBotocore(python: Tool, requests: readonly BotocoreRequest[]): BotocoreResult[] {
  const run = spawnSync(python.command, [SCRIPT], {
    input: JSON.stringify(requests),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  if (run.status !== 0) {
    throw new Error(`${python.command} ${SCRIPT} exited with ${run.status}: ${run.error ?? ''}${run.stderr}`);
  }
  return JSON.parse(run.stdout) as BotocoreResult[];
}

/** One line per error, naming the resource, for assertion messages. */
export function formatProblems(results: readonly BotocoreResult[]): string[] {
  return results.flatMap((result) => result.errors.map((error) => `${result.id}: ${error}`));
}
