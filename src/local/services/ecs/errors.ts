/** ECS's own errors, with AWS's wording. */
import {
  ClientException,
  ClusterNotFoundException,
  InvalidParameterException,
  ServiceNotActiveException,
  ServiceNotFoundException,
} from '@aws-sdk/client-ecs';
import { awsError } from '../../aws-error.js';

export const clientError = (message: string) => awsError(ClientException, message, 400);
export const invalidParameter = (message: string) => awsError(InvalidParameterException, message, 400);
export const clusterNotFound = () => awsError(ClusterNotFoundException, 'Cluster not found.', 400);
export const serviceNotFound = () => awsError(ServiceNotFoundException, 'Service not found.', 400);
export const serviceNotActive = () => awsError(ServiceNotActiveException, 'Service was not ACTIVE.', 400);
