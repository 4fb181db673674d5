/**
 * An AWS-managed prefix list (referenced: read, never written), found by the name in its planned
 * DescribeManagedPrefixLists input. Its id differs per region, so it is known only at apply time.
 */
import { DescribeManagedPrefixListsCommand, type ManagedPrefixList } from '@aws-sdk/client-ec2';
import { sendOptions, tagRecord } from './common.js';
import type { ReferenceHandler } from './types.js';

export const managedPrefixListHandler: ReferenceHandler<'managedPrefixList'> = {
  async read(input, ctx) {
    const found: ManagedPrefixList[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ctx.clients.ec2.send(
        new DescribeManagedPrefixListsCommand({ ...input, NextToken }),
        sendOptions(ctx),
      );
      found.push(...(page.PrefixLists ?? []));
      NextToken = page.NextToken;
    } while (NextToken !== undefined);
    const list = found.find((candidate) => candidate.PrefixListName === nameOf(input));
    if (list?.PrefixListId === undefined) return undefined;
    return {
      attributes: { id: list.PrefixListId, arn: list.PrefixListArn, name: list.PrefixListName ?? '' },
      current: {
        PrefixListName: list.PrefixListName,
        AddressFamily: list.AddressFamily,
        OwnerId: list.OwnerId,
      },
      tags: tagRecord(list.Tags),
    };
  },
  describe: (input) => `AWS-managed prefix list ${nameOf(input)}`,
};

function nameOf(input: { Filters?: { Name?: string; Values?: string[] }[] }): string | undefined {
  return input.Filters?.find((filter) => filter.Name === 'prefix-list-name')?.Values?.[0];
}
