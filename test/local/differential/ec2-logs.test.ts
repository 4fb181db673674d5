/**
 * EC2 security groups and CloudWatch Logs: the local cloud against moto. Compared: a group in
 * the default VPC with a self-referencing rule and a CIDR rule, InvalidGroup.Duplicate,
 * InvalidPermission.Duplicate, revoke, delete, InvalidGroup.NotFound; log group create,
 * ResourceAlreadyExists, retention, describe, delete, ResourceNotFound. moto is faithful to AWS
 * for every step (moto.md), so nothing is skipped.
 */
import { describeDifferential } from './harness.js';
import { ec2SecurityGroups, logsLifecycle } from './scenarios.js';

describeDifferential('EC2 and CloudWatch Logs', { ec2SecurityGroups, logsLifecycle }, []);
