/**
 * A child process for the fault suite: applies a mesh to a local cloud kept in a state file, with
 * the given faults, and kills itself with SIGKILL right after its k-th write call took effect (the
 * cloud saved it; the executor has not journaled its outcome yet).
 *
 *   node --import tsx fault-apply-child.ts '<json: { kind, stateFile, journalPath, atWrite, faults }>'
 */
import { apply } from '../../../src/execute/apply.js';
import type { FaultOptions } from '../../../src/local/faults.js';
import { createLocalCloud } from '../../../src/local/local-cloud.js';
import { FAST_DELAYS, fastExecution } from '../../support/local-color-mesh.js';
import { type MeshKind, planFor } from './fault-meshes.js';

const { kind, stateFile, journalPath, atWrite, faults } = JSON.parse(process.argv[2] ?? '{}') as {
  kind: MeshKind;
  stateFile: string;
  journalPath: string;
  atWrite: number;
  faults: FaultOptions;
};
const cloud = createLocalCloud({ stateFile, delays: FAST_DELAYS });
const plan = planFor(kind, cloud);
cloud.setFaults(faults);
let writes = 0;
cloud.onCall((call) => {
  const tookEffect = call.error === undefined || call.lostResponse === true;
  if (call.write && tookEffect && ++writes === atWrite) process.kill(process.pid, 'SIGKILL');
});
const result = await apply(plan, { ...fastExecution(cloud), journalPath });
// Reaching here means the apply made fewer writes than atWrite.
process.stdout.write(result.ok ? 'finished ok\n' : `finished failed: ${result.error?.message}\n`);
