/**
 * Progress of apply/destroy/rollback: on a terminal, a live status line under the finished
 * resources; elsewhere (CI logs, pipes), one plain line per finished resource or retry.
 */
import type { ExecuteEvent } from '../execute/events.js';
import type { CommandIo } from './io.js';

export interface Progress {
  readonly onEvent: (event: ExecuteEvent) => void;
  /** Clears the status line (if one is shown), so that what follows starts on a clean line. */
  readonly end: () => void;
}

const CLEAR_LINE = '\r\x1b[K';

export function progress(
  io: CommandIo,
  options: { readonly live: boolean; readonly total: number },
): Progress {
  let finished = 0;
  let statusShown = false;
  const status = (doing: string) => {
    if (!options.live) return;
    io.out(`${CLEAR_LINE}[${finished}/${options.total}]${doing}`);
    statusShown = true;
  };
  // The width fits the longest outcome (rolledBack) plus a space, so the ids line up.
  const line = (label: string, text: string) => {
    io.out(`${statusShown ? CLEAR_LINE : ''}  ${label.padEnd(11)}${text}\n`);
    statusShown = false;
  };
  return {
    onEvent(event) {
      // Only the latest step is named: reads (diff, destroy) report no end, so a count of the
      // steps in flight would only grow.
      if (event.type === 'start') status(` ${event.phase} ${event.id}`);
      else if (event.type === 'retry') {
        line('retry', `${event.id} (attempt ${event.attempt}: ${event.error})`);
        status('');
      } else {
        finished += 1;
        line(event.result.outcome, event.result.id);
        status('');
      }
    },
    end() {
      if (statusShown) io.out(CLEAR_LINE);
      statusShown = false;
    },
  };
}
