import { ConflictException, NotFoundException, TooManyRequestsException } from '@aws-sdk/client-app-mesh';
import { describe, expect, it } from 'vitest';
import { WaitTimeoutError } from '../../src/execute/handlers/common.js';
import { isTransient, withRetries } from '../../src/execute/retry.js';
import { callRetriable } from '../../src/execute/retrying-clients.js';

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

  it('classifies network errors and timeouts as the SDK raises them as transient, not quotas or waits that gave up', () => {
    // node-http-handler renames a reset, a broken pipe or a timed-out socket to TimeoutError, keeping the code.
    const reset = Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' });
    expect(isTransient(reset)).toBe(true);
    expect(isTransient(Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }))).toBe(true);
    expect(isTransient(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
    expect(isTransient(Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' }))).toBe(true);
    expect(isTransient(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toBe(true);
    expect(isTransient({ name: 'RequestTimeout', $metadata: { httpStatusCode: 400 } })).toBe(true);
    expect(isTransient({ name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } })).toBe(true);
    // The SDK's throttling list has LimitExceededException; here it is a quota, which waiting does not lift.
    expect(isTransient({ name: 'LimitExceededException', $metadata: { httpStatusCode: 400 } })).toBe(false);
    expect(isTransient(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toBe(false);
    // The SDK also looks at an error's cause; a waiter that gave up wraps a TimeoutError.
    const waiterTimeout = Object.assign(new Error('waiter timed out'), { name: 'TimeoutError' });
    expect(isTransient(new WaitTimeoutError('service to be stable', 900_000, { cause: waiterTimeout }))).toBe(
      false,
    );
  });

  it('retries reads on network errors, and writes only when throttled (AWS did nothing)', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { name: 'TimeoutError', code: 'ECONNRESET' });
    const serverError = { name: 'InternalFailure', $fault: 'server', $metadata: { httpStatusCode: 500 } };
    const throttled = aws(TooManyRequestsException, 'slow down');
    expect(callRetriable('DescribeVirtualNodeCommand', reset)).toBe(true);
    expect(callRetriable('ListTagsForResourceCommand', serverError)).toBe(true);
    expect(callRetriable('CreateVirtualNodeCommand', throttled)).toBe(true);
    expect(callRetriable('CreateVirtualNodeCommand', reset)).toBe(false);
    expect(callRetriable('DeleteRoleCommand', serverError)).toBe(false);
    expect(callRetriable('GetRoleCommand', aws(NotFoundException, 'not found'))).toBe(false);
  });

  it('gives throttling its own, larger budget', async () => {
    const settings = { ...fast, retries: 2, throttlingRetries: 6 };
    let throttledAttempts = 0;
    await expect(
      withRetries(async () => {
        throttledAttempts += 1;
        throw aws(TooManyRequestsException, 'slow down');
      }, settings),
    ).rejects.toBeInstanceOf(TooManyRequestsException);
    expect(throttledAttempts).toBe(7);

    let missingAttempts = 0;
    await expect(
      withRetries(async () => {
        missingAttempts += 1;
        throw aws(NotFoundException, 'mesh not found');
      }, settings),
    ).rejects.toBeInstanceOf(NotFoundException);
    expect(missingAttempts).toBe(3);
  });

  it('does not retry again what an inner retry already retried to the end', async () => {
    let calls = 0;
    const call = () =>
      withRetries(async () => {
        calls += 1;
        throw aws(TooManyRequestsException, 'slow down');
      }, fast);
    await expect(withRetries(call, fast)).rejects.toBeInstanceOf(TooManyRequestsException);
    expect(calls).toBe(6);
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
