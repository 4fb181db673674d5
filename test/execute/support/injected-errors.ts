/** Errors the tests make the local cloud answer, shaped as the SDK shapes AWS's. */

/** A definite no from AWS (HTTP 403, a client fault): retrying cannot change it. */
export function accessDenied(): Error {
  return Object.assign(new Error('Injected denial'), {
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 403 },
  });
}
