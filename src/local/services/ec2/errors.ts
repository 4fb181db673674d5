/** EC2's errors: none are modeled, so the SDK raises EC2ServiceException named by AWS's code. */
import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { unmodeledError } from '../../aws-error.js';

export function ec2Error(code: string, message: string, httpStatusCode = 400): EC2ServiceException {
  return unmodeledError(EC2ServiceException, code, message, httpStatusCode);
}

export function invalidParameter(message: string): EC2ServiceException {
  return ec2Error('InvalidParameterValue', message);
}

export function vpcNotFound(vpcId: string): EC2ServiceException {
  return ec2Error('InvalidVpcID.NotFound', `The vpc ID '${vpcId}' does not exist`);
}

export function subnetNotFound(subnetId: string): EC2ServiceException {
  return ec2Error('InvalidSubnetID.NotFound', `The subnet ID '${subnetId}' does not exist`);
}

export function groupNotFound(group: string): EC2ServiceException {
  return ec2Error('InvalidGroup.NotFound', `The security group '${group}' does not exist`);
}

export function missingParameter(name: string): EC2ServiceException {
  return ec2Error('MissingParameter', `The request must contain the parameter ${name}`);
}
