/** Clients of a local cloud with a hook around every call, and a promise to coordinate runs. */
import type { LocalCloud } from '../../../src/local/local-cloud.js';

type Handler = (args: unknown) => Promise<unknown>;
/** What every SDK client's stack takes, whatever its service. */
interface StackClient {
  middlewareStack: {
    add(
      middleware: (next: Handler, context: { commandName?: string }) => Handler,
      options: { step: 'initialize'; name: string },
    ): void;
  };
}

/** Clients of `cloud` whose every call (`CreateMesh`, ...) goes through `around` first. */
export function clientsWith(
  cloud: LocalCloud,
  around: (command: string, send: () => Promise<unknown>) => Promise<unknown>,
) {
  const clients = cloud.clients({ maxAttempts: 1 });
  for (const client of Object.values(clients) as StackClient[]) {
    client.middlewareStack.add(
      (next, context) => (args) =>
        around((context.commandName ?? '').replace(/Command$/, ''), () => next(args)),
      { step: 'initialize', name: 'testAround' },
    );
  }
  return clients;
}

/** A promise, and the function that resolves it (Node 20 has no Promise.withResolvers). */
export function signal(): { readonly promise: Promise<void>; readonly resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
