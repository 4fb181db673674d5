/** Field constraints of the App Mesh model (aws-facts 3.5), each throwing BadRequestException in AWS's wording. */
import { invalidField } from './errors.js';

export function required<T>(path: string, value: T | undefined | null): T {
  if (value === undefined || value === null) throw invalidField(path, 'null', 'Member must not be null');
  return value;
}

export function length(path: string, value: string | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (value.length < min) {
    throw invalidField(path, value, `Member must have length greater than or equal to ${min}`);
  }
  if (value.length > max) {
    throw invalidField(path, value, `Member must have length less than or equal to ${max}`);
  }
}

export function requiredLength(path: string, value: string | undefined, min: number, max: number): void {
  length(path, required(path, value), min, max);
}

export function range(
  path: string,
  value: number | undefined,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): void {
  if (value === undefined) return;
  if (!Number.isInteger(value)) throw invalidField(path, value, 'Member must be an integer');
  if (value < min) throw invalidField(path, value, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw invalidField(path, value, `Member must have value less than or equal to ${max}`);
}

export function requiredRange(path: string, value: number | undefined, min: number, max?: number): void {
  range(path, required(path, value), min, max);
}

export function oneOf(path: string, value: string | undefined, allowed: readonly string[]): void {
  if (value === undefined) return;
  if (!allowed.includes(value)) {
    throw invalidField(path, value, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
}

export function count(path: string, list: readonly unknown[] | undefined, min: number, max: number): void {
  if (list === undefined) return;
  if (list.length < min) {
    throw invalidField(
      path,
      `[${list.length} items]`,
      `Member must have length greater than or equal to ${min}`,
    );
  }
  if (list.length > max) {
    throw invalidField(
      path,
      `[${list.length} items]`,
      `Member must have length less than or equal to ${max}`,
    );
  }
}

/** The path of a list member, as AWS writes it: `spec.listeners.1.member`. */
export function member(path: string, index: number): string {
  return `${path}.${index + 1}.member`;
}
