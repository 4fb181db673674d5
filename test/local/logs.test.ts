import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  ThrottlingException,
} from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { createLocalCloud } from '../../src/local/local-cloud.js';

describe('local cloud: CloudWatch Logs through the real SDK client', () => {
  it('creates, lists and deletes a log group, with AWS errors for duplicates and missing groups', async () => {
    const cloud = createLocalCloud();
    const { logs } = cloud.clients();
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/color-mesh' }));
    await expect(
      logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/color-mesh' })),
    ).rejects.toBeInstanceOf(ResourceAlreadyExistsException);
    const listed = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/ecs/' }));
    expect(listed.logGroups?.map((g) => g.logGroupName)).toEqual(['/ecs/color-mesh']);
    await logs.send(new DeleteLogGroupCommand({ logGroupName: '/ecs/color-mesh' }));
    await expect(
      logs.send(new DeleteLogGroupCommand({ logGroupName: '/ecs/color-mesh' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    expect(cloud.calls()).toEqual({
      'logs:CreateLogGroup': 2,
      'logs:DeleteLogGroup': 2,
      'logs:DescribeLogGroups': 1,
    });
    expect(cloud.snapshot().logs).toEqual({ logGroups: [] });
  });

  it('throttles with the service exception at the seeded rate', async () => {
    const cloud = createLocalCloud({ faults: { throttleRate: 1 } });
    const { logs } = cloud.clients({ maxAttempts: 1 });
    const error = await logs.send(new DescribeLogGroupsCommand({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottlingException);
    expect((error as ThrottlingException).$metadata.httpStatusCode).toBe(400);
  });
});
