/**
 * CloudWatch Logs: log groups with retention and tags (what the executor creates for awslogs).
 * This file is the pattern every service follows: plain-data state, synchronous operations that
 * validate before they change anything, the SDK's own input/output types and exception classes.
 */
import {
  type CreateLogGroupCommandInput,
  type DeleteLogGroupCommandInput,
  type DeleteRetentionPolicyCommandInput,
  type DescribeLogGroupsCommandInput,
  type DescribeLogGroupsCommandOutput,
  InvalidParameterException,
  type ListTagsForResourceCommandInput,
  type ListTagsForResourceCommandOutput,
  type PutRetentionPolicyCommandInput,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  ServiceUnavailableException,
  type TagResourceCommandInput,
  ThrottlingException,
  type UntagResourceCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { LOG_GROUP_NAME, LOG_RETENTION_DAYS } from '../../validate/ecs.js';
import { awsError } from '../aws-error.js';
import type { InternalApis, Output, ServiceDefinition, World } from '../world.js';

interface LogGroupRecord {
  readonly logGroupName: string;
  readonly arn: string;
  readonly createdAt: number;
  retentionInDays?: number;
  tags: Record<string, string>;
}

export interface LogsState {
  logGroups: Record<string, LogGroupRecord>;
}

const RETENTION_DAYS: ReadonlySet<number> = new Set(LOG_RETENTION_DAYS);

function arnOf(world: World, name: string): string {
  return `arn:aws:logs:${world.region}:${world.accountId}:log-group:${name}`;
}

function groupNamed(world: World, name: string | undefined): LogGroupRecord {
  const groups = world.state.logs.logGroups;
  const group = Object.hasOwn(groups, name ?? '') ? groups[name ?? ''] : undefined;
  if (group === undefined || !world.visible(group.createdAt)) {
    throw awsError(ResourceNotFoundException, 'The specified log group does not exist.', 400);
  }
  return group;
}

function groupByArn(world: World, arn: string | undefined): LogGroupRecord {
  const name = (arn ?? '').replace(/^arn:aws:logs:[^:]*:\d+:log-group:/, '').replace(/:\*$/, '');
  return groupNamed(world, name);
}

export const logsService: ServiceDefinition<'logs'> = {
  key: 'logs',
  clientName: 'CloudWatchLogsClient',
  initialState: () => ({ logGroups: {} }),
  operations: {
    CreateLogGroup(input: CreateLogGroupCommandInput, world): object {
      const name = input.logGroupName ?? '';
      if (!LOG_GROUP_NAME.test(name)) {
        throw awsError(
          InvalidParameterException,
          `1 validation error detected: Value '${name}' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+`,
          400,
        );
      }
      if (Object.hasOwn(world.state.logs.logGroups, name)) {
        throw awsError(ResourceAlreadyExistsException, 'The specified log group already exists', 400);
      }
      world.state.logs.logGroups[name] = {
        logGroupName: name,
        arn: arnOf(world, name),
        createdAt: world.now(),
        tags: { ...input.tags },
      };
      return {};
    },
    DescribeLogGroups(input: DescribeLogGroupsCommandInput, world): Output<DescribeLogGroupsCommandOutput> {
      const prefix = input.logGroupNamePrefix ?? '';
      const logGroups = Object.values(world.state.logs.logGroups)
        .filter((g) => g.logGroupName.startsWith(prefix) && world.visible(g.createdAt))
        .sort((a, b) => (a.logGroupName < b.logGroupName ? -1 : 1))
        .map((g) => ({
          logGroupName: g.logGroupName,
          arn: `${g.arn}:*`,
          logGroupArn: g.arn,
          creationTime: g.createdAt,
          storedBytes: 0,
          metricFilterCount: 0,
          ...(g.retentionInDays === undefined ? {} : { retentionInDays: g.retentionInDays }),
        }));
      return { logGroups };
    },
    DeleteLogGroup(input: DeleteLogGroupCommandInput, world): object {
      const group = groupNamed(world, input.logGroupName);
      delete world.state.logs.logGroups[group.logGroupName];
      return {};
    },
    PutRetentionPolicy(input: PutRetentionPolicyCommandInput, world): object {
      const days = input.retentionInDays ?? 0;
      if (!RETENTION_DAYS.has(days)) {
        throw awsError(
          InvalidParameterException,
          `1 validation error detected: Value '${days}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${[...RETENTION_DAYS].join(', ')}]`,
          400,
        );
      }
      groupNamed(world, input.logGroupName).retentionInDays = days;
      return {};
    },
    DeleteRetentionPolicy(input: DeleteRetentionPolicyCommandInput, world): object {
      delete groupNamed(world, input.logGroupName).retentionInDays;
      return {};
    },
    TagResource(input: TagResourceCommandInput, world): object {
      Object.assign(groupByArn(world, input.resourceArn).tags, input.tags);
      return {};
    },
    UntagResource(input: UntagResourceCommandInput, world): object {
      const group = groupByArn(world, input.resourceArn);
      for (const key of input.tagKeys ?? []) delete group.tags[key];
      return {};
    },
    ListTagsForResource(
      input: ListTagsForResourceCommandInput,
      world,
    ): Output<ListTagsForResourceCommandOutput> {
      return { tags: { ...groupByArn(world, input.resourceArn).tags } };
    },
  },
  events: {},
  throttled: (message) => awsError(ThrottlingException, message, 400),
  internalFailure: (message) => awsError(ServiceUnavailableException, message, 503),
  snapshot: (state) => ({
    logGroups: Object.values(state.logGroups)
      .sort((a, b) => (a.logGroupName < b.logGroupName ? -1 : 1))
      .map(({ createdAt: _createdAt, ...group }) => group),
  }),
  internal: (): InternalApis['logs'] => ({}),
};
