/** Cloud Map's asynchronous operations (namespace create/update/delete, service update): poll GetOperation. */
import { GetOperationCommand, type Operation } from '@aws-sdk/client-servicediscovery';
import { pollUntil, sendOptions } from './common.js';
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
