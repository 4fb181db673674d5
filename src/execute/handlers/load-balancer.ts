/**
 * Network load balancer, found by name. Subnets and security groups update in place (SetSubnets,
 * SetSecurityGroups); name, type and scheme are fixed at creation. Both are compared as sets:
 * AWS lists subnets by availability zone, not in the order given.
 */
import {
  CreateLoadBalancerCommand,
  DeleteLoadBalancerCommand,
  DescribeLoadBalancersCommand,
  type LoadBalancer,
  SetSecurityGroupsCommand,
  SetSubnetsCommand,
  waitUntilLoadBalancerAvailable,
  waitUntilLoadBalancersDeleted,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ResourceInputs } from '../../plan/resource.js';
import { differences } from '../compare.js';
import { sendOptions, unlessNotFound, untilWaited } from './common.js';
import { elbv2Tags } from './elbv2-tags.js';
import type { HandlerContext, ResourceAttributes, ResourceHandler } from './types.js';

type Input = ResourceInputs['loadBalancer'];
const NOT_FOUND = 'LoadBalancerNotFoundException';
const FIXED = ['Name', 'Type', 'Scheme', 'IpAddressType', 'SubnetMappings'];

export const loadBalancerHandler: ResourceHandler<'loadBalancer'> = {
  async read(input, ctx) {
    const balancer = await describe({ Names: [input.Name ?? ''] }, ctx);
    if (balancer === undefined) return undefined;
    return {
      attributes: attributesOf(balancer),
      current: {
        Name: balancer.LoadBalancerName,
        Type: balancer.Type,
        Scheme: balancer.Scheme,
        IpAddressType: balancer.IpAddressType,
        Subnets: sorted(balancer.AvailabilityZones?.map((zone) => zone.SubnetId ?? '')),
        SecurityGroups: sorted(balancer.SecurityGroups),
      },
      tags: await elbv2Tags(balancer.LoadBalancerArn, ctx),
    };
  },
  changes(desired, observed) {
    return differences(comparable(desired), observed.current);
  },
  // CreateLoadBalancer with the same name and settings returns the existing one (AWS's own idempotency).
  async create(input, ctx) {
    const { LoadBalancers } = await ctx.clients.elbv2.send(
      new CreateLoadBalancerCommand(input),
      sendOptions(ctx),
    );
    const balancer = LoadBalancers?.[0];
    if (balancer === undefined) throw new Error(`CreateLoadBalancer ${input.Name} returned nothing`);
    return attributesOf(balancer);
  },
  async update(input, observed, ctx) {
    const changed = loadBalancerHandler.changes(input, observed);
    const fixed = changed.filter((path) => FIXED.some((field) => path.startsWith(field)));
    if (fixed.length > 0) {
      throw new Error(
        `Load balancer ${input.Name}: AWS cannot change ${fixed.join(', ')} in place; destroy and apply to replace it.`,
      );
    }
    const arn = observed.attributes.arn;
    if (changed.some((path) => path.startsWith('Subnets'))) {
      await ctx.clients.elbv2.send(
        new SetSubnetsCommand({ LoadBalancerArn: arn, Subnets: input.Subnets }),
        sendOptions(ctx),
      );
    }
    if (changed.some((path) => path.startsWith('SecurityGroups'))) {
      await ctx.clients.elbv2.send(
        new SetSecurityGroupsCommand({ LoadBalancerArn: arn, SecurityGroups: input.SecurityGroups }),
        sendOptions(ctx),
      );
    }
    return observed.attributes;
  },
  async delete(attributes, _input, ctx) {
    await unlessNotFound(
      () =>
        ctx.clients.elbv2.send(
          new DeleteLoadBalancerCommand({ LoadBalancerArn: attributes.arn }),
          sendOptions(ctx),
        ),
      NOT_FOUND,
    );
  },
  // The waiter has no failure state: a "failed" load balancer is retried until the timeout.
  async wait(attributes, ctx) {
    await untilWaited(ctx, `load balancer ${attributes.name} to be active`, (settings) =>
      waitUntilLoadBalancerAvailable(
        { client: ctx.clients.elbv2, ...settings },
        { LoadBalancerArns: [attributes.arn ?? ''] },
      ),
    );
  },
  async waitDeleted(attributes, ctx) {
    await untilWaited(ctx, `load balancer ${attributes.name} to be deleted`, (settings) =>
      waitUntilLoadBalancersDeleted(
        { client: ctx.clients.elbv2, ...settings },
        { LoadBalancerArns: [attributes.arn ?? ''] },
      ),
    );
  },
};

function describe(
  by: { Names?: string[]; LoadBalancerArns?: string[] },
  ctx: HandlerContext,
): Promise<LoadBalancer | undefined> {
  return unlessNotFound(
    async () =>
      (await ctx.clients.elbv2.send(new DescribeLoadBalancersCommand(by), sendOptions(ctx)))
        .LoadBalancers?.[0],
    NOT_FOUND,
  );
}

function comparable(input: Input): object {
  return {
    Name: input.Name,
    Type: input.Type,
    Scheme: input.Scheme,
    IpAddressType: input.IpAddressType,
    Subnets: sorted(input.Subnets),
    SecurityGroups: sorted(input.SecurityGroups),
  };
}

function sorted(values: readonly string[] | undefined): string[] | undefined {
  return values === undefined ? undefined : [...values].sort();
}

function attributesOf(balancer: LoadBalancer): ResourceAttributes {
  const arn = balancer.LoadBalancerArn ?? '';
  return { id: arn, arn, name: balancer.LoadBalancerName ?? '' };
}
