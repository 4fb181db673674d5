/**
 * What every App Mesh resource kind shares: names checked, client tokens replayed, the mesh and
 * parent found (eventual consistency), name conflicts (not subject to it), quotas, metadata.
 * Each function validates everything before it changes the state.
 */
import type { TagRef } from '@aws-sdk/client-app-mesh';
import { rememberToken, replayToken } from '../../idempotency.js';
import type { World } from '../../world.js';
import { badRequest, limitExceeded, nameTaken, notFound, tokenReused } from './errors.js';
import { requiredLength } from './field-checks.js';
import { type Kind, MESH } from './kinds.js';
import { type Address, countOf, type ResourceRecord, recordKey, tableOf } from './records.js';
import { checkTags, tagRecord } from './tags.js';

/** What Create and Update inputs share. */
interface WriteInput {
  readonly clientToken?: string;
  readonly meshOwner?: string;
}

export interface WriteRequest<Spec> {
  /** `CreateVirtualNode`: the token store's scope. */
  readonly operation: string;
  readonly input: WriteInput & { readonly tags?: TagRef[] };
  readonly address: Address;
  readonly spec: Spec;
  /** The kind's spec rules and references; runs once the mesh and the parent are found. */
  check(world: World): void;
}

export function addressOf(kind: Kind, input: Record<string, unknown>): Address {
  const name = input[kind.nameField] as string | undefined;
  const meshName = (kind === MESH ? name : input.meshName) as string | undefined;
  const parentName =
    kind.parent === undefined ? undefined : (input[kind.parent.nameField] as string | undefined);
  requiredLength('meshName', meshName, 1, 255);
  if (kind.parent !== undefined) requiredLength(kind.parent.nameField, parentName, 1, 255);
  requiredLength(kind.nameField, name, 1, 255);
  return {
    meshName: meshName as string,
    name: name as string,
    ...(parentName === undefined ? {} : { parentName }),
  };
}

function checkWriteInput(world: World, input: WriteInput, address: Address): void {
  const token = input.clientToken;
  if (token !== undefined && !/^[A-Za-z0-9_-]{1,36}$/.test(token)) {
    throw badRequest('The client token must be up to 36 letters, numbers, hyphens and underscores.');
  }
  checkOwner(world, input.meshOwner, address);
}

/** A mesh shared from another account does not exist in the local cloud's one account. */
export function checkOwner(world: World, meshOwner: string | undefined, address: Address): void {
  if (meshOwner === undefined) return;
  requiredLength('meshOwner', meshOwner, 12, 12);
  if (meshOwner !== world.accountId)
    throw notFound(world, MESH, { meshName: address.meshName, name: address.meshName });
}

/** The record at this address, when it exists and is visible (outside the consistency window). */
function findVisible<Spec>(world: World, kind: Kind, address: Address): ResourceRecord<Spec> | undefined {
  const record = tableOf(world, kind.table)[recordKey(address)];
  return record === undefined || !world.visible(record.createdAt)
    ? undefined
    : (record as ResourceRecord<Spec>);
}

export function requireVisible<Spec>(world: World, kind: Kind, address: Address): ResourceRecord<Spec> {
  const record = findVisible<Spec>(world, kind, address);
  if (record === undefined) throw notFound(world, kind, address);
  return record;
}

/** The mesh, and the parent router or gateway, that a resource at this address needs. */
export function requireContainers(world: World, kind: Kind, address: Address): void {
  if (kind === MESH) return;
  requireVisible(world, MESH, { meshName: address.meshName, name: address.meshName });
  if (kind.parent !== undefined) {
    requireVisible(world, kind.parent, { meshName: address.meshName, name: address.parentName as string });
  }
}

/** Finds the resource (and its mesh and parent first, for the error AWS gives). */
export function describeResource<Spec>(world: World, kind: Kind, address: Address): ResourceRecord<Spec> {
  requireContainers(world, kind, address);
  return requireVisible<Spec>(world, kind, address);
}

export function createResource<Spec extends object>(
  world: World,
  kind: Kind,
  request: WriteRequest<Spec>,
): ResourceRecord<Spec> {
  const { operation, input, address } = request;
  checkWriteInput(world, input, address);
  checkTags(input.tags ?? []);
  const state = world.state.appMesh;
  const replayed = replayToken<ResourceRecord<Spec>>(
    state.tokens,
    operation,
    input.clientToken,
    input,
    tokenReused,
  );
  if (replayed !== undefined) return replayed;
  requireContainers(world, kind, address);
  request.check(world);
  const table = tableOf(world, kind.table);
  const key = recordKey(address);
  if (table[key] !== undefined) throw nameTaken(kind, address);
  checkQuota(world, kind, address);
  const now = world.now();
  const arn = `arn:aws:appmesh:${world.region}:${world.accountId}:mesh/${kind.arnPath(address)}`;
  const record: ResourceRecord<Spec> = {
    ...address,
    arn,
    uid: world.newUuid(arn),
    createdAt: now,
    lastUpdatedAt: now,
    version: 1,
    spec: request.spec,
    tags: tagRecord(input.tags ?? []),
  };
  table[key] = record;
  rememberToken(state.tokens, operation, input.clientToken, input, structuredClone(record));
  return record;
}

/** Update overwrites the whole spec ("This overwrites the existing data") and bumps the version. */
export function updateResource<Spec extends object>(
  world: World,
  kind: Kind,
  request: WriteRequest<Spec>,
): ResourceRecord<Spec> {
  const { operation, input, address } = request;
  checkWriteInput(world, input, address);
  const state = world.state.appMesh;
  const replayed = replayToken<ResourceRecord<Spec>>(
    state.tokens,
    operation,
    input.clientToken,
    input,
    tokenReused,
  );
  if (replayed !== undefined) return replayed;
  const record = describeResource<Spec>(world, kind, address);
  request.check(world);
  record.spec = request.spec;
  record.version += 1;
  record.lastUpdatedAt = world.now();
  rememberToken(state.tokens, operation, input.clientToken, input, structuredClone(record));
  return record;
}

/** Deletes after `inUse` (the kind's deletion-order rule) found nothing that needs the resource. */
export function deleteResource<Spec>(
  world: World,
  kind: Kind,
  address: Address,
  inUse: (world: World, record: ResourceRecord<Spec>) => void,
): ResourceRecord<Spec> {
  const record = describeResource<Spec>(world, kind, address);
  inUse(world, record);
  delete tableOf(world, kind.table)[recordKey(address)];
  return record;
}

function checkQuota(world: World, kind: Kind, address: Address): void {
  const { name, per } = kind.quota;
  const limit = world.quotas[name];
  const { meshName, parentName } = address;
  const within = per === 'account' ? {} : per === 'mesh' ? { meshName } : { meshName, parentName };
  const counted = countOf(tableOf(world, kind.table), within);
  if (counted >= limit) {
    const scope =
      per === 'account'
        ? `account ${world.accountId}`
        : per === 'mesh'
          ? `mesh ${address.meshName}`
          : `${kind.parent?.label} ${address.parentName} in mesh ${address.meshName}`;
    throw limitExceeded(
      `Cannot create ${kind.label} ${address.name}: the limit of ${limit} ${kind.label} resources per ${scope} has been reached.`,
    );
  }
}
