/**
 * Associations of a service network with VPCs (with up to 5 security groups) and with services.
 * A create answers CREATE_IN_PROGRESS and the association is ACTIVE on the next read; a delete
 * answers DELETE_IN_PROGRESS and the association is gone at once (AWS takes a moment [U: how long]).
 */
import type {
  CreateServiceNetworkServiceAssociationCommandInput,
  CreateServiceNetworkServiceAssociationCommandOutput,
  CreateServiceNetworkVpcAssociationCommandInput,
  CreateServiceNetworkVpcAssociationCommandOutput,
  DeleteServiceNetworkServiceAssociationCommandInput,
  DeleteServiceNetworkServiceAssociationCommandOutput,
  DeleteServiceNetworkVpcAssociationCommandInput,
  DeleteServiceNetworkVpcAssociationCommandOutput,
  GetServiceNetworkServiceAssociationCommandInput,
  GetServiceNetworkServiceAssociationCommandOutput,
  GetServiceNetworkVpcAssociationCommandInput,
  GetServiceNetworkVpcAssociationCommandOutput,
  ListServiceNetworkServiceAssociationsCommandInput,
  ListServiceNetworkServiceAssociationsCommandOutput,
  ListServiceNetworkVpcAssociationsCommandInput,
  ListServiceNetworkVpcAssociationsCommandOutput,
  UpdateServiceNetworkVpcAssociationCommandInput,
  UpdateServiceNetworkVpcAssociationCommandOutput,
} from '@aws-sdk/client-vpc-lattice';
import type { Operation, Output, World } from '../../world.js';
import { conflict, invalidRequest, notFound } from './errors.js';
import {
  count,
  pattern,
  required,
  requiredText,
  SECURITY_GROUP_ID,
  SERVICE_IDENTIFIER,
  SERVICE_NETWORK_IDENTIFIER,
  text,
  VPC_ID,
} from './field-checks.js';
import {
  idOf,
  latticeArn,
  listed,
  page,
  serviceAssociationById,
  serviceById,
  serviceNetworkById,
  vpcAssociationById,
} from './lookup.js';
import type { ServiceAssociationRecord, ServiceNetworkRecord, VpcAssociationRecord } from './state.js';
import { checkTags } from './tags.js';
import { createOnce } from './tokens.js';

/** Security groups of the association's VPC: the model's limits, then they must exist there [U: error]. */
function checkSecurityGroups(world: World, vpcId: string, ids: readonly string[], field: string): string[] {
  ids.forEach((id, i) => {
    pattern(`${field}.${i + 1}.member`, id, SECURITY_GROUP_ID);
    const group = world.internal.ec2.securityGroup(id);
    if (group === undefined) throw notFound('SERVICE_NETWORK_VPC_ASSOCIATION', id);
    if (group.vpcId !== vpcId) throw invalidRequest(`Security group ${id} does not belong to VPC ${vpcId}.`);
  });
  return [...ids];
}

function network(world: World, id: string): ServiceNetworkRecord {
  return world.state.vpcLattice.serviceNetworks[id] as ServiceNetworkRecord;
}

function vpcSummary(world: World, a: VpcAssociationRecord) {
  const sn = network(world, a.serviceNetworkId);
  return {
    id: a.id,
    arn: a.arn,
    status: 'ACTIVE' as const,
    createdBy: world.accountId,
    createdAt: new Date(a.createdAt),
    lastUpdatedAt: new Date(a.lastUpdatedAt),
    serviceNetworkId: sn.id,
    serviceNetworkName: sn.name,
    serviceNetworkArn: sn.arn,
    vpcId: a.vpcId,
    ...(a.privateDnsEnabled === undefined ? {} : { privateDnsEnabled: a.privateDnsEnabled }),
  };
}

function serviceSummary(world: World, a: ServiceAssociationRecord) {
  const sn = network(world, a.serviceNetworkId);
  const service = world.state.vpcLattice.services[a.serviceId];
  return {
    id: a.id,
    arn: a.arn,
    status: 'ACTIVE' as const,
    createdBy: world.accountId,
    createdAt: new Date(a.createdAt),
    serviceId: a.serviceId,
    serviceName: service?.name,
    serviceArn: service?.arn,
    serviceNetworkId: sn.id,
    serviceNetworkName: sn.name,
    serviceNetworkArn: sn.arn,
    ...(service === undefined ? {} : { dnsEntry: { ...service.dnsEntry } }),
    ...(service?.customDomainName === undefined ? {} : { customDomainName: service.customDomainName }),
  };
}

