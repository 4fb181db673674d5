/** Journal files as a user finds them on disk: their lines, their records, and a throwaway folder for them. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JournalRecord } from '../../../src/execute/journal.js';

/** A fresh folder under the system's temp dir, and the function that removes it. */
export function scratchDir(prefix: string): {
  readonly dir: string;
  readonly remove: () => void;
  /** A new folder inside it, one for each test. */
  readonly caseDir: () => string;
} {
  const dir = mkdtempSync(join(tmpdir(), `appmesh-${prefix}-`));
  let cases = 0;
  return {
    dir,
    remove: () => rmSync(dir, { recursive: true, force: true }),
    caseDir: () => mkdtempSync(join(dir, `case-${++cases}-`)),
  };
}

/** The journal's lines, empty ones left out (the file ends with a newline). */
export function journalLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

/** Every record of the journal; throws if a line is not JSON. */
export function journalRecords(path: string): JournalRecord[] {
  return journalLines(path).map((line) => JSON.parse(line) as JournalRecord);
}

/** The run ids of the journal's apply records, in order. */
export function applyRunIds(path: string): (string | undefined)[] {
  return journalRecords(path)
    .filter((r) => r.type === 'apply')
    .map((r) => (r.type === 'apply' ? r.runId : undefined));
}
