/** The behaviour diff as plain text for a terminal: one row per changed (caller, URL). */

import { textTable as table } from '../../render/text-table.js';
import type { BehaviourDiff } from './behaviour-diff.js';
import type { SampleResult } from './simulator.js';

export function formatBehaviourDiff(diff: BehaviourDiff): string {
  const tried = `${diff.callers.length} callers x ${diff.urls.length} URLs, ${diff.samples} requests each (seed ${diff.seed})`;
  const to = diff.to ?? 'Service Connect';
  if (diff.changes.length === 0) return `No behaviour changes from App Mesh to ${to}: ${tried}.\n`;
  const rows = diff.changes.map((c) => [
    c.caller,
    c.url,
    c.change,
    counts(c.appMesh),
    counts(c.serviceConnect),
    c.reason,
  ]);
  const header = ['CALLER', 'URL', 'CHANGE', 'APP MESH', 'SERVICE CONNECT', 'WHY'];
  const count = diff.changes.length === 1 ? '1 change' : `${diff.changes.length} changes`;
  return `${table(header, rows)}\n${count} from App Mesh to ${to}: ${tried}.\n`;
}

/** `green 800 yellow 200`, failures by reason: `EGRESS_DENIED 1000`. */
function counts(result: SampleResult): string {
  const byCount = (entries: [string, number | undefined][]) =>
    entries.sort(([a, x], [b, y]) => (y ?? 0) - (x ?? 0) || (a < b ? -1 : 1)).map(([k, n]) => `${k} ${n}`);
  return [...byCount(Object.entries(result.answers)), ...byCount(Object.entries(result.failures))].join(' ');
}
