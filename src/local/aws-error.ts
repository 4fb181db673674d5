/**
 * AWS errors as the SDK itself raises them: the service's own exception classes, with AWS's
 * codes, HTTP status and messages, so `instanceof ConflictException` works against the local cloud.
 */

interface ErrorMetadata {
  httpStatusCode?: number;
  requestId?: string;
}

type ModeledException<E> = new (options: { message: string; $metadata: ErrorMetadata }) => E;

type ServiceExceptionBase<E> = new (options: {
  name: string;
  $fault: 'client' | 'server';
  message: string;
  $metadata: ErrorMetadata;
}) => E;

/**
 * A modeled exception (`ConflictException`, `NamespaceAlreadyExists`, ...), with the extra members
 * AWS sends along (`NamespaceId`, `DuplicateOperationId`, ...).
 */
export function awsError<E extends Error>(
  Exception: ModeledException<E>,
  message: string,
  httpStatusCode: number,
  extra: Partial<Omit<E, keyof Error>> = {},
): E {
  return Object.assign(new Exception({ message, $metadata: { httpStatusCode } }), extra);
}

/**
 * An error code that the service's model does not declare (IAM `Throttling`, EC2
 * `InvalidGroup.NotFound`, ...): the SDK raises those as the service's base exception with that name.
 */
export function unmodeledError<E extends Error>(
  Base: ServiceExceptionBase<E>,
  name: string,
  message: string,
  httpStatusCode = 400,
): E {
  return new Base({
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    message,
    $metadata: { httpStatusCode },
  });
}
