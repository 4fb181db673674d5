/**
 * `appmesh-builder apply|diff|destroy|resume|rollback <module>`: the executor from the command line,
 * against AWS (default credential chain, --region, --profile), any AWS-compatible --endpoint, or
 * the built-in local cloud (--local, kept in a state file so that separate runs share it).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AwsClients } from '../clients.js';
import { apply } from '../execute/apply.js';
import { destroy } from '../execute/destroy.js';
import { diff } from '../execute/diff.js';
import type { ResourceResult } from '../execute/events.js';
import { createClients, type ExecuteOptions } from '../execute/options.js';
import { resume } from '../execute/resume.js';
import { rollback } from '../execute/rollback.js';
import { createLocalCloud } from '../local/local-cloud.js';
import type { Plan } from '../plan/plan.js';
import type { CommandIo } from './io.js';
import { planNetwork } from './plan-network.js';
import { progress } from './progress.js';

export type ExecuteCommand = 'apply' | 'diff' | 'destroy' | 'resume' | 'rollback';

export interface ExecuteFlags {
  readonly endpoint?: string | undefined;
  readonly region?: string | undefined;
  readonly profile?: string | undefined;
  /** The local cloud's state file; undefined: AWS or --endpoint. */
  readonly localState?: string | undefined;
  readonly journal?: string | undefined;
  readonly concurrency?: number | undefined;
  readonly rollback: boolean;
  /** A terminal: show a live status line. */
  readonly live: boolean;
}

export async function executeCommand(
  command: ExecuteCommand,
  plan: Plan,
  flags: ExecuteFlags,
  io: CommandIo,
): Promise<number> {
  const { clients, pollIntervalMs } = connect(plan, flags);
  const journalPath = flags.journal ?? `.appmesh-builder/${plan.planName}.journal.jsonl`;
  const shown = progress(io, { live: flags.live, total: plan.resources.length });
  const options: ExecuteOptions & { journalPath: string } = {
    clients,
    journalPath,
    pollIntervalMs,
    onEvent: shown.onEvent,
    rollback: flags.rollback,
    ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }),
  };
  try {
    if (command === 'diff') {
      const entries = await diff(plan, options);
      // The reads' status line must not run into the listing.
      shown.end();
      for (const entry of entries) {
        const changes = entry.changes.length > 0 ? `  (${entry.changes.join(', ')})` : '';
        io.out(`  ${entry.action.padEnd(10)}${entry.id}${changes}\n`);
      }
      const count = (action: string) => entries.filter((e) => e.action === action).length;
      io.out(
        `${count('create')} to create, ${count('update')} to update, ${count('unchanged')} unchanged.\n`,
      );
      return 0;
    }
    if (command === 'rollback') {
      const result = await rollback(options);
      shown.end();
      io.out(`Rolled back ${result.deleted.length} resources.\n`);
      if (result.error !== undefined) io.err(`${result.error.message}\n`);
      return result.ok ? 0 : 1;
    }
    const result =
      command === 'destroy'
        ? { ...(await destroy(plan, options)), removed: [] }
        : command === 'resume'
          ? await resume(plan, options)
          : await apply(plan, options);
    shown.end();
    io.out(`${summary([...result.results, ...result.removed])}\n`);
    if (result.error !== undefined) io.err(`${result.error.message}\n`);
    return result.ok ? 0 : 1;
  } finally {
    shown.end();
  }
}

function summary(results: readonly ResourceResult[]): string {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  return [...counts].map(([outcome, n]) => `${n} ${outcome}`).join(', ');
}

function connect(plan: Plan, flags: ExecuteFlags): { clients: AwsClients; pollIntervalMs: number } {
  if (flags.localState !== undefined) {
    // The default (.appmesh-builder/local-cloud.json) is in a folder that a first run must make.
    mkdirSync(dirname(flags.localState), { recursive: true });
    const cloud = createLocalCloud({
      stateFile: flags.localState,
      ...(flags.region ? { region: flags.region } : {}),
    });
    // The definition names the account's VPC and subnets; in the local cloud they are made on demand.
    cloud.ensureNetwork(planNetwork(plan));
    return { clients: cloud.clients({ maxAttempts: 1 }), pollIntervalMs: 25 };
  }
  return {
    clients: createClients({
      ...(flags.region ? { region: flags.region } : {}),
      ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
      ...(flags.profile ? { profile: flags.profile } : {}),
    }),
    pollIntervalMs: 2000,
  };
}
