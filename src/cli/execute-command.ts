/**
 * `appmesh-builder apply|diff|destroy|resume|rollback <module>`: the executor from the command line,
 * against AWS (default credential chain, --region, --profile), any AWS-compatible --endpoint, or
 * the built-in local cloud (--local, kept in a state file so that separate runs share it).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AwsClients } from '../clients.js';
import type { MeshError } from '../errors/mesh-error.js';
import { apply } from '../execute/apply.js';
import { destroy } from '../execute/destroy.js';
import { diff } from '../execute/diff.js';
import type { ResourceResult } from '../execute/events.js';
import { lockPathOf } from '../execute/journal-session.js';
import { acquireLock } from '../execute/lock.js';
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
  /** Write into roles and security groups that are not this tool's (--write-adopted). */
  readonly writeAdopted?: boolean | undefined;
  /** A terminal: show a live status line. */
  readonly live: boolean;
  /** Set by the first Ctrl-C: start nothing new, let what is in flight finish. */
  readonly stop?: AbortSignal | undefined;
  /** This command line with another command in its place: how to resume or roll back this run. */
  readonly again: (command: ExecuteCommand) => string;
}

/** Exit code of a run stopped by Ctrl-C, as a shell reports SIGINT. */
export const EXIT_INTERRUPTED = 130;

export async function executeCommand(
  command: ExecuteCommand,
  plan: Plan,
  flags: ExecuteFlags,
  io: CommandIo,
): Promise<number> {
  const { clients, timing, journalPath, release } = connect(command, plan, flags);
  const shown = progress(io, { live: flags.live, total: plan.resources.length });
  const options: ExecuteOptions & { journalPath: string } = {
    clients,
    journalPath,
    ...timing,
    onEvent: shown.onEvent,
    rollback: flags.rollback,
    stop: flags.stop,
    writeAdoptedChildren: flags.writeAdopted === true,
    ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }),
  };
  try {
    if (command === 'diff') {
      const result = await diff(plan, options);
      // The reads' status line must not run into the listing.
      shown.end();
      if (!result.ok) {
        io.err(`${errorText(result.error)}\n`);
        return 1;
      }
      for (const entry of result.entries) {
        const changes = entry.changes.length > 0 ? `  (${entry.changes.join(', ')})` : '';
        io.out(`  ${entry.action.padEnd(10)}${entry.id}${changes}\n`);
      }
      const count = (action: string) => result.entries.filter((e) => e.action === action).length;
      const deletes = count('delete') > 0 ? `, ${count('delete')} to delete` : '';
      const referenced = count('referenced') > 0 ? `, ${count('referenced')} referenced` : '';
      io.out(
        `${count('create')} to create, ${count('update')} to update, ${count('unchanged')} unchanged${deletes}${referenced}.\n`,
      );
      return 0;
    }
    if (command === 'rollback') {
      const result = await rollback(options);
      shown.end();
      // A rollback stopped before it began (no credentials, a locked journal) rolled nothing back.
      if (result.ok || result.deleted.length > 0) io.out(`Rolled back ${result.deleted.length} resources.\n`);
      if (result.kept.length > 0) io.out(`Left in place, made by another run: ${result.kept.join(', ')}\n`);
      if (result.error !== undefined) io.err(`${errorText(result.error)}\n`);
      return result.ok ? 0 : 1;
    }
    const result =
      command === 'destroy'
        ? { ...(await destroy(plan, options)), removed: [], rolledBack: false }
        : command === 'resume'
          ? await resume(plan, options)
          : await apply(plan, options);
    shown.end();
    const done = [...result.results, ...result.removed];
    if (done.length > 0) io.out(`${summary(done)}\n`);
    showDrift(result.results, io);
    if (flags.stop?.aborted && !result.ok) {
      if (result.error !== undefined && result.error.code !== 'INTERRUPTED')
        io.err(`${errorText(result.error)}\n`);
      io.err(`Stopped: what was in flight finished and is recorded in ${journalPath}.\n`);
      if (command === 'destroy') io.err(`  Finish:   ${flags.again('destroy')}\n`);
      else if (!result.rolledBack) {
        io.err(`  Continue: ${flags.again('resume')}\n  Undo:     ${flags.again('rollback')}\n`);
      }
      return EXIT_INTERRUPTED;
    }
    if (result.error !== undefined) io.err(`${errorText(result.error)}\n`);
    return result.ok ? 0 : 1;
  } finally {
    shown.end();
    release();
  }
}

/** Without credentials, how to give them to this command; any other error as it is. */
function errorText(error: MeshError | undefined): string {
  if (error?.code !== 'NO_CREDENTIALS') return error?.message ?? '';
  const reason = error.cause instanceof Error ? ` (${error.cause.message.replace(/\.$/, '')})` : '';
  return (
    `No AWS credentials found${reason}; nothing was done. Give them as to the AWS CLI: ` +
    'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile (aws configure, aws sso login) with ' +
    '--profile <name> or AWS_PROFILE. To try it without an account, use --local.'
  );
}

/** Resources left as they are because they are not this tool's, and how they differ from the plan. */
function showDrift(results: readonly ResourceResult[], io: CommandIo): void {
  const drifted = results.filter((r) => r.outcome === 'adopted' && (r.changes?.length ?? 0) > 0);
  if (drifted.length === 0) return;
  io.out("Not this tool's, left as they are (differences from the plan):\n");
  for (const r of drifted) io.out(`  ${r.id}: ${r.changes?.join(', ')}\n`);
}

function summary(results: readonly ResourceResult[]): string {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  return [...counts].map(([outcome, n]) => `${n} ${outcome}`).join(', ');
}

/**
 * The clients, and the journal: by default one per plan and per kind of cloud, so that the local
 * cloud's journal and AWS's are never the same file. The local cloud's state file is locked for
 * the run: two runs on one state file would each overwrite the other's writes.
 */
function connect(
  command: ExecuteCommand,
  plan: Plan,
  flags: ExecuteFlags,
): {
  clients: AwsClients;
  timing: Pick<ExecuteOptions, 'pollIntervalMs' | 'consistencyWindowMs'>;
  journalPath: string;
  release: () => void;
} {
  if (flags.localState !== undefined) {
    // The default (.appmesh-builder/local-cloud.json) is in a folder that a first run must make.
    mkdirSync(dirname(flags.localState), { recursive: true, mode: 0o700 });
    const release = acquireLock(lockPathOf(flags.localState), `${flags.again(command)} (local cloud)`);
    try {
      const cloud = createLocalCloud({
        stateFile: flags.localState,
        ...(flags.region ? { region: flags.region } : {}),
      });
      // The definition names the account's VPC and subnets; in the local cloud they are made on demand.
      cloud.ensureNetwork(planNetwork(plan));
      const journalPath =
        flags.journal ?? join(dirname(flags.localState), `${plan.planName}.local.journal.jsonl`);
      // The local cloud reads back what it wrote at once: no consistency window to wait out.
      const timing = { pollIntervalMs: 25, consistencyWindowMs: 0 };
      return { clients: cloud.clients({ maxAttempts: 1 }), timing, journalPath, release };
    } catch (error) {
      release();
      throw error;
    }
  }
  return {
    clients: createClients({
      ...(flags.region ? { region: flags.region } : {}),
      ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
      ...(flags.profile ? { profile: flags.profile } : {}),
    }),
    timing: { pollIntervalMs: 2000 },
    journalPath: flags.journal ?? `.appmesh-builder/${plan.planName}.journal.jsonl`,
    release: () => {},
  };
}
