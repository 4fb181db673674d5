import {
  CreateClusterCommand,
  DescribeServicesCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { CreateLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { WaitFailedError, WaitTimeoutError, waiterSettings } from '../../src/execute/handlers/common.js';
import { HANDLERS } from '../../src/execute/handlers/index.js';
import type { HandlerContext } from '../../src/execute/handlers/types.js';
import { ManualClock } from '../../src/local/clock.js';
import type { LocalCloudOptions } from '../../src/local/local-cloud.js';
import type { ResourceInputs } from '../../src/plan/resource.js';
import { RED_TASK_DEFINITION, realTimeContext } from '../support/handler-context.js';
import { FAST_DELAYS, fastLocalCloud } from '../support/local-color-mesh.js';

function setup(options: LocalCloudOptions = {}, context: Partial<HandlerContext> = {}) {
  const cloud = fastLocalCloud(options);
  return { cloud, ctx: realTimeContext(cloud, { maxWaitMs: 2_000, ...context }) };
}

async function createService(ctx: HandlerContext, subnetIds: readonly string[]) {
  await ctx.clients.ecs.send(new CreateClusterCommand({ clusterName: 'colors' }));
  await ctx.clients.ecs.send(new RegisterTaskDefinitionCommand(RED_TASK_DEFINITION));
  const input: ResourceInputs['ecsService'] = {
    cluster: 'colors',
    serviceName: 'red',
    taskDefinition: 'red',
    desiredCount: 2,
    launchType: 'FARGATE',
    networkConfiguration: { awsvpcConfiguration: { subnets: subnetIds.slice(0, 1) } },
  };
  return { input, attributes: await HANDLERS.ecsService.create(input, ctx) };
}

async function runningCount(ctx: HandlerContext) {
  const { services } = await ctx.clients.ecs.send(
    new DescribeServicesCommand({ cluster: 'colors', services: ['red'] }),
  );
  return services?.[0]?.runningCount;
}

describe('handlers wait with the SDK waiters', () => {
  it('passes the poll interval and the wait limit to the waiter in seconds, fractions kept', () => {
    const { ctx } = setup({}, { pollIntervalMs: 3, maxWaitMs: 2_000 });
    expect(waiterSettings(ctx)).toEqual({ maxWaitTime: 2, minDelay: 0.003, maxDelay: 0.003 });
  });

  it('waits for an ECS service to be stable, or not at all when stable is optional', async () => {
    // A clock that only moves when told: the tasks cannot have started by the time the test looks.
    const skipping = setup({ clock: new ManualClock() }, { waitForStableServices: false });
    const created = await createService(skipping.ctx, skipping.cloud.defaultNetwork().subnetIds);
    await HANDLERS.ecsService.wait?.(created.attributes, skipping.ctx);
    expect(await runningCount(skipping.ctx)).toBe(0);

    const waiting = setup();
    const stable = await createService(waiting.ctx, waiting.cloud.defaultNetwork().subnetIds);
    await HANDLERS.ecsService.wait?.(stable.attributes, waiting.ctx);
    expect(await runningCount(waiting.ctx)).toBe(2);

    // Deleted: DRAINING is a failure state of the stable waiter, then INACTIVE ends waitDeleted.
    await HANDLERS.ecsService.delete(stable.attributes, stable.input, waiting.ctx);
    const failed = HANDLERS.ecsService.wait?.(stable.attributes, waiting.ctx);
    await expect(failed).rejects.toBeInstanceOf(WaitFailedError);
    await expect(failed).rejects.toThrow('ECS service red to be stable');
    await HANDLERS.ecsService.waitDeleted?.(stable.attributes, waiting.ctx);
    expect(await HANDLERS.ecsService.read(stable.input, waiting.ctx)).toBeUndefined();
  });

  it('names the load balancer it gave up on, and stops at once when the run is aborted', async () => {
    const slow = { delays: { ...FAST_DELAYS, loadBalancerProvisioningMs: 60_000 } };
    const { cloud, ctx } = setup(slow, { maxWaitMs: 50 });
    const { LoadBalancers } = await ctx.clients.elbv2.send(
      new CreateLoadBalancerCommand({
        Name: 'color-lb',
        Type: 'network',
        Subnets: cloud.defaultNetwork().subnetIds.slice(0, 2),
      }),
    );
    const arn = LoadBalancers?.[0]?.LoadBalancerArn ?? '';
    const attributes = { id: arn, arn, name: 'color-lb' };
    const timedOut = HANDLERS.loadBalancer.wait?.(attributes, ctx);
    await expect(timedOut).rejects.toBeInstanceOf(WaitTimeoutError);
    await expect(timedOut).rejects.toThrow('load balancer color-lb to be active');

    const controller = new AbortController();
    const started = Date.now();
    const aborted = HANDLERS.loadBalancer.wait?.(attributes, {
      ...ctx,
      maxWaitMs: 60_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('run cancelled')), 20);
    await expect(aborted).rejects.toThrow('run cancelled');
    // Far below the 60 s the wait would last without the abort, with room for a busy machine.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
