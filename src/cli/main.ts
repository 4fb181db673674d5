#!/usr/bin/env node
/** The `appmesh-builder` command (dist/cli.js). Everything but the process lives in run.ts. */
import { exitQuietlyOnClosedPipe, processIo } from './io.js';
import { run } from './run.js';

exitQuietlyOnClosedPipe();

// No top-level await: tsup also emits a CommonJS build of this entry.
void run(process.argv.slice(2), processIo).then((code) => {
  process.exitCode = code;
});
