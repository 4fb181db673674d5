/**
 * Service networks: create (name unique in the account), get, update (auth type), delete (refused
 * while a VPC or a service is associated), list. Deleting one deletes its auth policy (API reference).
 */
import type {
  CreateServiceNetworkCommandInput,
  CreateServiceNetworkCommandOutput,
  DeleteServiceNetworkCommandInput,
  GetServiceNetworkCommandInput,
  GetServiceNetworkCommandOutput,
  ListServiceNetworksCommandInput,
  ListServiceNetworksCommandOutput,
  UpdateServiceNetworkCommandInput,
  UpdateServiceNetworkCommandOutput,
} from '@aws-sdk/client-vpc-lattice';
import type { Operation, Output, World } from '../../world.js';
import { conflict, nameTaken } from './errors.js';
import { AUTH_TYPES, namePattern, oneOf, required, requiredText } from './field-checks.js';
import { latticeArn, listed, page, serviceNetworkById } from './lookup.js';
import type { ServiceNetworkRecord } from './state.js';
import { checkTags } from './tags.js';
import { createOnce } from './tokens.js';

function associationCounts(world: World, network: ServiceNetworkRecord) {
  const s = world.state.vpcLattice;
  return {
    numberOfAssociatedVPCs: Object.values(s.vpcAssociations).filter((a) => a.serviceNetworkId === network.id)
      .length,
    numberOfAssociatedServices: Object.values(s.serviceAssociations).filter(
      (a) => a.serviceNetworkId === network.id,
    ).length,
  };
}

function summary(network: ServiceNetworkRecord) {
  return { id: network.id, name: network.name, arn: network.arn, authType: network.authType };
}

export const serviceNetworkOperations: Record<string, Operation> = {
  CreateServiceNetwork(
    input: CreateServiceNetworkCommandInput,
    world,
  ): Output<CreateServiceNetworkCommandOutput> {
    const s = world.state.vpcLattice;
    const network = createOnce(
      world,
      'CreateServiceNetwork',
      input,
      'SERVICE_NETWORK',
      (id) => s.serviceNetworks[id],
      () => {
        const name = requiredText('name', input.name, 3, 63, namePattern());
        oneOf('authType', input.authType, AUTH_TYPES);
        const tags = checkTags(input.tags);
        if (Object.values(s.serviceNetworks).some((n) => n.name === name))
          throw nameTaken('SERVICE_NETWORK', name);
        const id = world.newId('sn-', `servicenetwork/${name}`);
        const record: ServiceNetworkRecord = {
          id,
          arn: latticeArn(world, `servicenetwork/${id}`),
          name,
          authType: input.authType ?? 'NONE',
          sharingEnabled: input.sharingConfig?.enabled ?? false,
          createdAt: world.now(),
          lastUpdatedAt: world.now(),
          tags,
        };
        s.serviceNetworks[id] = record;
        return record;
      },
    );
    return { ...summary(network), sharingConfig: { enabled: network.sharingEnabled } };
  },

  GetServiceNetwork(input: GetServiceNetworkCommandInput, world): Output<GetServiceNetworkCommandOutput> {
    const network = serviceNetworkById(world, input.serviceNetworkIdentifier);
    return {
      ...summary(network),
      sharingConfig: { enabled: network.sharingEnabled },
      createdAt: new Date(network.createdAt),
      lastUpdatedAt: new Date(network.lastUpdatedAt),
      ...associationCounts(world, network),
    };
  },

  UpdateServiceNetwork(
    input: UpdateServiceNetworkCommandInput,
    world,
  ): Output<UpdateServiceNetworkCommandOutput> {
    const network = serviceNetworkById(world, input.serviceNetworkIdentifier);
    oneOf('authType', required('authType', input.authType), AUTH_TYPES);
    network.authType = input.authType as ServiceNetworkRecord['authType'];
    network.lastUpdatedAt = world.now();
    return summary(network);
  },

  DeleteServiceNetwork(input: DeleteServiceNetworkCommandInput, world): object {
    const network = serviceNetworkById(world, input.serviceNetworkIdentifier);
    const counts = associationCounts(world, network);
    // AWS's wording, as seen in DeleteServiceNetwork errors (gruntwork-io/cloud-nuke pull request 1158).
    if (counts.numberOfAssociatedVPCs > 0)
      throw conflict(`ServiceNetwork ${network.id} has VPC(s) associated`, 'SERVICE_NETWORK', network.id);
    // The same form for services, by analogy with the VPC and resource ones [U].
    if (counts.numberOfAssociatedServices > 0)
      throw conflict(`ServiceNetwork ${network.id} has service(s) associated`, 'SERVICE_NETWORK', network.id);
    const s = world.state.vpcLattice;
    delete s.serviceNetworks[network.id];
    delete s.authPolicies[network.id];
    return {};
  },

  ListServiceNetworks(
    input: ListServiceNetworksCommandInput,
    world,
  ): Output<ListServiceNetworksCommandOutput> {
    const all = listed(world, world.state.vpcLattice.serviceNetworks).map((n) => ({
      id: n.id,
      name: n.name,
      arn: n.arn,
      createdAt: new Date(n.createdAt),
      lastUpdatedAt: new Date(n.lastUpdatedAt),
      ...associationCounts(world, n),
      numberOfAssociatedResourceConfigurations: 0,
    }));
    return page(all, input.maxResults, input.nextToken);
  },
};
