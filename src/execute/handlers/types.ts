/**
 * What the executor calls for each kind of resource. A handler knows one kind's AWS calls: how to
 * find it by the identity in its desired input (name, family, port...), how to tell what differs,
 * and how to create, update and delete it. The executor decides WHEN (order, retries, journal).
 */
import type { AwsClients } from '../../clients.js';
import type { ReferencedKind, WrittenKind } from '../../plan/referenced.js';
import type { ResourceInputs, ResourceKind } from '../../plan/resource.js';

/** What `{{ref:<id>#id|arn|name}}` resolves to once the resource exists. */
export interface ResourceAttributes {
  readonly id: string;
  readonly arn?: string;
  readonly name: string;
}

export interface HandlerContext {
  readonly clients: AwsClients;
  readonly signal?: AbortSignal;
  /**
   * The hand-written polls (where the SDK has no waiter: Cloud Map operations, reads catching up
   * with a write) sleep through this. The SDK's waiters sleep on real timers.
   */
  readonly sleep: (ms: number) => Promise<void>;
  /** Between two polls, of a hand-written poll or an SDK waiter (its minDelay and maxDelay). */
  readonly pollIntervalMs: number;
  /** How long after a write AWS's reads may not show it yet (see ExecuteOptions). */
  readonly consistencyWindowMs?: number;
  /** How long a wait lasts before giving up; 15 minutes when absent. */
  readonly maxWaitMs?: number;
  /** Wait for ECS services to be stable after a create or update (waitUntilServicesStable). Default true. */
  readonly waitForStableServices?: boolean;
}

/** A resource as AWS reports it. */
export interface Observed {
  readonly attributes: ResourceAttributes;
  /** What AWS has, in the create input's shape where possible (`changes` compares against it). */
  readonly current: unknown;
  /** The resource's tags as a plain record ({} for kinds AWS cannot tag). */
  readonly tags: Record<string, string>;
}

export interface ResourceHandler<K extends ResourceKind> {
  /** undefined when absent. Never throws for "not found". */
  read(input: ResourceInputs[K], ctx: HandlerContext): Promise<Observed | undefined>;
  /**
   * Paths (`spec.httpRoute.action`) where the desired input differs from what AWS has; [] means
   * no write is needed. Fields AWS adds are ignored; so are idempotency tokens and tags.
   */
  changes(desired: ResourceInputs[K], observed: Observed): readonly string[];
  /** Sends the input as is, its deterministic clientToken / CreatorRequestId included. Adopts "already exists". */
  create(input: ResourceInputs[K], ctx: HandlerContext): Promise<ResourceAttributes>;
  /** Makes AWS match the input in place. Absent when AWS cannot update this kind. */
  update?(input: ResourceInputs[K], observed: Observed, ctx: HandlerContext): Promise<ResourceAttributes>;
  /**
   * "Already gone" counts as success. `isOurs` judges the parts the resource is made of where each
   * carries its own tags (a task definition's revisions): only those it accepts are deleted.
   */
  delete(
    attributes: ResourceAttributes,
    input: ResourceInputs[K],
    ctx: HandlerContext,
    isOurs?: (tags: Readonly<Record<string, string>>) => boolean,
  ): Promise<void>;
  /**
   * What is left of a resource that reads as absent (task definition revisions deregistered by a
   * delete that was cut short), deleted where `isOurs` accepts its tags. Absent for kinds that
   * leave nothing behind.
   */
  deleteLeftovers?(
    input: ResourceInputs[K],
    isOurs: (tags: Readonly<Record<string, string>>) => boolean,
    ctx: HandlerContext,
  ): Promise<void>;
  /** Until the resource is usable (service stable, load balancer active). */
  wait?(attributes: ResourceAttributes, ctx: HandlerContext): Promise<void>;
  /** Until the deletion has settled (an ECS service INACTIVE, a load balancer gone). */
  waitDeleted?(attributes: ResourceAttributes, ctx: HandlerContext): Promise<void>;
}

/**
 * A referenced kind's (src/plan/referenced.ts): it is only read, by its planned input; undefined
 * when AWS has none. Never throws for "not found".
 */
export interface ReferenceHandler<K extends ResourceKind> {
  read(input: ResourceInputs[K], ctx: HandlerContext): Promise<Observed | undefined>;
  /** What it is, for the error that says it was not found: `AWS-managed prefix list com.amazonaws...`. */
  describe(input: ResourceInputs[K]): string;
}

export type HandlerTable = { readonly [K in WrittenKind]: ResourceHandler<K> } & {
  readonly [K in ReferencedKind]: ReferenceHandler<K>;
};
