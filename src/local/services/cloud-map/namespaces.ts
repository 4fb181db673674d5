/** Cloud Map namespaces: private DNS (one name per VPC, a Route 53 hosted zone) and HTTP. */
import {
  type CreateHttpNamespaceCommandInput,
  type CreateHttpNamespaceCommandOutput,
  type CreatePrivateDnsNamespaceCommandInput,
  type CreatePrivateDnsNamespaceCommandOutput,
  type DeleteNamespaceCommandInput,
  type DeleteNamespaceCommandOutput,
  type GetNamespaceCommandInput,
  type GetNamespaceCommandOutput,
  type ListNamespacesCommandInput,
  type ListNamespacesCommandOutput,
  type Namespace,
  NamespaceAlreadyExists,
  type NamespaceFilter,
  ResourceInUse,
  type UpdateHttpNamespaceCommandInput,
  type UpdateHttpNamespaceCommandOutput,
  type UpdatePrivateDnsNamespaceCommandInput,
  type UpdatePrivateDnsNamespaceCommandOutput,
} from '@aws-sdk/client-servicediscovery';
import { NAMESPACE_NAME } from '../../../validate/cloud-map.js';
import { awsError } from '../../aws-error.js';
import { lookupToken, rememberToken, type TokenLookup } from '../../idempotency.js';
import type { Output, World } from '../../world.js';
import { duplicateRequest, runningOperation, startOperation } from './operations.js';
import {
  arnOf,
  compare,
  invalidInput,
  type NamespaceRecord,
  page,
  tagsFrom,
  visibleNamespace,
} from './state.js';
import { type RememberedOperation, refuseReusedToken, replayOperation } from './tokens.js';

const HTTP_NAME = /^(?!arn:)[!-~]{1,1024}$/;
/** Route 53's default SOA TTL for a new hosted zone's records. */
const DEFAULT_SOA_TTL = 15;

export function CreatePrivateDnsNamespace(
  input: CreatePrivateDnsNamespaceCommandInput,
  world: World,
): Output<CreatePrivateDnsNamespaceCommandOutput> {
  const name = input.Name ?? '';
  const vpc = input.Vpc ?? '';
  checkPattern(name, NAMESPACE_NAME, 'name');
  if (vpc === '') throw invalidInput('Vpc is required for a private DNS namespace.');
  checkDescription(input.Description);
  const soaTtl = input.Properties?.DnsProperties?.SOA?.TTL;
  checkSoaTtl(soaTtl);
  const token = lookupCreate(world, 'CreatePrivateDnsNamespace', input);
  const replayed = replayOperation(world, token);
  if (replayed !== undefined) return replayed;
  if (world.internal.ec2.vpc(vpc) === undefined) {
    throw invalidInput(`The VPC ${vpc} does not exist.`);
  }
  // A hosted zone name is unique per VPC (DNS names ignore case); the same name in another VPC is fine.
  const taken = Object.values(world.state.cloudMap.namespaces).find(
    (n) => n.type === 'DNS_PRIVATE' && n.vpc === vpc && n.name.toLowerCase() === name.toLowerCase(),
  );
  if (taken !== undefined) throw alreadyExists(world, taken);
  refuseReusedToken(token, 'CreatePrivateDnsNamespace', input.CreatorRequestId);
  const tags = tagsFrom(input.Tags);

  const id = world.newId('ns-', `namespace/DNS_PRIVATE/${vpc}/${name}`, 16);
  return submitCreate(world, 'CreatePrivateDnsNamespace', input, {
    id,
    arn: arnOf(world, 'namespace', id),
    name,
    type: 'DNS_PRIVATE',
    httpName: httpNameFor(world, name, id),
    vpc,
    hostedZoneId: `Z${world.newId('', `hostedzone/${id}`, 20).toUpperCase()}`,
    soaTtl: soaTtl ?? DEFAULT_SOA_TTL,
    ...(input.Description === undefined ? {} : { description: input.Description }),
    ...(input.CreatorRequestId === undefined ? {} : { creatorRequestId: input.CreatorRequestId }),
    ready: false,
    createdAt: world.now(),
    tags,
  });
}

