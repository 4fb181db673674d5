/**
 * Lattice services: create (name unique in the account; a DNS name of its own), get, update (auth
 * type, certificate), delete, list. "A service can't be deleted if it's associated with a service
 * network. If you delete a service, all resources related to the service, such as the resource
 * policy, auth policy, listeners, listener rules, and access log subscriptions, are also deleted"
 * (DeleteService, API reference).
 */
import type {
  CreateServiceCommandInput,
  CreateServiceCommandOutput,
  DeleteServiceCommandInput,
  DeleteServiceCommandOutput,
  GetServiceCommandInput,
  GetServiceCommandOutput,
  ListServicesCommandInput,
  ListServicesCommandOutput,
  UpdateServiceCommandInput,
  UpdateServiceCommandOutput,
} from '@aws-sdk/client-vpc-lattice';
import { sha256Hex } from '../../../sha256.js';
import type { Operation, Output, World } from '../../world.js';
import { conflict, nameTaken } from './errors.js';
import { AUTH_TYPES, namePattern, oneOf, range, requiredText, text } from './field-checks.js';
import { latticeArn, listed, page, serviceById } from './lookup.js';
import type { ServiceRecord } from './state.js';
import { checkTags } from './tags.js';
import { createOnce } from './tokens.js';

const CERTIFICATE_ARN =
  '(arn(:[a-z0-9]+([.-][a-z0-9]+)*){2}(:([a-z0-9]+([.-][a-z0-9]+)*)?){2}:certificate/[0-9a-z-]+)?';

/**
 * AWS's generated name, `<name>-<id without svc->.<7 hex>.vpc-lattice-svcs.<region>.on.aws`, in
 * one hosted zone per Region (as AWS's examples show; how AWS derives the 7 hex digits and the zone
 * id is not documented [U]).
 */
function dnsEntry(world: World, name: string, id: string): ServiceRecord['dnsEntry'] {
  return {
    domainName: `${name}-${id.slice(4)}.${sha256Hex(id).slice(0, 7)}.vpc-lattice-svcs.${world.region}.on.aws`,
    hostedZoneId: `Z${sha256Hex(`vpc-lattice-svcs.${world.region}`).slice(0, 20).toUpperCase()}`,
  };
}

function describe(service: ServiceRecord) {
  return {
    id: service.id,
    arn: service.arn,
    name: service.name,
    status: 'ACTIVE' as const,
    authType: service.authType,
    dnsEntry: { ...service.dnsEntry },
    ...(service.customDomainName === undefined ? {} : { customDomainName: service.customDomainName }),
    ...(service.certificateArn === undefined ? {} : { certificateArn: service.certificateArn }),
    ...(service.idleTimeoutSeconds === undefined ? {} : { idleTimeoutSeconds: service.idleTimeoutSeconds }),
  };
}

/** Removes the service's listeners, their rules and its auth policy, as DeleteService does. */
function deleteChildren(world: World, service: ServiceRecord): void {
  const s = world.state.vpcLattice;
  for (const rule of Object.values(s.rules)) if (rule.serviceId === service.id) delete s.rules[rule.id];
  for (const listener of Object.values(s.listeners))
    if (listener.serviceId === service.id) delete s.listeners[listener.id];
  delete s.authPolicies[service.id];
}

export const serviceOperations: Record<string, Operation> = {
  CreateService(input: CreateServiceCommandInput, world): Output<CreateServiceCommandOutput> {
    const s = world.state.vpcLattice;
    const service = createOnce(
      world,
      'CreateService',
      input,
      'SERVICE',
      (id) => s.services[id],
      () => {
        const name = requiredText('name', input.name, 3, 40, namePattern('svc-'));
        text('customDomainName', input.customDomainName, 3, 255);
        text('certificateArn', input.certificateArn, 0, 2048, CERTIFICATE_ARN);
        oneOf('authType', input.authType, AUTH_TYPES);
        range('idleTimeoutSeconds', input.idleTimeoutSeconds, 60, 600);
        const tags = checkTags(input.tags);
        if (Object.values(s.services).some((x) => x.name === name)) throw nameTaken('SERVICE', name);
        const id = world.newId('svc-', `service/${name}`);
        const record: ServiceRecord = {
          id,
          arn: latticeArn(world, `service/${id}`),
          name,
          authType: input.authType ?? 'NONE',
          ...(input.customDomainName === undefined ? {} : { customDomainName: input.customDomainName }),
          ...(input.certificateArn === undefined ? {} : { certificateArn: input.certificateArn }),
          ...(input.idleTimeoutSeconds === undefined ? {} : { idleTimeoutSeconds: input.idleTimeoutSeconds }),
          dnsEntry: dnsEntry(world, name, id),
          createdAt: world.now(),
          lastUpdatedAt: world.now(),
          tags,
        };
        s.services[id] = record;
        return record;
      },
    );
    return describe(service);
  },

  GetService(input: GetServiceCommandInput, world): Output<GetServiceCommandOutput> {
    const service = serviceById(world, input.serviceIdentifier);
    return {
      ...describe(service),
      createdAt: new Date(service.createdAt),
      lastUpdatedAt: new Date(service.lastUpdatedAt),
    };
  },

  UpdateService(input: UpdateServiceCommandInput, world): Output<UpdateServiceCommandOutput> {
    const service = serviceById(world, input.serviceIdentifier);
    text('certificateArn', input.certificateArn, 0, 2048, CERTIFICATE_ARN);
    oneOf('authType', input.authType, AUTH_TYPES);
    range('idleTimeoutSeconds', input.idleTimeoutSeconds, 60, 600);
    if (input.authType !== undefined) service.authType = input.authType;
    if (input.certificateArn !== undefined) service.certificateArn = input.certificateArn;
    if (input.idleTimeoutSeconds !== undefined) service.idleTimeoutSeconds = input.idleTimeoutSeconds;
    service.lastUpdatedAt = world.now();
    const { dnsEntry: _dns, status: _status, ...updated } = describe(service);
    return updated;
  },

  DeleteService(input: DeleteServiceCommandInput, world): Output<DeleteServiceCommandOutput> {
    const service = serviceById(world, input.serviceIdentifier);
    const s = world.state.vpcLattice;
    const association = Object.values(s.serviceAssociations).find((a) => a.serviceId === service.id);
    if (association !== undefined) {
      throw conflict(
        `Service ${service.id} is associated with service network ${association.serviceNetworkId}.`,
        'SERVICE',
        service.id,
      );
    }
    deleteChildren(world, service);
    delete s.services[service.id];
    return { id: service.id, arn: service.arn, name: service.name, status: 'DELETE_IN_PROGRESS' };
  },

  ListServices(input: ListServicesCommandInput, world): Output<ListServicesCommandOutput> {
    const items = listed(world, world.state.vpcLattice.services).map((service) => {
      const {
        authType: _auth,
        certificateArn: _cert,
        idleTimeoutSeconds: _idle,
        ...summary
      } = describe(service);
      return {
        ...summary,
        createdAt: new Date(service.createdAt),
        lastUpdatedAt: new Date(service.lastUpdatedAt),
      };
    });
    return page(items, input.maxResults, input.nextToken);
  },
};
