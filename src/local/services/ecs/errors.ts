/** ECS's own errors, with AWS's wording. */

import { ecsSdk } from '../../../sdk.js';
import { awsError } from '../../aws-error.js';

export const clientError = (message: string) => awsError(ecsSdk().ClientException, message, 400);
export const invalidParameter = (message: string) =>
  awsError(ecsSdk().InvalidParameterException, message, 400);
export const clusterNotFound = () => awsError(ecsSdk().ClusterNotFoundException, 'Cluster not found.', 400);
export const serviceNotFound = () => awsError(ecsSdk().ServiceNotFoundException, 'Service not found.', 400);
export const serviceNotActive = () =>
  awsError(ecsSdk().ServiceNotActiveException, 'Service was not ACTIVE.', 400);