export function CreateHttpNamespace(
  input: CreateHttpNamespaceCommandInput,
  world: World,
): Output<CreateHttpNamespaceCommandOutput> {
  const name = input.Name ?? '';
  checkPattern(name, HTTP_NAME, 'name');
  checkDescription(input.Description);
  const token = lookupCreate(world, 'CreateHttpNamespace', input);
  const replayed = replayOperation(world, token);
  if (replayed !== undefined) return replayed;
  // HTTP names (what DiscoverInstances takes) are unique in the account and region.
  const taken = Object.values(world.state.cloudMap.namespaces).find((n) => n.httpName === name);
  if (taken !== undefined) throw alreadyExists(world, taken);
  refuseReusedToken(token, 'CreateHttpNamespace', input.CreatorRequestId);
  const tags = tagsFrom(input.Tags);

  const id = world.newId('ns-', `namespace/HTTP/${name}`, 16);
  return submitCreate(world, 'CreateHttpNamespace', input, {
    id,
    arn: arnOf(world, 'namespace', id),
    name,
    type: 'HTTP',
    httpName: name,
    ...(input.Description === undefined ? {} : { description: input.Description }),
    ...(input.CreatorRequestId === undefined ? {} : { creatorRequestId: input.CreatorRequestId }),
    ready: false,
    createdAt: world.now(),
    tags,
  });
}

export function GetNamespace(
  input: GetNamespaceCommandInput,
  world: World,
): Output<GetNamespaceCommandOutput> {
  const namespace = visibleNamespace(world, input.Id);
  const output = namespaceOutput(world, namespace);
  if (namespace.creatorRequestId !== undefined) output.CreatorRequestId = namespace.creatorRequestId;
  return { Namespace: output };
}

/** Like AWS, takes a page of namespaces first and filters it after ("Cloud Map gets MaxResults namespaces and then filters them"). */
export function ListNamespaces(
  input: ListNamespacesCommandInput,
  world: World,
): Output<ListNamespacesCommandOutput> {
  const filters = input.Filters ?? [];
  for (const filter of filters) checkNamespaceFilter(filter);
  const all = Object.values(world.state.cloudMap.namespaces)
    .filter((n) => n.ready && world.visible(n.createdAt))
    .sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id));
  const { items, NextToken } = page(all, input.NextToken, input.MaxResults);
  return {
    Namespaces: items
      .filter((n) => filters.every((f) => namespaceMatches(n, f)))
      .map((n) => namespaceOutput(world, n)),
    ...(NextToken === undefined ? {} : { NextToken }),
  };
}

export function DeleteNamespace(
  input: DeleteNamespaceCommandInput,
  world: World,
): Output<DeleteNamespaceCommandOutput> {
  const namespace = visibleNamespace(world, input.Id);
  if (namespace.deletingOperationId !== undefined) {
    throw duplicateRequest(namespace.deletingOperationId);
  }
  // Every service counts, even one that reads do not show yet.
  if (Object.values(world.state.cloudMap.services).some((s) => s.namespaceId === namespace.id)) {
    throw awsError(
      ResourceInUse,
      `Namespace ${namespace.id} has associated services; delete the services before deleting the namespace.`,
      400,
    );
  }
  const operation = startOperation(
    world,
    'DELETE_NAMESPACE',
    { NAMESPACE: namespace.id },
    { kind: 'deleteNamespace', namespaceId: namespace.id },
  );
  namespace.deletingOperationId = operation.id;
  return { OperationId: operation.id };
}

/**
 * Changes the description and the SOA TTL by an UPDATE_NAMESPACE operation; what the change
 * leaves out stays. UpdaterRequestId makes a retry safe: the same request with the same id gets
 * the first call's OperationId again instead of a second update.
 */
