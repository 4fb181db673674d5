/** ELBv2's unmodeled errors (ValidationError, Throttling, ...) and its not-found wording. */
import {
  ElasticLoadBalancingV2ServiceException,
  ListenerNotFoundException,
  LoadBalancerNotFoundException,
  TargetGroupNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsError, unmodeledError } from '../../aws-error.js';

/** A code the ELBv2 model does not declare, raised as the SDK raises it: the base exception, by name. */
export function elbv2Error(code: string, message: string, httpStatusCode = 400): Error {
  return unmodeledError(ElasticLoadBalancingV2ServiceException, code, message, httpStatusCode);
}

export function validationError(message: string): Error {
  return elbv2Error('ValidationError', message);
}

/** AWS's input-constraint wording: `1 validation error detected: Value 'x' at 'field' failed ...`. */
export function enumError(value: unknown, field: string, allowed: readonly string[]): Error {
  return validationError(
    `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
  );
}

/** An optional integer parameter must lie in [min, max]: AWS's input-constraint wording otherwise. */
export function inRange(value: number | undefined, field: string, min: number, max: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= max)) {
    throw validationError(
      `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must have value between ${min} and ${max}`,
    );
  }
}

export function loadBalancerNotFound(message = 'One or more load balancers not found'): Error {
  return awsError(LoadBalancerNotFoundException, message, 400);
}

export function targetGroupNotFound(message = 'One or more target groups not found'): Error {
  return awsError(TargetGroupNotFoundException, message, 400);
}

export function listenerNotFound(message = 'One or more listeners not found'): Error {
  return awsError(ListenerNotFoundException, message, 400);
}
