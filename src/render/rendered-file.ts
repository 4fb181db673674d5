/** One output file of a renderer. Renderers return these sorted by path; only write-files.ts touches disk. */
export interface RenderedFile {
  /** Relative, `/`-separated path inside the output directory. */
  readonly path: string;
  readonly contents: string;
}

/** JSON text the same way every time: insertion key order (the plan is deterministic), 2 spaces, final newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function sortByPath(files: readonly RenderedFile[]): RenderedFile[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