export function UpdatePrivateDnsNamespace(
  input: UpdatePrivateDnsNamespaceCommandInput,
  world: World,
): Output<UpdatePrivateDnsNamespaceCommandOutput> {
  if (input.Namespace === undefined) throw invalidInput('Namespace is required.');
  const { Description, Properties } = input.Namespace;
  checkDescription(Description);
  const soaTtl = Properties?.DnsProperties?.SOA?.TTL;
  if (Properties !== undefined && soaTtl === undefined) {
    throw invalidInput('Properties.DnsProperties.SOA.TTL is required when Properties is given.');
  }
  checkSoaTtl(soaTtl);
  return updateNamespace('UpdatePrivateDnsNamespace', 'DNS_PRIVATE', input, Description, soaTtl, world);
}

/** An HTTP namespace's description, by an UPDATE_NAMESPACE operation (the model requires it). */
export function UpdateHttpNamespace(
  input: UpdateHttpNamespaceCommandInput,
  world: World,
): Output<UpdateHttpNamespaceCommandOutput> {
  if (input.Namespace?.Description === undefined) throw invalidInput('Namespace.Description is required.');
  checkDescription(input.Namespace.Description);
  return updateNamespace('UpdateHttpNamespace', 'HTTP', input, input.Namespace.Description, undefined, world);
}

function updateNamespace(
  operationName: 'UpdatePrivateDnsNamespace' | 'UpdateHttpNamespace',
  type: 'DNS_PRIVATE' | 'HTTP',
  input: { readonly Id?: string; readonly UpdaterRequestId?: string },
  Description: string | undefined,
  soaTtl: number | undefined,
  world: World,
): { OperationId: string } {
  const token = lookupToken<RememberedOperation>(
    world.state.cloudMap.tokens,
    operationName,
    input.UpdaterRequestId,
    input,
  );
  const replayed = replayOperation(world, token);
  if (replayed !== undefined) return replayed as { OperationId: string };
  if (token.kind === 'different') {
    throw invalidInput(
      `UpdaterRequestId ${input.UpdaterRequestId} was already used with a different ${operationName} request.`,
    );
  }
  const namespace = visibleNamespace(world, input.Id);
  if (namespace.type !== type) {
    throw invalidInput(
      `Namespace ${namespace.id} is not ${type === 'HTTP' ? 'an HTTP' : 'a private DNS'} namespace.`,
    );
  }
  const running = runningOperation(
    world,
    (o) =>
      (o.type === 'UPDATE_NAMESPACE' || o.type === 'DELETE_NAMESPACE') &&
      o.targets.NAMESPACE === namespace.id,
  );
  if (running !== undefined) throw duplicateRequest(running.id);
  const operation = startOperation(
    world,
    'UPDATE_NAMESPACE',
    { NAMESPACE: namespace.id },
    {
      kind: 'updateNamespace',
      namespaceId: namespace.id,
      ...(Description === undefined ? {} : { description: Description }),
      ...(soaTtl === undefined ? {} : { soaTtl }),
    },
  );
  rememberToken(world.state.cloudMap.tokens, operationName, input.UpdaterRequestId, input, {
    operationId: operation.id,
  } satisfies RememberedOperation);
  return { OperationId: operation.id };
}

function namespaceOutput(world: World, namespace: NamespaceRecord): Namespace {
  return {
    Id: namespace.id,
    Arn: namespace.arn,
    ResourceOwner: world.accountId,
    Name: namespace.name,
    Type: namespace.type,
    ...(namespace.description === undefined ? {} : { Description: namespace.description }),
    ServiceCount: Object.values(world.state.cloudMap.services).filter((s) => s.namespaceId === namespace.id)
      .length,
    Properties: {
      DnsProperties:
        namespace.hostedZoneId === undefined
          ? {}
          : { HostedZoneId: namespace.hostedZoneId, SOA: { TTL: namespace.soaTtl ?? DEFAULT_SOA_TTL } },
      HttpProperties: { HttpName: namespace.httpName },
    },
    CreateDate: new Date(namespace.createdAt),
  };
}

