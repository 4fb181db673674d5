/**
 * A child process for the crash tests: applies the color mesh to a local cloud kept in a state
 * file, and kills itself with SIGKILL right after its k-th successful write call (the cloud has
 * saved that write; the executor has not journaled its outcome yet).
 *
 *   node --import tsx apply-child.ts <stateFile> <journalPath> <k>
 */
import { apply } from '../../../src/execute/apply.js';
import { createLocalCloud } from '../../../src/local/local-cloud.js';
import { colorMeshIn, FAST_DELAYS, fastExecution } from '../../support/local-color-mesh.js';

const [stateFile, journalPath, k] = process.argv.slice(2);
if (stateFile === undefined || journalPath === undefined || k === undefined) {
  throw new Error('usage: apply-child.ts <stateFile> <journalPath> <k>');
}
const cloud = createLocalCloud({ stateFile, delays: FAST_DELAYS });
let writes = 0;
cloud.onCall((call) => {
  if (call.write && call.error === undefined && ++writes === Number(k)) process.kill(process.pid, 'SIGKILL');
});
const result = await apply(colorMeshIn(cloud).plan(), { ...fastExecution(cloud), journalPath });
// Reaching here means k was past the last write: the apply finished.
process.stdout.write(result.ok ? 'finished\n' : `failed: ${result.error?.message}\n`);
