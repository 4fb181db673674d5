/**
 * Transport errors as the SDK's Node HTTP handler raises them when a connection drops: a socket
 * timeout, and a reset socket (which the handler also renames `TimeoutError`, keeping the code).
 * A 5xx from the service is the third kind; the service itself makes that one.
 */
export type TransportErrorKind = 'timeout' | 'connectionReset' | 'serverError';

export function socketTimeout(): Error {
  return Object.assign(
    new Error(
      '@smithy/node-http-handler - the request socket timed out after 120000 ms of inactivity (service default socket timeout).',
    ),
    { name: 'TimeoutError' },
  );
}

export function connectionReset(): Error {
  return Object.assign(new Error('read ECONNRESET'), {
    name: 'TimeoutError',
    code: 'ECONNRESET',
    errno: -104,
    syscall: 'read',
  });
}