function lookupCreate(
  world: World,
  operation: string,
  input: CreatePrivateDnsNamespaceCommandInput | CreateHttpNamespaceCommandInput,
): TokenLookup<RememberedOperation> {
  return lookupToken(world.state.cloudMap.tokens, operation, input.CreatorRequestId, input);
}

function submitCreate(
  world: World,
  operationName: string,
  input: CreatePrivateDnsNamespaceCommandInput | CreateHttpNamespaceCommandInput,
  namespace: NamespaceRecord,
): { OperationId: string } {
  world.state.cloudMap.namespaces[namespace.id] = namespace;
  const operation = startOperation(
    world,
    'CREATE_NAMESPACE',
    { NAMESPACE: namespace.id },
    { kind: 'createNamespace', namespaceId: namespace.id },
  );
  rememberToken(world.state.cloudMap.tokens, operationName, input.CreatorRequestId, input, {
    operationId: operation.id,
  } satisfies RememberedOperation);
  return { OperationId: operation.id };
}

/** A name being created is "in progress"; one that exists is NamespaceAlreadyExists with its id. */
function alreadyExists(world: World, taken: NamespaceRecord): Error {
  if (!taken.ready) {
    const creating = runningOperation(
      world,
      (o) => o.type === 'CREATE_NAMESPACE' && o.targets.NAMESPACE === taken.id,
    );
    if (creating !== undefined) return duplicateRequest(creating.id);
  }
  return awsError(NamespaceAlreadyExists, `Namespace ${taken.name} already exists: ${taken.id}`, 400, {
    NamespaceId: taken.id,
    ...(taken.creatorRequestId === undefined ? {} : { CreatorRequestId: taken.creatorRequestId }),
  });
}

/** AWS keeps HTTP names unique: a reused name gets a generated suffix ("a generated hash is added to HttpName"). */
function httpNameFor(world: World, name: string, namespaceId: string): string {
  const used = Object.values(world.state.cloudMap.namespaces).some((n) => n.httpName === name);
  return used ? `${name}-${world.newId('', `httpname/${namespaceId}`, 8)}` : name;
}

function checkPattern(value: string, pattern: RegExp, member: string): void {
  if (!pattern.test(value)) {
    throw invalidInput(
      `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern.source}`,
    );
  }
}

function checkSoaTtl(ttl: number | undefined): void {
  if (ttl !== undefined && !(Number.isInteger(ttl) && ttl >= 0 && ttl <= 2147483647)) {
    throw invalidInput(`SOA TTL ${ttl} is outside 0..2147483647.`);
  }
}

function checkDescription(description: string | undefined): void {
  if (description !== undefined && description.length > 1024) {
    throw invalidInput(
      "1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 1024",
    );
  }
}

function checkNamespaceFilter(filter: NamespaceFilter): void {
  const condition = filter.Condition ?? 'EQ';
  const allowed: Record<string, readonly string[]> = {
    TYPE: ['EQ', 'IN', 'BEGINS_WITH'],
    NAME: ['EQ', 'BEGINS_WITH'],
    HTTP_NAME: ['EQ', 'BEGINS_WITH'],
    RESOURCE_OWNER: ['EQ'],
  };
  if (!(allowed[filter.Name ?? ''] ?? []).includes(condition)) {
    throw invalidInput(`Condition ${condition} is not supported for filter ${filter.Name ?? ''}.`);
  }
  if (condition !== 'IN' && (filter.Values ?? []).length !== 1) {
    throw invalidInput(`Filter ${filter.Name ?? ''} with condition ${condition} takes exactly one value.`);
  }
}

function namespaceMatches(namespace: NamespaceRecord, filter: NamespaceFilter): boolean {
  const values = filter.Values ?? [];
  const field =
    filter.Name === 'TYPE'
      ? namespace.type
      : filter.Name === 'NAME'
        ? namespace.name
        : filter.Name === 'HTTP_NAME'
          ? namespace.httpName
          : 'SELF';
  if (filter.Condition === 'BEGINS_WITH') return field.startsWith(values[0] ?? '');
  return values.includes(field);
}
