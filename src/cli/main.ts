#!/usr/bin/env node
/** The `appmesh-builder` command (dist/cli.js). Everything but the process lives in run.ts. */
import { exitQuietlyOnClosedPipe, processIo } from './io.js';
import { run } from './run.js';

exitQuietlyOnClosedPipe();

// The first Ctrl-C stops gently: nothing new starts, calls in flight finish and are journaled, so
// that the run can be resumed or rolled back. The second one exits at once.
const stop = new AbortController();
process.on('SIGINT', () => {
  if (stop.signal.aborted) process.exit(130);
  stop.abort();
  process.stderr.write(
    '\nappmesh-builder: stopping: nothing new starts; what is in flight finishes and is recorded. Ctrl-C again to exit at once.\n',
  );
});

void run(process.argv.slice(2), processIo, { stop: stop.signal }).then((code) => {
  process.exitCode = code;
});
