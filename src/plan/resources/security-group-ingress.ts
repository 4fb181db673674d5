import type { AuthorizeSecurityGroupIngressCommandInput, IpPermission } from '@aws-sdk/client-ec2';
import type { Tags } from '../../definition/mesh-definition.js';
import { ingressRuleNames, resourceIds } from '../names.js';
import { planned } from '../planned.js';
import { type PlannedResource, ref } from '../resource.js';
import { pascalCaseTags } from '../tags.js';

function ingressResource(
  groupName: string,
  ruleName: string,
  permission: IpPermission,
  tags: Tags,
  dependsOn: readonly string[] = [],
): PlannedResource<'securityGroupIngress'> {
  const groupId = resourceIds.securityGroup(groupName);
  return planned(
    'securityGroupIngress',
    resourceIds.securityGroupIngress(groupName, ruleName),
    ruleName,
    [groupId, ...dependsOn],
    {
      GroupId: ref(groupId, 'id'),
      IpPermissions: [permission],
      TagSpecifications: [{ ResourceType: 'security-group-rule', Tags: pascalCaseTags(tags) }],
    } satisfies AuthorizeSecurityGroupIngressCommandInput,
  );
}

/** All protocols and ports from members of the same group: meshed tasks reach each other. */
export function selfReferencingIngressResource(
  groupName: string,
  tags: Tags,
): PlannedResource<'securityGroupIngress'> {
  const groupId = resourceIds.securityGroup(groupName);
  return ingressResource(
    groupName,
    ingressRuleNames.self,
    { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: ref(groupId, 'id') }] },
    tags,
  );
}

/** One TCP port open to the members of another group of the plan (a load balancer's). */
export function groupIngressResource(
  groupName: string,
  port: number,
  sourceGroupName: string,
  tags: Tags,
): PlannedResource<'securityGroupIngress'> {
  const sourceId = resourceIds.securityGroup(sourceGroupName);
  return ingressResource(
    groupName,
    ingressRuleNames.tcpPortFrom(port, sourceGroupName),
    {
      IpProtocol: 'tcp',
      FromPort: port,
      ToPort: port,
      UserIdGroupPairs: [{ GroupId: ref(sourceId, 'id') }],
    },
    tags,
    [sourceId],
  );
}

/** One TCP port open to the listed CIDRs (IPv4 and IPv6 told apart by the colon). */
export function cidrIngressResource(
  groupName: string,
  port: number,
  cidrs: readonly string[],
  tags: Tags,
): PlannedResource<'securityGroupIngress'> {
  const ipv4 = cidrs.filter((cidr) => !cidr.includes(':'));
  const ipv6 = cidrs.filter((cidr) => cidr.includes(':'));
  return ingressResource(
    groupName,
    ingressRuleNames.tcpPort(port),
    {
      IpProtocol: 'tcp',
      FromPort: port,
      ToPort: port,
      IpRanges: ipv4.length > 0 ? ipv4.map((CidrIp) => ({ CidrIp })) : undefined,
      Ipv6Ranges: ipv6.length > 0 ? ipv6.map((CidrIpv6) => ({ CidrIpv6 })) : undefined,
    },
    tags,
  );
}

/** One TCP port open to the addresses of a prefix list of the plan (an AWS-managed one, looked up). */
export function prefixListIngressResource(
  groupName: string,
  ruleName: string,
  port: number,
  prefixList: PlannedResource<'managedPrefixList'>,
  tags: Tags,
): PlannedResource<'securityGroupIngress'> {
  return ingressResource(
    groupName,
    ruleName,
    {
      IpProtocol: 'tcp',
      FromPort: port,
      ToPort: port,
      PrefixListIds: [{ PrefixListId: ref(prefixList.id, 'id') }],
    },
    tags,
    [prefixList.id],
  );
}
