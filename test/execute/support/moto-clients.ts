/**
 * What the executor's end-to-end test against moto adds to `MotoServer.clients()`: a record of every
 * call each client sends (to count writes), and AWS's App Mesh error names in place of moto's.
 */
import { ConflictException, NotFoundException } from '@aws-sdk/client-app-mesh';
import type { AwsClients } from '../../../src/clients.js';

export interface SentCall {
  readonly service: keyof AwsClients;
  readonly command: string;
}

/** Reads never change anything; every other command is a write. */
export function isWrite(call: SentCall): boolean {
  return !/^(Describe|Get|List|Discover)/.test(call.command);
}

interface StackClient {
  middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<unknown>,
        context: { commandName?: string },
      ) => (args: unknown) => Promise<unknown>,
      options: { step: 'initialize'; name: string; priority: 'high' },
    ): void;
  };
}

/** Appends each command every client sends (before it is sent) to the returned list. */
export function recordCalls(clients: AwsClients): SentCall[] {
  const calls: SentCall[] = [];
  for (const service of Object.keys(clients) as (keyof AwsClients)[]) {
    (clients[service] as unknown as StackClient).middlewareStack.add(
      (next, context) => (args) => {
        calls.push({ service, command: (context.commandName ?? '?').replace(/Command$/, '') });
        return next(args);
      },
      { step: 'initialize', name: 'recordCalls', priority: 'high' },
    );
  }
  return calls;
}

/**
 * moto answers App Mesh errors with HTTP 400 and its own names (`MeshNotFound`,
 * `VirtualNodeNameAlreadyTaken`, moto.md) where AWS says NotFoundException (404) and
 * ConflictException (409). The executor rightly knows only AWS's names, so this renames moto's
 * errors on the way back, as the App Mesh timestamp wrapper fixes moto's dates: the executor under
 * test then sees what AWS would send.
 */
export function withAwsAppMeshErrors(clients: AwsClients): AwsClients {
  (clients.appMesh as unknown as StackClient).middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        throw awsAppMeshError(error);
      }
    },
    { step: 'initialize', name: 'awsAppMeshErrors', priority: 'high' },
  );
  return clients;
}

function awsAppMeshError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const $metadata = (error as { $metadata?: object }).$metadata ?? {};
  if (/^\w+NotFound$/.test(error.name)) {
    return new NotFoundException({
      message: error.message,
      $metadata: { ...$metadata, httpStatusCode: 404 },
    });
  }
  if (/^\w+(NameAlreadyTaken|AlreadyExists)$/.test(error.name)) {
    return new ConflictException({
      message: error.message,
      $metadata: { ...$metadata, httpStatusCode: 409 },
    });
  }
  return error;
}
