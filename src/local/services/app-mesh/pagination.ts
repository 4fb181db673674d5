/** List pagination: `limit` 1-100, `nextToken` is the next index as a string. */
import { badRequest } from './errors.js';
import { range } from './field-checks.js';

export function page<T>(
  items: readonly T[],
  limit: number | undefined,
  nextToken: string | undefined,
  maxLimit = 100,
): { items: T[]; nextToken?: string } {
  range('limit', limit, 1, maxLimit);
  const start = nextToken === undefined ? 0 : Number(nextToken);
  if (nextToken !== undefined && (!/^\d+$/.test(nextToken) || start > items.length)) {
    throw badRequest(`Invalid nextToken: ${nextToken}`);
  }
  const end = Math.min(items.length, start + (limit ?? maxLimit));
  return { items: items.slice(start, end), ...(end < items.length ? { nextToken: String(end) } : {}) };
}
