/**
 * Task definition family. Read finds its latest ACTIVE revision; an "update" registers a new
 * revision (only when the content differs, which `changes` decides).
 *
 * RegisterTaskDefinition has no client token: each registration carries a hash of its input, and
 * a revision this plan registered with the same hash (its response lost, or a resumed run) is
 * adopted instead of registering another. An older revision of this plan's with the wanted
 * content becomes the latest again when every newer one is this run's own registration of other
 * content (dropped): that is how a rollback puts back the revision an update replaced. A forward
 * apply never drops a revision an earlier run registered: a service may be running it.
 *
 * Delete deregisters the ACTIVE revisions that carry this plan's ownership tags (never another
 * tool's), then deletes them and any INACTIVE ones an interrupted delete left; each step counts
 * "already done" as done, so a retried or resumed delete finishes the job.
 */
import {
  DeleteTaskDefinitionsCommand,
  DeregisterTaskDefinitionCommand,
  DescribeTaskDefinitionCommand,
  paginateListTaskDefinitions,
  RegisterTaskDefinitionCommand,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import { CONTENT_HASH_TAG_KEY, OWNERSHIP_TAG_KEY, PLAN_TAG_KEY, RUN_TAG_KEY } from '../../plan/names.js';
import type { ResourceInputs } from '../../plan/resource.js';
import { sha256Hex } from '../../sha256.js';
import { differences } from '../compare.js';
import { carriesOwnershipTag } from '../ownership.js';
import { isAwsError, pollUntil, sendOptions, tagRecord, unlessNotFound } from './common.js';
import type { HandlerContext, Observed, ResourceAttributes, ResourceHandler } from './types.js';

type Input = ResourceInputs['taskDefinition'];

/** How many newer revisions a return to an older one may drop; beyond that a new one is registered. */
const MAX_DROPPED = 5;

/** A revision as DescribeTaskDefinition reports it, with its tags. */
interface Revision {
  readonly taskDefinition: TaskDefinition;
  readonly tags: Record<string, string>;
}

export const taskDefinitionHandler: ResourceHandler<'taskDefinition'> = {
  async read(input, ctx) {
    const found = await describe(input.family ?? '', ctx);
    if (found?.taskDefinition.status !== 'ACTIVE') return undefined;
    // In the input's shape: what ECS adds about the revision itself is left out.
    const {
      taskDefinitionArn: _arn,
      revision: _revision,
      status: _status,
      requiresAttributes: _requires,
      compatibilities: _compatibilities,
      registeredAt: _registeredAt,
      registeredBy: _registeredBy,
      deregisteredAt: _deregisteredAt,
      ...current
    } = found.taskDefinition;
    return { attributes: attributesOf(found.taskDefinition), current, tags: found.tags };
  },
  // Tags (the content hash among them) are not compared.
  changes(desired, observed) {
    const { tags: _tags, ...compared } = desired;
    return differences(compared, observed.current);
  },
  create: (input, ctx) => registerOnce(input, undefined, ctx),
  update: (input, observed, ctx) => registerOnce(input, observed, ctx),
  // Reads lag behind writes, and CreateService refuses a revision it cannot see yet: wait until it shows.
  // Polled by hand: ECS has no task definition waiter.
  async wait(attributes, ctx) {
    await pollUntil(
      ctx,
      `task definition ${attributes.id} to be readable`,
      async () => (await describe(attributes.arn ?? attributes.id, ctx))?.taskDefinition,
    );
  },
  async delete(attributes, input, ctx, isOurs = () => true) {
    // Each revision by its own tags: another run's revision of the family (a concurrent apply's)
    // is not this one's to delete.
    const owned = (revision: Revision) =>
      (revision.taskDefinition.taskDefinitionArn === attributes.arn || isThisPlans(input, revision.tags)) &&
      isOurs(revision.tags);
    const deregistered = await ownedArns(input, 'ACTIVE', owned, ctx);
    for (const arn of deregistered) await deregister(arn, ctx);
    // Also what an earlier, interrupted delete deregistered but did not delete.
    const left = await ownedArns(input, 'INACTIVE', owned, ctx);
    await deleteInactive([...new Set([...deregistered, ...left])], ctx);
  },
  // A delete cut short between deregistering and deleting leaves no ACTIVE revision to read.
  async deleteLeftovers(input, isOurs, ctx) {
    const owned = (revision: Revision) => isThisPlans(input, revision.tags) && isOurs(revision.tags);
    await deleteInactive(await ownedArns(input, 'INACTIVE', owned, ctx), ctx);
  },
};

/** Registers the input as a new revision, unless a revision of this plan's already has it (see above). */
async function registerOnce(
  input: Input,
  observed: Observed | undefined,
  ctx: HandlerContext,
): Promise<ResourceAttributes> {
  const hash = contentHash(input);
  const runTag = tagRecord(input.tags)[RUN_TAG_KEY];
  const seen = observed === undefined ? 0 : revisionOf(observed.attributes);
  const newer: string[] = [];
  // Newest first: stops at the first revision that is neither the wanted one nor droppable.
  for await (const revision of revisions(input.family ?? '', 'ACTIVE', ctx)) {
    if (!isThisPlans(input, revision.tags) || newer.length >= MAX_DROPPED) break;
    const sameContent = changesFrom(input, revision.taskDefinition).length === 0;
    // One registered after what the caller saw is adopted only as this very input's registration.
    const sameInput = revision.tags[CONTENT_HASH_TAG_KEY] === hash;
    if (sameContent && (sameInput || (revision.taskDefinition.revision ?? 0) <= seen)) {
      for (const arn of newer) await deregister(arn, ctx);
      await deleteInactive(newer, ctx);
      return attributesOf(revision.taskDefinition);
    }
    const otherInput = revision.tags[CONTENT_HASH_TAG_KEY];
    if (otherInput === undefined || otherInput === hash) break; // not provably this tool's other content
    // Only this run's own registrations are dropped (a rollback putting back what it replaced): a
    // revision an earlier run registered may be what a service runs now.
    if (revision.tags[RUN_TAG_KEY] === undefined || revision.tags[RUN_TAG_KEY] !== runTag) break;
    newer.push(revision.taskDefinition.taskDefinitionArn ?? '');
  }
  let registered: TaskDefinition | undefined;
  try {
    ({ taskDefinition: registered } = await ctx.clients.ecs.send(
      new RegisterTaskDefinitionCommand({
        ...input,
        tags: [...(input.tags ?? []), { key: CONTENT_HASH_TAG_KEY, value: hash }],
      }),
      sendOptions(ctx),
    ));
  } catch (error) {
    // After a server or network failure the registration may have taken effect and its answer been
    // lost; a retry would register a second revision, and right after the write the list may not
    // show the first one yet. (A client error, throttling included, made nothing.)
    if ((error as { $fault?: string }).$fault === 'client') throw error;
    const made = await registeredDespite(input, hash, runTag, ctx);
    if (made === undefined) throw error;
    return attributesOf(made);
  }
  if (registered === undefined) throw new Error(`RegisterTaskDefinition ${input.family} returned nothing`);
  return attributesOf(registered);
}

/**
 * After a failed registration: the revision it made, if it made one (this run's tag and this
 * input's hash), looked for until the consistency window has passed.
 */
async function registeredDespite(
  input: Input,
  hash: string,
  runTag: string | undefined,
  ctx: HandlerContext,
): Promise<TaskDefinition | undefined> {
  const until = Date.now() + (ctx.consistencyWindowMs ?? 0);
  for (;;) {
    for await (const revision of revisions(input.family ?? '', 'ACTIVE', ctx)) {
      const tags = revision.tags;
      if (tags[CONTENT_HASH_TAG_KEY] === hash && runTag !== undefined && tags[RUN_TAG_KEY] === runTag)
        return revision.taskDefinition;
    }
    if (Date.now() >= until) return undefined;
    await ctx.sleep(Math.max(1, ctx.pollIntervalMs));
  }
}

/** A hash of what a registration sends, tags excluded; object keys sorted, so equal inputs hash equal. */
export function contentHash(input: Input): string {
  const { tags: _tags, ...content } = input;
  const sortedKeys = (_key: string, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value;
  return sha256Hex(JSON.stringify(content, sortedKeys)).slice(0, 32);
}

function changesFrom(input: Input, taskDefinition: TaskDefinition): readonly string[] {
  const { tags: _tags, ...compared } = input;
  return differences(compared, taskDefinition);
}

/** Carries the ownership tags (mesh and plan) that the input's own tags give. */
function isThisPlans(input: Input, tags: Record<string, string>): boolean {
  const own = tagRecord(input.tags);
  const meshName = own[OWNERSHIP_TAG_KEY];
  if (meshName === undefined) return false;
  return carriesOwnershipTag(tags, { meshName, planName: own[PLAN_TAG_KEY] ?? meshName });
}

/** The family's revisions in this status, newest first, with their tags; described one by one as read. */
async function* revisions(family: string, status: 'ACTIVE' | 'INACTIVE', ctx: HandlerContext) {
  const pages = paginateListTaskDefinitions(
    { client: ctx.clients.ecs },
    { familyPrefix: family, status, sort: 'DESC' },
  );
  for await (const page of pages) {
    for (const arn of page.taskDefinitionArns ?? []) {
      if (familyOf(arn) !== family) continue; // familyPrefix also matches longer families
      const revision = await describe(arn, ctx);
      if (revision?.taskDefinition.status === status) yield revision;
    }
  }
}

async function ownedArns(
  input: Input,
  status: 'ACTIVE' | 'INACTIVE',
  owned: (revision: Revision) => boolean,
  ctx: HandlerContext,
): Promise<string[]> {
  const arns: string[] = [];
  for await (const revision of revisions(input.family ?? '', status, ctx)) {
    if (owned(revision)) arns.push(revision.taskDefinition.taskDefinitionArn ?? '');
  }
  return arns;
}

/** Deregisters a revision; one already deregistered or deleted counts as done. */
async function deregister(arn: string, ctx: HandlerContext): Promise<void> {
  try {
    await ctx.clients.ecs.send(
      new DeregisterTaskDefinitionCommand({ taskDefinition: arn }),
      sendOptions(ctx),
    );
  } catch (error) {
    if (!isAwsError(error, 'ClientException')) throw error;
    if ((await describe(arn, ctx))?.taskDefinition.status === 'ACTIVE') throw error;
  }
}

/**
 * Deletes deregistered revisions, ten per call (ECS's limit). ECS reports refusals per revision;
 * one already deleted or being deleted counts as done, any other refusal fails.
 */
async function deleteInactive(arns: readonly string[], ctx: HandlerContext): Promise<void> {
  for (let start = 0; start < arns.length; start += 10) {
    const { failures } = await ctx.clients.ecs.send(
      new DeleteTaskDefinitionsCommand({ taskDefinitions: arns.slice(start, start + 10) }),
      sendOptions(ctx),
    );
    for (const failure of failures ?? []) {
      const now = await describe(failure.arn ?? '', ctx);
      if (now === undefined || now.taskDefinition.status === 'DELETE_IN_PROGRESS') continue;
      throw new Error(`DeleteTaskDefinitions ${failure.arn}: ${failure.reason ?? 'refused'}`);
    }
  }
}

async function describe(taskDefinition: string, ctx: HandlerContext): Promise<Revision | undefined> {
  // ECS answers ClientException ("Unable to describe task definition") for an unknown family.
  const output = await unlessNotFound(
    () =>
      ctx.clients.ecs.send(
        new DescribeTaskDefinitionCommand({ taskDefinition, include: ['TAGS'] }),
        sendOptions(ctx),
      ),
    'ClientException',
  );
  return output?.taskDefinition === undefined
    ? undefined
    : { taskDefinition: output.taskDefinition, tags: tagRecord(output.tags) };
}

/** `arn:...:task-definition/<family>:<revision>` -> family. */
function familyOf(arn: string): string {
  const last = arn.slice(arn.lastIndexOf('/') + 1);
  return last.slice(0, last.lastIndexOf(':'));
}

/** `family:revision` -> revision. */
function revisionOf(attributes: ResourceAttributes): number {
  return Number(attributes.id.slice(attributes.id.lastIndexOf(':') + 1)) || 0;
}

function attributesOf(taskDefinition: TaskDefinition): ResourceAttributes {
  const family = taskDefinition.family ?? '';
  return {
    id: `${family}:${taskDefinition.revision}`,
    arn: taskDefinition.taskDefinitionArn,
    name: family,
  };
}
