/** The local cloud on disk, so that separate processes (a CLI run, a crashed apply and its resume) share one cloud. */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface SavedState {
  readonly core: unknown;
  readonly services: unknown;
}

const FORMAT = 'appmesh-builder/local-cloud@1';

export function readStateFile(path: string): SavedState | undefined {
  if (!existsSync(path)) return undefined;
  const saved = JSON.parse(readFileSync(path, 'utf8')) as { format?: string } & SavedState;
  if (saved.format !== FORMAT) {
    throw new Error(
      `${path} is not a local cloud state file: expected format ${FORMAT}, received ${saved.format}`,
    );
  }
  return { core: saved.core, services: saved.services };
}

/**
 * Written whole and renamed into place, so that a process killed mid-write leaves the last good
 * state. Private (0600): it holds every input sent to the cloud, environment values included.
 */
export function writeStateFile(path: string, state: SavedState): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ format: FORMAT, ...state }), { mode: 0o600 });
  renameSync(temporary, path);
}
