/**
 * IAM's input constraints (botocore's iam model) and AWS's way of reporting them: one
 * ValidationError that lists every member that failed, "N validation error(s) detected: ...".
 */
import { validationError } from './errors.js';

interface Constraint {
  readonly min?: number;
  readonly max?: number;
  /** The model's pattern, as AWS quotes it, and as a JS regular expression. */
  readonly pattern?: readonly [string, RegExp];
}

export const NAME: Constraint = { min: 1, max: 64, pattern: ['[\\w+=,.@-]+', /^[\w+=,.@-]+$/] };
export const POLICY_NAME: Constraint = { min: 1, max: 128, pattern: ['[\\w+=,.@-]+', /^[\w+=,.@-]+$/] };
export const PATH: Constraint = {
  min: 1,
  max: 512,
  pattern: ['(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)', /^(\/|\/[\x21-\x7E]+\/)$/],
};
export const PATH_PREFIX: Constraint = {
  min: 1,
  max: 512,
  pattern: ['\\u002F[\\u0021-\\u007F]*', /^\/[\x21-\x7F]*$/],
};
export const DESCRIPTION: Constraint = { max: 1000 };
export const DOCUMENT: Constraint = { min: 1, max: 131072 };
export const TAG_KEY: Constraint = {
  min: 1,
  max: 128,
  pattern: ['[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+', /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u],
};
export const TAG_VALUE: Constraint = {
  max: 256,
  pattern: ['[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*', /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u],
};

/** Collects failures of one request; `throwIfAny` raises them as AWS does, all at once. */
export class InputCheck {
  readonly #failures: string[] = [];

  text(member: string, value: string | undefined, constraint: Constraint): this {
    if (value === undefined) return this;
    const quoted = `Value '${value}' at '${member}' failed to satisfy constraint: Member must`;
    if (constraint.min !== undefined && value.length < constraint.min) {
      this.#failures.push(`${quoted} have length greater than or equal to ${constraint.min}`);
    } else if (constraint.max !== undefined && value.length > constraint.max) {
      this.#failures.push(`${quoted} have length less than or equal to ${constraint.max}`);
    } else if (constraint.pattern !== undefined && !constraint.pattern[1].test(value)) {
      this.#failures.push(`${quoted} satisfy regular expression pattern: ${constraint.pattern[0]}`);
    }
    return this;
  }

  range(member: string, value: number | undefined, min: number, max: number): this {
    if (value === undefined) return this;
    const quoted = `Value '${value}' at '${member}' failed to satisfy constraint: Member must have value`;
    if (value < min) this.#failures.push(`${quoted} greater than or equal to ${min}`);
    else if (value > max) this.#failures.push(`${quoted} less than or equal to ${max}`);
    return this;
  }

  required(member: string, value: unknown): this {
    if (value === undefined) {
      this.#failures.push(`Value null at '${member}' failed to satisfy constraint: Member must not be null`);
    }
    return this;
  }

  tags(member: string, tags: readonly { Key?: string; Value?: string }[] | undefined): this {
    (tags ?? []).forEach((tag, i) => {
      this.text(`${member}.${i + 1}.member.key`, tag.Key, TAG_KEY);
      this.text(`${member}.${i + 1}.member.value`, tag.Value, TAG_VALUE);
    });
    return this;
  }

  throwIfAny(): void {
    const n = this.#failures.length;
    if (n === 0) return;
    throw validationError(
      `${n} validation error${n === 1 ? '' : 's'} detected: ${this.#failures.join('; ')}`,
    );
  }
}
