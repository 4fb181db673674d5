/**
 * A child process for the tests of an interrupted rollback: rolls back the journal's run in a
 * local cloud kept in a state file, and kills itself with SIGKILL right after its k-th successful
 * delete call.
 *
 *   node --import tsx rollback-child.ts <stateFile> <journalPath> <k>
 */
import { rollback } from '../../../src/execute/rollback.js';
import { createLocalCloud } from '../../../src/local/local-cloud.js';
import { FAST_DELAYS, fastExecution } from '../../support/local-color-mesh.js';

const [stateFile, journalPath, k] = process.argv.slice(2);
if (stateFile === undefined || journalPath === undefined || k === undefined) {
  throw new Error('usage: rollback-child.ts <stateFile> <journalPath> <k>');
}
const cloud = createLocalCloud({ stateFile, delays: FAST_DELAYS });
let deletes = 0;
cloud.onCall((call) => {
  if (call.command.startsWith('Delete') && call.error === undefined && ++deletes === Number(k))
    process.kill(process.pid, 'SIGKILL');
});
const result = await rollback({ ...fastExecution(cloud), journalPath });
// Reaching here means k was past the last delete: the rollback finished.
process.stdout.write(result.ok ? 'finished\n' : `failed: ${result.error?.message}\n`);
