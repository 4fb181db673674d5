/**
 * Container environments: a record of variable names to string values. ECS takes each value as a
 * string; a number, null or object from untyped code would otherwise reach the task definition as
 * whatever the SDK makes of it.
 */
import { isPlainObject } from '../definition/not-data.js';
import { issue, type PlanIssue, show } from './issue.js';

export function checkContainerEnvironment(
  out: PlanIssue[],
  path: string,
  fieldName: string,
  environment: unknown,
): void {
  if (environment === undefined) return;
  // Stand-ins and other non-records are the plain-data check's to report.
  if (typeof environment !== 'object' || environment === null || Array.isArray(environment)) {
    out.push(
      issue('INVALID_VALUE', path, 'an object of variable names to string values', show(environment), {
        field: fieldName,
      }),
    );
    return;
  }
  if (!isPlainObject(environment)) return;
  const record = environment as Readonly<Record<string, unknown>>;
  for (const name of Object.keys(record)) {
    const value = record[name];
    if (typeof value === 'string') continue;
    out.push(
      issue('INVALID_VALUE', path, 'a string', show(value), {
        field: `${fieldName}[${JSON.stringify(name)}]`,
        explanation: 'ECS environment values are strings: write numbers and flags as text.',
      }),
    );
  }
}
