/**
 * ELBv2: the local cloud against moto. Compared: a network load balancer in two default-VPC
 * subnets, an ip target group, a TCP listener, targets registered, described and deregistered,
 * ResourceInUse on a target group a listener uses, teardown, errors; SetSecurityGroups on a
 * network load balancer; an application load balancer's listener rules (weighted forward,
 * priorities, a target group in use by a rule).
 */

import { elbv2ApplicationRules } from './elbv2-rules-scenario.js';
import { describeDifferential, type MotoInfidelity } from './harness.js';
import { elbv2Duplicates, elbv2NetworkLoadBalancer, elbv2SecurityGroups } from './scenarios.js';

const ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';

const INFIDELITIES: readonly MotoInfidelity[] = [
  {
    scenario: 'elbv2SecurityGroups',
    step: 'set on a load balancer made without security groups',
    moto: 'sets them',
    aws: "InvalidConfigurationRequest: a Network Load Balancer created without security groups can't get any later",
    source:
      'ELBv2 API reference, SetSecurityGroups; Network Load Balancer guide, "Update the security groups" (Considerations)',
    awsOutcome: { error: 'InvalidConfigurationRequestException' },
  },
  {
    scenario: 'elbv2NetworkLoadBalancer',
    step: 'load balancer arn',
    moto: 'loadbalancer/app/<name>/<id> for a network load balancer',
    aws: 'loadbalancer/net/<name>/<id>',
    source: 'ELBv2 API reference, CreateLoadBalancer example; moto.md',
    awsOutcome: { ok: `${ARN}:loadbalancer/net/color-nlb/*` },
  },
  {
    scenario: 'elbv2NetworkLoadBalancer',
    step: 'listener arn',
    moto: 'listener/app/<name>/<id>/<id>',
    aws: 'listener/net/<name>/<id>/<id>',
    source: 'ELBv2 API reference, CreateListener example; moto.md',
    awsOutcome: { ok: `${ARN}:listener/net/color-nlb/*/*` },
  },
  {
    scenario: 'elbv2Duplicates',
    step: 'create target group again',
    moto: 'DuplicateTargetGroupName',
    aws: 'idempotent: the same settings return the existing target group',
    source: 'ELBv2 API reference, CreateTargetGroup ("each call succeeds")',
    awsOutcome: { ok: true },
  },
  {
    scenario: 'elbv2Duplicates',
    step: 'create listener again',
    moto: 'creates a second listener on the same port',
    aws: 'idempotent: the same settings return the existing listener',
    source: 'ELBv2 API reference, CreateListener ("each call succeeds")',
    awsOutcome: { ok: true },
  },
  {
    scenario: 'elbv2Duplicates',
    step: 'create load balancer again',
    moto: 'creates a second load balancer with the same name',
    aws: 'idempotent: the same settings return the existing load balancer',
    source: 'ELBv2 API reference, CreateLoadBalancer ("each call succeeds")',
    awsOutcome: { ok: true },
  },
  {
    scenario: 'elbv2Duplicates',
    step: 'create load balancer with the same name and another scheme',
    moto: 'creates a second load balancer with the same name',
    aws: 'DuplicateLoadBalancerName',
    source: 'ELBv2 API reference, CreateLoadBalancer errors',
    awsOutcome: { error: 'DuplicateLoadBalancerNameException' },
  },
  {
    scenario: 'elbv2ApplicationRules',
    step: 'delete rule again',
    moto: 'succeeds',
    aws: 'RuleNotFound: the rule does not exist',
    source: 'ELBv2 API reference, DeleteRule errors (RuleNotFound: "The specified rule does not exist")',
    awsOutcome: { error: 'RuleNotFoundException' },
  },
];

describeDifferential(
  'ELBv2',
  { elbv2NetworkLoadBalancer, elbv2Duplicates, elbv2SecurityGroups, elbv2ApplicationRules },
  INFIDELITIES,
);
