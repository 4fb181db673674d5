/**
 * Subset comparison of a desired create input against what AWS reports: every field the input
 * sets must be equal; fields AWS adds (defaults, metadata) are ignored.
 */

/** Paths where `observed` does not match `desired`; [] when every desired field is there and equal. */
export function differences(desired: unknown, observed: unknown, path = ''): string[] {
  if (desired === undefined || desired === null) return [];
  if (Array.isArray(desired)) {
    // AWS drops empty lists it was given (attributes: [] comes back absent).
    if (desired.length === 0 && (observed === undefined || observed === null)) return [];
    if (!Array.isArray(observed) || observed.length !== desired.length) return [path || '.'];
    return desired.flatMap((item, index) => differences(item, observed[index], `${path}[${index}]`));
  }
  if (typeof desired === 'object') {
    if (typeof observed !== 'object' || observed === null || Array.isArray(observed)) {
      return Object.values(desired).every((v) => v === undefined) ? [] : [path || '.'];
    }
    const record = observed as Record<string, unknown>;
    return Object.entries(desired).flatMap(([key, value]) =>
      differences(value, record[key], path === '' ? key : `${path}.${key}`),
    );
  }
  return desired === observed ? [] : [path || '.'];
}

/** The input without the fields `changes` never compares (tokens, tags). */
export function withoutKeys<T extends object>(input: T, keys: readonly string[]): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([key]) => !keys.includes(key))) as Partial<T>;
}

/** A policy document as the JSON text the plan holds: IAM returns it URL-encoded. */
export function policyText(document: string | undefined): string | undefined {
  if (document === undefined) return undefined;
  return document.trimStart().startsWith('{') ? document : decodeURIComponent(document);
}

/** A policy document as data, to compare two texts that differ only in spacing or encoding. */
export function parsePolicy(document: string | undefined): unknown {
  const text = policyText(document);
  return text === undefined ? undefined : JSON.parse(text);
}
