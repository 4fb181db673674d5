import { ConflictException, NotFoundException, TooManyRequestsException } from '@aws-sdk/client-app-mesh';
import { describe, expect, it } from 'vitest';
import { isTransient, withRetries } from '../../src/execute/retry.js';

const fast = { retries: 5, throttlingRetries: 5, minDelayMs: 1, maxDelayMs: 2, maxTotalMs: 5_000 };
const aws = <E>(Exception: new (o: { message: string; $metadata: object }) => E, message: string) =>
  new Exception({ message, $metadata: {} });

describe('retries', () => {
  it('classifies throttling, 5xx and not-yet-visible dependencies as transient, and nothing else', () => {
    expect(isTransient(aws(TooManyRequestsException, 'slow down'))).toBe(true);
    expect(isTransient(aws(NotFoundException, 'mesh not found'))).toBe(true);
    expect(isTransient({ name: 'Throttling', $metadata: { httpStatusCode: 400 } })).toBe(true);
    expect(isTransient({ name: 'InternalFailure', $fault: 'server' })).toBe(true);
    expect(isTransient({ name: 'NoSuchEntityException' })).toBe(true);
    expect(
      isTransient({ name: 'InvalidParameterException', message: 'ECS was unable to assume the role arn:x' }),
    ).toBe(true);
    expect(isTransient(aws(ConflictException, 'name taken'))).toBe(false);
    expect(
      isTransient({ name: 'InvalidParameterException', message: 'Creation of service was not idempotent.' }),
    ).toBe(false);
    expect(isTransient(new TypeError('bug'))).toBe(false);
  });

  it('retries a transient error until it succeeds', async () => {
    let attempts = 0;
    const retried: number[] = [];
    const value = await withRetries(
      async () => {
        attempts += 1;
        if (attempts < 3) throw aws(TooManyRequestsException, 'slow down');
        return 'done';
      },
      fast,
      { onRetry: (_e, n) => retried.push(n) },
    );
    expect(value).toBe('done');
    expect(attempts).toBe(3);
    expect(retried).toEqual([1, 2]);
  });

  it('fails fast on anything else, with the AWS error itself', async () => {
    let attempts = 0;
    const error = await withRetries(async () => {
      attempts += 1;
      throw aws(ConflictException, 'VirtualNode with name red already exists');
    }, fast).catch((e: unknown) => e);
    expect(attempts).toBe(1);
    expect(error).toBeInstanceOf(ConflictException);
    expect((error as Error).message).toBe('VirtualNode with name red already exists');
  });

  it('gives up after the configured retries', async () => {
    let attempts = 0;
    await expect(
      withRetries(async () => {
        attempts += 1;
        throw aws(TooManyRequestsException, 'slow down');
      }, fast),
    ).rejects.toBeInstanceOf(TooManyRequestsException);
    expect(attempts).toBe(6);
  });
});
