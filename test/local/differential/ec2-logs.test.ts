/**
 * EC2 security groups and CloudWatch Logs: the local cloud against moto. Compared: a group in
 * the default VPC with a self-referencing rule and a CIDR rule, InvalidGroup.Duplicate,
 * InvalidPermission.Duplicate, revoke, delete, InvalidGroup.NotFound; log group create,
 * ResourceAlreadyExists, retention, describe, delete, ResourceNotFound; VPC Lattice's AWS-managed
 * prefix lists and a rule naming one. moto is faithful to AWS for every step (moto.md) but one: it
 * takes a prefix list id that does not exist.
 */
import { describeDifferential } from './harness.js';
import { ec2PrefixLists, ec2SecurityGroups, logsLifecycle } from './scenarios.js';

describeDifferential('EC2 and CloudWatch Logs', { ec2SecurityGroups, ec2PrefixLists, logsLifecycle }, [
  {
    scenario: 'ec2PrefixLists',
    step: 'authorize a list that does not exist',
    moto: 'adds the rule: it does not check that the prefix list exists',
    aws: "refuses the call: InvalidPrefixListID.NotFound, The prefix list ID '<id>' does not exist",
    source:
      'EC2 API error codes (InvalidPrefixListID.NotFound); CloudFormation reports the same message for AWS::EC2::SecurityGroupIngress',
    awsOutcome: { error: 'InvalidPrefixListID.NotFound' },
  },
]);
