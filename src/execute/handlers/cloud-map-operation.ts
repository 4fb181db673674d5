/** Cloud Map's asynchronous operations (namespace create/update/delete, service update): poll GetOperation. */
import { GetOperationCommand, type Operation } from '@aws-sdk/client-servicediscovery';
import { isAwsError, pollUntil, sendOptions } from './common.js';
import type { HandlerContext } from './types.js';

export class CloudMapOperationError extends Error {
  constructor(operation: Operation) {
    super(
      `Cloud Map operation ${operation.Id} (${operation.Type}) failed: ${operation.ErrorCode ?? ''} ${operation.ErrorMessage ?? ''}`.trim(),
    );
    this.name = 'CloudMapOperationError';
  }
}

/** Until the operation is SUCCESS (returned) or FAIL (thrown). Polled by hand: Cloud Map has no waiters. */
export function waitForOperation(operationId: string, ctx: HandlerContext): Promise<Operation> {
  return pollUntil(ctx, `Cloud Map operation ${operationId}`, async () => {
    const { Operation: operation } = await ctx.clients.cloudMap.send(
      new GetOperationCommand({ OperationId: operationId }),
      sendOptions(ctx),
    );
    if (operation?.Status === 'FAIL') throw new CloudMapOperationError(operation);
    return operation?.Status === 'SUCCESS' ? operation : undefined;
  });
}

/**
 * The id of the operation a call starts. A call sent again while its first operation still runs
 * (a retry after a lost answer) is refused with DuplicateRequest naming that operation: it is the one.
 */
export async function operationOf(
  start: () => Promise<{ OperationId?: string }>,
): Promise<string | undefined> {
  try {
    return (await start()).OperationId;
  } catch (error) {
    const running = (error as { DuplicateOperationId?: string }).DuplicateOperationId;
    if (isAwsError(error, 'DuplicateRequest') && running !== undefined) return running;
    throw error;
  }
}
