/**
 * The request handler of a local cloud's clients. The cloud answers every call before it would be
 * sent, so the handler is never asked; one shared object spares each client the SDK's default
 * HTTP handler (its agents and sockets set up for nothing), a tenth of making a client.
 */
export const UNSENT_REQUESTS = Object.freeze({
  handle(): Promise<never> {
    return Promise.reject(
      new Error('A local cloud client sent a request: the local cloud answers them all.'),
    );
  },
  updateHttpClientConfig(): void {},
  httpHandlerConfigs(): Record<string, never> {
    return {};
  },
});
