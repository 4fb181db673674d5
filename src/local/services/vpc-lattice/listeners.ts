/**
 * Listeners of a service: create (name and port unique in the service), get, update (the default
 * action), delete, list. Each listener has a default rule, which stands for its default action.
 */
import type {
  CreateListenerCommandInput,
  CreateListenerCommandOutput,
  DeleteListenerCommandInput,
  GetListenerCommandInput,
  GetListenerCommandOutput,
  ListListenersCommandInput,
  ListListenersCommandOutput,
  UpdateListenerCommandInput,
  UpdateListenerCommandOutput,
} from '@aws-sdk/client-vpc-lattice';
import type { Operation, Output } from '../../world.js';
import { checkAction } from './actions.js';
import { conflict, invalidRequest, nameTaken } from './errors.js';
import { namePattern, oneOf, range, required, requiredText } from './field-checks.js';
import { listed, listenerOf, page, serviceById } from './lookup.js';
import type { ListenerRecord } from './state.js';
import { checkTags } from './tags.js';
import { createOnce } from './tokens.js';

const PROTOCOLS = ['HTTP', 'HTTPS', 'TLS_PASSTHROUGH'] as const;

function describe(listener: ListenerRecord, serviceArn: string) {
  return {
    id: listener.id,
    arn: listener.arn,
    name: listener.name,
    protocol: listener.protocol,
    port: listener.port,
    serviceArn,
    serviceId: listener.serviceId,
    defaultAction: structuredClone(listener.defaultAction),
  };
}

export const listenerOperations: Record<string, Operation> = {
  CreateListener(input: CreateListenerCommandInput, world): Output<CreateListenerCommandOutput> {
    const s = world.state.vpcLattice;
    const service = serviceById(world, input.serviceIdentifier);
    const listener = createOnce(
      world,
      'CreateListener',
      input,
      'LISTENER',
      (id) => s.listeners[id],
      () => {
        const name = requiredText('name', input.name, 3, 63, namePattern('listener-'));
        const protocol = required('protocol', input.protocol);
        oneOf('protocol', protocol, PROTOCOLS);
        range('port', input.port, 1, 65535);
        const tags = checkTags(input.tags);
        // "For HTTP, the default is 80. For HTTPS, the default is 443" (CreateListener, API reference).
        const port = input.port ?? (protocol === 'HTTP' ? 80 : protocol === 'HTTPS' ? 443 : undefined);
        if (port === undefined) throw invalidRequest('A port is required for a TLS_PASSTHROUGH listener.');
        const defaultAction = checkAction(world, 'defaultAction', input.defaultAction, {
          serviceId: service.id,
          protocol,
        });
        const siblings = Object.values(s.listeners).filter((l) => l.serviceId === service.id);
        // "A listener name must be unique within a service" (CreateListener, API reference).
        if (siblings.some((l) => l.name === name)) throw nameTaken('LISTENER', name);
        const onPort = siblings.find((l) => l.port === port);
        if (onPort !== undefined)
          throw conflict(
            `Listener ${onPort.id} already listens on port ${port} of service ${service.id}.`,
            'LISTENER',
            onPort.id,
          );
        const id = world.newId('listener-', `${service.id}/listener/${name}`);
        const record: ListenerRecord = {
          id,
          arn: `${service.arn}/listener/${id}`,
          serviceId: service.id,
          name,
          protocol,
          port,
          defaultAction,
          defaultRuleId: world.newId('rule-', `${id}/default`),
          createdAt: world.now(),
          lastUpdatedAt: world.now(),
          tags,
        };
        s.listeners[id] = record;
        return record;
      },
    );
    return describe(listener, service.arn);
  },

  GetListener(input: GetListenerCommandInput, world): Output<GetListenerCommandOutput> {
    const { service, listener } = listenerOf(world, input);
    return {
      ...describe(listener, service.arn),
      createdAt: new Date(listener.createdAt),
      lastUpdatedAt: new Date(listener.lastUpdatedAt),
    };
  },

  UpdateListener(input: UpdateListenerCommandInput, world): Output<UpdateListenerCommandOutput> {
    const { service, listener } = listenerOf(world, input);
    listener.defaultAction = checkAction(world, 'defaultAction', input.defaultAction, listener);
    listener.lastUpdatedAt = world.now();
    return describe(listener, service.arn);
  },

  DeleteListener(input: DeleteListenerCommandInput, world): object {
    const { listener } = listenerOf(world, input);
    const s = world.state.vpcLattice;
    // Not documented (DeleteService removes a service's listeners with their rules); refused here,
    // so that a teardown deletes rules first, which works whatever AWS does [U].
    const rules = Object.values(s.rules).filter((r) => r.listenerId === listener.id);
    if (rules.length > 0)
      throw conflict(
        `Listener ${listener.id} has ${rules.length} rule(s); delete them first.`,
        'LISTENER',
        listener.id,
      );
    delete s.listeners[listener.id];
    return {};
  },

  ListListeners(input: ListListenersCommandInput, world): Output<ListListenersCommandOutput> {
    const service = serviceById(world, input.serviceIdentifier);
    const items = listed(world, world.state.vpcLattice.listeners)
      .filter((l) => l.serviceId === service.id)
      .map((l) => ({
        id: l.id,
        arn: l.arn,
        name: l.name,
        protocol: l.protocol,
        port: l.port,
        createdAt: new Date(l.createdAt),
        lastUpdatedAt: new Date(l.lastUpdatedAt),
      }));
    return page(items, input.maxResults, input.nextToken);
  },
};