export const associationOperations: Record<string, Operation> = {
  CreateServiceNetworkVpcAssociation(
    input: CreateServiceNetworkVpcAssociationCommandInput,
    world,
  ): Output<CreateServiceNetworkVpcAssociationCommandOutput> {
    const s = world.state.vpcLattice;
    const association = createOnce(
      world,
      'CreateServiceNetworkVpcAssociation',
      input,
      'SERVICE_NETWORK_VPC_ASSOCIATION',
      (id) => s.vpcAssociations[id],
      () => {
        const sn = serviceNetworkById(world, input.serviceNetworkIdentifier);
        const vpcId = requiredText('vpcIdentifier', input.vpcIdentifier, 5, 50, VPC_ID);
        count('securityGroupIds', input.securityGroupIds, 0, 5);
        const tags = checkTags(input.tags);
        if (world.internal.ec2.vpc(vpcId) === undefined)
          throw notFound('SERVICE_NETWORK_VPC_ASSOCIATION', vpcId);
        const securityGroupIds = checkSecurityGroups(
          world,
          vpcId,
          input.securityGroupIds ?? [],
          'securityGroupIds',
        );
        const taken = Object.values(s.vpcAssociations).find((a) => a.vpcId === vpcId);
        // A VPC can be associated with one service network only (VPC Lattice user guide, service networks) [U: wording].
        if (taken !== undefined) {
          throw conflict(
            `VPC ${vpcId} is already associated with service network ${taken.serviceNetworkId}.`,
            'SERVICE_NETWORK_VPC_ASSOCIATION',
            taken.id,
          );
        }
        const id = world.newId('snva-', `${sn.id}/${vpcId}`);
        const record: VpcAssociationRecord = {
          id,
          arn: latticeArn(world, `servicenetworkvpcassociation/${id}`),
          serviceNetworkId: sn.id,
          vpcId,
          securityGroupIds,
          ...(input.privateDnsEnabled === undefined ? {} : { privateDnsEnabled: input.privateDnsEnabled }),
          createdAt: world.now(),
          lastUpdatedAt: world.now(),
          tags,
        };
        s.vpcAssociations[id] = record;
        return record;
      },
    );
    return {
      id: association.id,
      arn: association.arn,
      status: 'CREATE_IN_PROGRESS',
      createdBy: world.accountId,
      securityGroupIds: [...association.securityGroupIds],
      ...(association.privateDnsEnabled === undefined
        ? {}
        : { privateDnsEnabled: association.privateDnsEnabled }),
    };
  },

  GetServiceNetworkVpcAssociation(
    input: GetServiceNetworkVpcAssociationCommandInput,
    world,
  ): Output<GetServiceNetworkVpcAssociationCommandOutput> {
    const association = vpcAssociationById(world, input.serviceNetworkVpcAssociationIdentifier);
    return { ...vpcSummary(world, association), securityGroupIds: [...association.securityGroupIds] };
  },

  UpdateServiceNetworkVpcAssociation(
    input: UpdateServiceNetworkVpcAssociationCommandInput,
    world,
  ): Output<UpdateServiceNetworkVpcAssociationCommandOutput> {
    const association = vpcAssociationById(world, input.serviceNetworkVpcAssociationIdentifier);
    const ids = required('securityGroupIds', input.securityGroupIds);
    count('securityGroupIds', ids, 1, 5);
    association.securityGroupIds = checkSecurityGroups(world, association.vpcId, ids, 'securityGroupIds');
    association.lastUpdatedAt = world.now();
    return {
      id: association.id,
      arn: association.arn,
      status: 'ACTIVE',
      createdBy: world.accountId,
      securityGroupIds: [...association.securityGroupIds],
    };
  },

  DeleteServiceNetworkVpcAssociation(
    input: DeleteServiceNetworkVpcAssociationCommandInput,
    world,
  ): Output<DeleteServiceNetworkVpcAssociationCommandOutput> {
    const association = vpcAssociationById(world, input.serviceNetworkVpcAssociationIdentifier);
    delete world.state.vpcLattice.vpcAssociations[association.id];
    return { id: association.id, arn: association.arn, status: 'DELETE_IN_PROGRESS' };
  },

  ListServiceNetworkVpcAssociations(
    input: ListServiceNetworkVpcAssociationsCommandInput,
    world,
  ): Output<ListServiceNetworkVpcAssociationsCommandOutput> {
    text('serviceNetworkIdentifier', input.serviceNetworkIdentifier, 3, 2048, SERVICE_NETWORK_IDENTIFIER);
    text('vpcIdentifier', input.vpcIdentifier, 5, 50, VPC_ID);
    if (input.serviceNetworkIdentifier === undefined && input.vpcIdentifier === undefined)
      throw invalidRequest('Either serviceNetworkIdentifier or vpcIdentifier must be provided.');
    const networkId =
      input.serviceNetworkIdentifier === undefined ? undefined : idOf(input.serviceNetworkIdentifier);
    const items = listed(world, world.state.vpcLattice.vpcAssociations)
      .filter(
        (a) =>
          (networkId === undefined || a.serviceNetworkId === networkId) &&
          (input.vpcIdentifier === undefined || a.vpcId === input.vpcIdentifier),
      )
      .map((a) => vpcSummary(world, a));
    return page(items, input.maxResults, input.nextToken);
  },

  CreateServiceNetworkServiceAssociation(
    input: CreateServiceNetworkServiceAssociationCommandInput,
    world,
  ): Output<CreateServiceNetworkServiceAssociationCommandOutput> {
    const s = world.state.vpcLattice;
    const association = createOnce(
      world,
      'CreateServiceNetworkServiceAssociation',
      input,
      'SERVICE_NETWORK_SERVICE_ASSOCIATION',
      (id) => s.serviceAssociations[id],
      () => {
        const service = serviceById(world, input.serviceIdentifier);
        const sn = serviceNetworkById(world, input.serviceNetworkIdentifier);
        const tags = checkTags(input.tags);
        // "You can't use this operation if the service and service network are already associated" (API reference).
        const taken = Object.values(s.serviceAssociations).find(
          (a) => a.serviceId === service.id && a.serviceNetworkId === sn.id,
        );
        if (taken !== undefined) {
          throw conflict(
            `Service ${service.id} is already associated with service network ${sn.id}.`,
            'SERVICE_NETWORK_SERVICE_ASSOCIATION',
            taken.id,
          );
        }
        const id = world.newId('snsa-', `${sn.id}/${service.id}`);
        const record: ServiceAssociationRecord = {
          id,
          arn: latticeArn(world, `servicenetworkserviceassociation/${id}`),
          serviceNetworkId: sn.id,
          serviceId: service.id,
          createdAt: world.now(),
          lastUpdatedAt: world.now(),
          tags,
        };
        s.serviceAssociations[id] = record;
        return record;
      },
    );
    const service = s.services[association.serviceId];
    return {
      id: association.id,
      arn: association.arn,
      status: 'CREATE_IN_PROGRESS',
      createdBy: world.accountId,
      ...(service === undefined ? {} : { dnsEntry: { ...service.dnsEntry } }),
      ...(service?.customDomainName === undefined ? {} : { customDomainName: service.customDomainName }),
    };
  },

  GetServiceNetworkServiceAssociation(
    input: GetServiceNetworkServiceAssociationCommandInput,
    world,
  ): Output<GetServiceNetworkServiceAssociationCommandOutput> {
    return serviceSummary(
      world,
      serviceAssociationById(world, input.serviceNetworkServiceAssociationIdentifier),
    );
  },

  DeleteServiceNetworkServiceAssociation(
    input: DeleteServiceNetworkServiceAssociationCommandInput,
    world,
  ): Output<DeleteServiceNetworkServiceAssociationCommandOutput> {
    const association = serviceAssociationById(world, input.serviceNetworkServiceAssociationIdentifier);
    delete world.state.vpcLattice.serviceAssociations[association.id];
    return { id: association.id, arn: association.arn, status: 'DELETE_IN_PROGRESS' };
  },

  ListServiceNetworkServiceAssociations(
    input: ListServiceNetworkServiceAssociationsCommandInput,
    world,
  ): Output<ListServiceNetworkServiceAssociationsCommandOutput> {
    text('serviceNetworkIdentifier', input.serviceNetworkIdentifier, 3, 2048, SERVICE_NETWORK_IDENTIFIER);
    text('serviceIdentifier', input.serviceIdentifier, 17, 2048, SERVICE_IDENTIFIER);
    // "You must provide either the service network identifier or the service identifier" (API reference).
    if (input.serviceNetworkIdentifier === undefined && input.serviceIdentifier === undefined)
      throw invalidRequest('Either serviceNetworkIdentifier or serviceIdentifier must be provided.');
    const networkId =
      input.serviceNetworkIdentifier === undefined ? undefined : idOf(input.serviceNetworkIdentifier);
    const serviceId = input.serviceIdentifier === undefined ? undefined : idOf(input.serviceIdentifier);
    const items = listed(world, world.state.vpcLattice.serviceAssociations)
      .filter(
        (a) =>
          (networkId === undefined || a.serviceNetworkId === networkId) &&
          (serviceId === undefined || a.serviceId === serviceId),
      )
      .map((a) => serviceSummary(world, a));
    return page(items, input.maxResults, input.nextToken);
  },
};
