/**
 * Task definition family. Read finds its latest ACTIVE revision; an "update" registers a new
 * revision (only when the content differs, which `changes` decides). Delete deregisters the
 * ACTIVE revisions that carry this plan's ownership tag (never another tool's), then deletes them.
 */
import {
  DeleteTaskDefinitionsCommand,
  DeregisterTaskDefinitionCommand,
  DescribeTaskDefinitionCommand,
  paginateListTaskDefinitions,
  RegisterTaskDefinitionCommand,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import { OWNERSHIP_TAG_KEY } from '../../plan/names.js';
import type { ResourceInputs } from '../../plan/resource.js';
import { differences } from '../compare.js';
import { pollUntil, sendOptions, tagRecord, unlessNotFound } from './common.js';
import type { HandlerContext, ResourceAttributes, ResourceHandler } from './types.js';

type Input = ResourceInputs['taskDefinition'];

export const taskDefinitionHandler: ResourceHandler<'taskDefinition'> = {
  async read(input, ctx) {
    const found = await describe(input.family ?? '', ctx);
    if (found?.taskDefinition === undefined || found.taskDefinition.status !== 'ACTIVE') return undefined;
    return {
      attributes: attributesOf(found.taskDefinition),
      current: found.taskDefinition,
      tags: found.tags,
    };
  },
  changes(desired, observed) {
    const { tags: _tags, ...compared } = desired;
    return differences(compared, observed.current);
  },
  create: register,
  update: (input, _observed, ctx) => register(input, ctx),
  // Reads lag behind writes, and CreateService refuses a revision it cannot see yet: wait until it shows.
  // Polled by hand: ECS has no task definition waiter.
  async wait(attributes, ctx) {
    await pollUntil(
      ctx,
      `task definition ${attributes.id} to be readable`,
      async () => (await describe(attributes.arn ?? attributes.id, ctx))?.taskDefinition,
    );
  },
  async delete(attributes, input, ctx) {
    const owner = tagRecord(input.tags)[OWNERSHIP_TAG_KEY];
    const deregistered: string[] = [];
    const pages = paginateListTaskDefinitions(
      { client: ctx.clients.ecs },
      { familyPrefix: input.family, status: 'ACTIVE' },
    );
    for await (const page of pages) {
      for (const arn of page.taskDefinitionArns ?? []) {
        if (familyOf(arn) !== input.family) continue; // familyPrefix also matches longer families
        const owned =
          arn === attributes.arn ||
          (owner !== undefined && (await describe(arn, ctx))?.tags[OWNERSHIP_TAG_KEY] === owner);
        if (!owned) continue;
        await ctx.clients.ecs.send(
          new DeregisterTaskDefinitionCommand({ taskDefinition: arn }),
          sendOptions(ctx),
        );
        deregistered.push(arn);
      }
    }
    // Deregistered revisions stay listed as INACTIVE until deleted; ECS takes up to 10 per call.
    for (let start = 0; start < deregistered.length; start += 10) {
      await ctx.clients.ecs.send(
        new DeleteTaskDefinitionsCommand({ taskDefinitions: deregistered.slice(start, start + 10) }),
        sendOptions(ctx),
      );
    }
  },
};

async function register(input: Input, ctx: HandlerContext): Promise<ResourceAttributes> {
  const { taskDefinition } = await ctx.clients.ecs.send(
    new RegisterTaskDefinitionCommand(input),
    sendOptions(ctx),
  );
  if (taskDefinition === undefined)
    throw new Error(`RegisterTaskDefinition ${input.family} returned nothing`);
  return attributesOf(taskDefinition);
}

async function describe(
  taskDefinition: string,
  ctx: HandlerContext,
): Promise<{ taskDefinition?: TaskDefinition; tags: Record<string, string> } | undefined> {
  // ECS answers ClientException ("Unable to describe task definition") for an unknown family.
  const output = await unlessNotFound(
    () =>
      ctx.clients.ecs.send(
        new DescribeTaskDefinitionCommand({ taskDefinition, include: ['TAGS'] }),
        sendOptions(ctx),
      ),
    'ClientException',
  );
  return output === undefined
    ? undefined
    : { taskDefinition: output.taskDefinition, tags: tagRecord(output.tags) };
}

/** `arn:...:task-definition/<family>:<revision>` -> family. */
function familyOf(arn: string): string {
  const last = arn.slice(arn.lastIndexOf('/') + 1);
  return last.slice(0, last.lastIndexOf(':'));
}

function attributesOf(taskDefinition: TaskDefinition): ResourceAttributes {
  const family = taskDefinition.family ?? '';
  return {
    id: `${family}:${taskDefinition.revision}`,
    arn: taskDefinition.taskDefinitionArn,
    name: family,
  };
}
