import type { DescribeManagedPrefixListsCommandInput } from '@aws-sdk/client-ec2';
import { resourceIds } from '../names.js';
import { planned } from '../planned.js';
import type { PlannedResource } from '../resource.js';

/** An AWS-managed prefix list, referenced by its name (unique: customers' names cannot start with com.amazonaws). */
export function managedPrefixListResource(name: string): PlannedResource<'managedPrefixList'> {
  return planned('managedPrefixList', resourceIds.managedPrefixList(name), name, [], {
    Filters: [{ Name: 'prefix-list-name', Values: [name] }],
  } satisfies DescribeManagedPrefixListsCommandInput);
}
