/**
 * AWS-managed prefix lists: fixed data AWS keeps in every region, owned by `AWS`, never written by
 * an account. Only the lists whose entries are the same in every region are served: VPC Lattice's
 * (the link-local ranges it connects to targets from). Their ids are derived from the region, as
 * AWS's differ per region.
 */
import type {
  DescribeManagedPrefixListsCommandInput,
  DescribeManagedPrefixListsCommandOutput,
  GetManagedPrefixListEntriesCommandInput,
  GetManagedPrefixListEntriesCommandOutput,
  ManagedPrefixList,
} from '@aws-sdk/client-ec2';
import { sha256Hex } from '../../../sha256.js';
import type { Output, World } from '../../world.js';
import { ec2Error, missingParameter } from './errors.js';
import { applyFilters, byKey, page } from './query.js';

interface AwsManagedList {
  readonly name: string;
  readonly family: 'IPv4' | 'IPv6';
  readonly cidrs: readonly string[];
}

function awsManagedLists(region: string): AwsManagedList[] {
  return [
    { name: `com.amazonaws.${region}.vpc-lattice`, family: 'IPv4', cidrs: ['169.254.171.0/24'] },
    { name: `com.amazonaws.${region}.ipv6.vpc-lattice`, family: 'IPv6', cidrs: ['fd00:ec2:80::/64'] },
  ];
}

interface PrefixListRecord extends AwsManagedList {
  readonly id: string;
  readonly tags: Record<string, string>;
}

function prefixLists(world: World): PrefixListRecord[] {
  return awsManagedLists(world.region).map((list) => ({
    ...list,
    id: `pl-${sha256Hex(`aws-managed-prefix-list/${world.region}/${list.name}`).slice(0, 17)}`,
    tags: {},
  }));
}

export function prefixListNotFound(id: string) {
  return ec2Error('InvalidPrefixListID.NotFound', `The prefix list ID '${id}' does not exist`);
}

/** The prefix list with this id: an AWS-managed one of the cloud's region. */
export function prefixListById(world: World, id: string): PrefixListRecord {
  const found = prefixLists(world).find((list) => list.id === id);
  if (found === undefined) throw prefixListNotFound(id);
  return found;
}

function listOutput(world: World, list: PrefixListRecord): ManagedPrefixList {
  return {
    PrefixListId: list.id,
    AddressFamily: list.family,
    State: 'create-complete',
    PrefixListArn: `arn:aws:ec2:${world.region}:aws:prefix-list/${list.id}`,
    PrefixListName: list.name,
    Tags: [],
    OwnerId: 'AWS',
  };
}

export const prefixListOperations = {
  DescribeManagedPrefixLists(
    input: DescribeManagedPrefixListsCommandInput,
    world: World,
  ): Output<DescribeManagedPrefixListsCommandOutput> {
    const ids = input.PrefixListIds ?? [];
    const named = ids.map((id) => prefixListById(world, id).id);
    const matching = applyFilters(
      prefixLists(world).filter((list) => named.length === 0 || named.includes(list.id)),
      input.Filters,
      {
        'prefix-list-id': (list) => [list.id],
        'prefix-list-name': (list) => [list.name],
        'owner-id': () => ['AWS'],
      },
    ).sort(byKey((list) => list.id));
    const { items, NextToken } = page(matching, input.NextToken, input.MaxResults);
    return {
      PrefixLists: items.map((list) => listOutput(world, list)),
      ...(NextToken === undefined ? {} : { NextToken }),
    };
  },

  GetManagedPrefixListEntries(
    input: GetManagedPrefixListEntriesCommandInput,
    world: World,
  ): Output<GetManagedPrefixListEntriesCommandOutput> {
    if (input.PrefixListId === undefined) throw missingParameter('PrefixListId');
    const list = prefixListById(world, input.PrefixListId);
    const { items, NextToken } = page(
      list.cidrs.map((Cidr) => ({ Cidr })),
      input.NextToken,
      input.MaxResults,
    );
    return { Entries: items, ...(NextToken === undefined ? {} : { NextToken }) };
  },
};
