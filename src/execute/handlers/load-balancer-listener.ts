/** Listener, found by port on its load balancer. Everything but the load balancer updates in place (ModifyListener). */
import {
  CreateListenerCommand,
  DeleteListenerCommand,
  type Listener,
  ModifyListenerCommand,
  paginateDescribeListeners,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ResourceInputs } from '../../plan/resource.js';
import { differences } from '../compare.js';
import { isAwsError, pollUntil, sendOptions, unlessNotFound } from './common.js';
import { elbv2Tags } from './elbv2-tags.js';
import type { HandlerContext, ResourceAttributes, ResourceHandler } from './types.js';

type Input = ResourceInputs['loadBalancerListener'];

export const loadBalancerListenerHandler: ResourceHandler<'loadBalancerListener'> = {
  async read(input, ctx) {
    const listener = await findListener(input, ctx);
    if (listener === undefined) return undefined;
    const { ListenerArn: _arn, ...settings } = listener;
    return {
      attributes: attributesOf(listener),
      current: settings,
      tags: await elbv2Tags(listener.ListenerArn, ctx),
    };
  },
  changes(desired, observed) {
    const { Tags: _tags, ...compared } = desired;
    return differences(compared, observed.current);
  },
  async create(input, ctx) {
    try {
      const { Listeners } = await ctx.clients.elbv2.send(new CreateListenerCommand(input), sendOptions(ctx));
      const listener = Listeners?.[0];
      if (listener === undefined) throw new Error(`CreateListener on port ${input.Port} returned nothing`);
      return attributesOf(listener);
    } catch (error) {
      // No idempotency token: a retried create finds the listener it made on that port.
      // Polled by hand: ELBv2 has no listener waiter.
      if (!isAwsError(error, 'DuplicateListenerException', 'DuplicateListener')) throw error;
      return attributesOf(
        await pollUntil(ctx, `listener on port ${input.Port} to be readable`, () => findListener(input, ctx)),
      );
    }
  },
  async update(input, observed, ctx) {
    const { LoadBalancerArn: _balancer, Tags: _tags, ...settings } = input;
    const { Listeners } = await ctx.clients.elbv2.send(
      new ModifyListenerCommand({ ...settings, ListenerArn: observed.attributes.arn }),
      sendOptions(ctx),
    );
    return Listeners?.[0] === undefined ? observed.attributes : attributesOf(Listeners[0]);
  },
  async delete(attributes, _input, ctx) {
    await unlessNotFound(
      () =>
        ctx.clients.elbv2.send(new DeleteListenerCommand({ ListenerArn: attributes.arn }), sendOptions(ctx)),
      'ListenerNotFoundException',
    );
  },
};

async function findListener(input: Input, ctx: HandlerContext): Promise<Listener | undefined> {
  if (input.LoadBalancerArn === undefined) return undefined;
  try {
    const pages = paginateDescribeListeners(
      { client: ctx.clients.elbv2 },
      { LoadBalancerArn: input.LoadBalancerArn },
    );
    for await (const page of pages) {
      const found = page.Listeners?.find((listener) => listener.Port === input.Port);
      if (found !== undefined) return found;
    }
  } catch (error) {
    if (!isAwsError(error, 'LoadBalancerNotFoundException')) throw error;
  }
  return undefined;
}

function attributesOf(listener: Listener): ResourceAttributes {
  const arn = listener.ListenerArn ?? '';
  return { id: arn, arn, name: String(listener.Port ?? '') };
}
