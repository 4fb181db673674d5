/**
 * Progress of apply/destroy/rollback: on a terminal, a live status line under the finished
 * resources; elsewhere (CI logs, pipes), one plain line per finished resource or retry.
 */
import type { ExecuteEvent } from '../execute/events.js';
import type { CommandIo } from './io.js';

export interface Progress {
  readonly onEvent: (event: ExecuteEvent) => void;
  /** Clears the status line. */
  readonly end: () => void;
}

const CLEAR_LINE = '\r\x1b[K';

export function progress(
  io: CommandIo,
  options: { readonly live: boolean; readonly total: number },
): Progress {
  let finished = 0;
  const active = new Map<string, string>();
  const status = () => {
    if (!options.live) return;
    const [id, phase] = [...active].at(-1) ?? [];
    const doing = id === undefined ? '' : ` ${phase} ${id}${active.size > 1 ? ` (+${active.size - 1})` : ''}`;
    io.out(`${CLEAR_LINE}[${finished}/${options.total}]${doing}`);
  };
  const line = (text: string) => io.out(`${options.live ? CLEAR_LINE : ''}${text}\n`);
  return {
    onEvent(event) {
      if (event.type === 'start') active.set(event.id, event.phase);
      else if (event.type === 'retry')
        line(`  retry    ${event.id} (attempt ${event.attempt}: ${event.error})`);
      else {
        active.delete(event.result.id);
        finished += 1;
        line(`  ${event.result.outcome.padEnd(9)}${event.result.id}`);
      }
      status();
    },
    end() {
      if (options.live) io.out(CLEAR_LINE);
    },
  };
}
