/**
 * Listeners: one per port of a load balancer, with default actions that forward to target groups
 * (which makes those target groups part of the load balancer: their LoadBalancerArns).
 */
import {
  type Action,
  type Certificate,
  type CreateListenerCommandInput,
  type CreateListenerCommandOutput,
  type DeleteListenerCommandInput,
  type DescribeListenersCommandInput,
  type DescribeListenersCommandOutput,
  DuplicateListenerException,
  InvalidConfigurationRequestException,
  InvalidLoadBalancerActionException,
  type Listener,
  type ModifyListenerCommandInput,
  type ModifyListenerCommandOutput,
  type ProtocolEnum,
  TargetGroupAssociationLimitException,
  type TargetGroupTuple,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsError } from '../../aws-error.js';
import { canonicalJson } from '../../idempotency.js';
import type { Operation, Output, World } from '../../world.js';
import { enumError, inRange, targetGroupNotFound, validationError } from './errors.js';
import {
  deleteListenerRecord,
  forwardedTargetGroups,
  listenersOf,
  loadBalancersUsing,
  page,
  requireListener,
  requireLoadBalancer,
  visibleTargetGroup,
} from './lookup.js';
import type { ListenerRecord, LoadBalancerRecord, TagMap } from './state.js';
import { tagsFromInput } from './tags.js';

const APPLICATION_PROTOCOLS = ['HTTP', 'HTTPS'];
const NETWORK_PROTOCOLS = ['TCP', 'TLS', 'UDP', 'TCP_UDP'];
const ACTION_TYPES = ['forward', 'authenticate-oidc', 'authenticate-cognito', 'redirect', 'fixed-response'];
const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-2016-08';

/** The listener's protocol and port, as AWS checks them for this type of load balancer. */
function checkProtocolAndPort(
  lb: LoadBalancerRecord,
  protocol: string | undefined,
  port: number | undefined,
): void {
  if (lb.type === 'gateway') {
    if (port !== undefined) throw validationError('A port cannot be specified for gateway listeners');
    if (protocol !== undefined) throw validationError('A protocol cannot be specified for gateway listeners');
    return;
  }
  if (port === undefined) throw validationError('A listener port must be specified');
  inRange(port, 'port', 1, 65535);
  if (protocol === undefined) throw validationError('A listener protocol must be specified');
  if (![...APPLICATION_PROTOCOLS, ...NETWORK_PROTOCOLS, 'GENEVE'].includes(protocol)) {
    throw enumError(protocol, 'protocol', [...APPLICATION_PROTOCOLS, ...NETWORK_PROTOCOLS]);
  }
  const allowed = lb.type === 'application' ? APPLICATION_PROTOCOLS : NETWORK_PROTOCOLS;
  if (!allowed.includes(protocol)) {
    throw validationError(`Listener protocol '${protocol}' must be one of '${allowed.join(', ')}'`);
  }
}

function checkCertificates(
  protocol: string | undefined,
  certificates: readonly Certificate[] | undefined,
): void {
  if ((protocol === 'HTTPS' || protocol === 'TLS') && (certificates ?? []).length === 0) {
    throw validationError(`A certificate must be specified for ${protocol} listeners`);
  }
}

/**
 * The default actions as AWS stores and returns them (a forward names its target group in both
 * TargetGroupArn and ForwardConfig); throws when a target group is missing or cannot be used here.
 */
export function normalizeActions(
  world: World,
  lb: LoadBalancerRecord,
  actions: readonly Action[] | undefined,
  field = 'defaultActions',
): Action[] {
  if (actions === undefined || actions.length === 0)
    throw validationError(
      field === 'actions' ? 'An action must be specified' : 'A default action must be specified',
    );
  return actions.map((action, index) => {
    const type = action.Type ?? '';
    if (!ACTION_TYPES.includes(type))
      throw enumError(type, `${field}.${index + 1}.member.type`, ACTION_TYPES);
    if (lb.type !== 'application' && type !== 'forward') {
      throw awsError(
        InvalidLoadBalancerActionException,
        `The action type '${type}' is not supported for load balancers of type '${lb.type}'`,
        400,
      );
    }
    if (type !== 'forward') return structuredClone(action);
    const arns = forwardedTargetGroups([action]);
    if (arns.length === 0) throw validationError('A target group ARN must be specified for a forward action');
    for (const arn of arns) {
      const tg = visibleTargetGroup(world, arn);
      if (tg === undefined) throw targetGroupNotFound(`Target group '${arn}' not found`);
      if (tg.vpcId !== undefined && tg.vpcId !== lb.vpcId) {
        throw awsError(
          InvalidConfigurationRequestException,
          `The target group '${arn}' is not in the same VPC as the load balancer '${lb.arn}'`,
          400,
        );
      }
      const protocols = lb.type === 'application' ? APPLICATION_PROTOCOLS : NETWORK_PROTOCOLS;
      if (tg.protocol !== undefined && !protocols.includes(tg.protocol)) {
        throw awsError(
          InvalidConfigurationRequestException,
          `The target group '${arn}' uses the ${tg.protocol} protocol, which load balancers of type '${lb.type}' do not support`,
          400,
        );
      }
      // A target group serves one load balancer (any number of its listeners).
      if (loadBalancersUsing(world, arn).some((other) => other !== lb.arn)) {
        throw awsError(
          TargetGroupAssociationLimitException,
          `The following target groups cannot be associated with more than one load balancer: ${arn}`,
          400,
        );
      }
    }
    const targetGroups: TargetGroupTuple[] =
      action.ForwardConfig?.TargetGroups ?? arns.map((TargetGroupArn) => ({ TargetGroupArn }));
    return {
      Type: 'forward',
      ...(action.Order === undefined ? {} : { Order: action.Order }),
      ...(arns.length === 1 ? { TargetGroupArn: arns[0] } : {}),
      ForwardConfig: {
        TargetGroups: targetGroups.map((tg, at) => {
          inRange(
            tg.Weight,
            `${field}.${index + 1}.member.forwardConfig.targetGroups.${at + 1}.member.weight`,
            0,
            999,
          );
          return { TargetGroupArn: tg.TargetGroupArn, Weight: tg.Weight ?? 1 };
        }),
        TargetGroupStickinessConfig: { Enabled: false, ...action.ForwardConfig?.TargetGroupStickinessConfig },
      },
    };
  });
}

export function describeListener(listener: ListenerRecord): Listener {
  return {
    ListenerArn: listener.arn,
    LoadBalancerArn: listener.loadBalancerArn,
    ...(listener.port === undefined ? {} : { Port: listener.port }),
    ...(listener.protocol === undefined ? {} : { Protocol: listener.protocol }),
    ...(listener.certificates === undefined ? {} : { Certificates: structuredClone(listener.certificates) }),
    ...(listener.sslPolicy === undefined ? {} : { SslPolicy: listener.sslPolicy }),
    DefaultActions: structuredClone(listener.defaultActions),
    ...(listener.alpnPolicy === undefined ? {} : { AlpnPolicy: [...listener.alpnPolicy] }),
  };
}

/** What makes two CreateListener calls "the same settings". */
function settingsOf(listener: Omit<ListenerRecord, 'arn' | 'createdAt' | 'tags'>): string {
  return canonicalJson({ ...listener });
}

export const listenerOperations: Record<string, Operation> = {
  CreateListener(input: CreateListenerCommandInput, world): Output<CreateListenerCommandOutput> {
    const lb = requireLoadBalancer(world, input.LoadBalancerArn);
    checkProtocolAndPort(lb, input.Protocol, input.Port);
    checkCertificates(input.Protocol, input.Certificates);
    const defaultActions = normalizeActions(world, lb, input.DefaultActions);
    const tags: TagMap = tagsFromInput(input.Tags);
    const secure = input.Protocol === 'HTTPS' || input.Protocol === 'TLS';
    const wanted = {
      loadBalancerArn: lb.arn,
      ...(input.Port === undefined ? {} : { port: input.Port }),
      ...(input.Protocol === undefined ? {} : { protocol: input.Protocol }),
      defaultActions,
      ...(secure
        ? {
            certificates: structuredClone(input.Certificates ?? []),
            sslPolicy: input.SslPolicy ?? DEFAULT_SSL_POLICY,
          }
        : {}),
      ...(input.AlpnPolicy === undefined ? {} : { alpnPolicy: [...input.AlpnPolicy] }),
    };
    const existing = listenersOf(world, lb.arn).find((l) => l.port === input.Port);
    if (existing !== undefined) {
      // AWS: creating a listener with the same settings again succeeds and returns it.
      const { arn: _arn, createdAt: _createdAt, tags: _tags, ...current } = existing;
      if (settingsOf(current) !== settingsOf(wanted)) {
        throw awsError(DuplicateListenerException, 'A listener with the specified port already exists.', 400);
      }
      return { Listeners: [describeListener(existing)] };
    }
    const id = world.newId('', `listener/${lb.arn}/${input.Port ?? ''}`, 16);
    const record: ListenerRecord = {
      arn: `${lb.arn.replace(':loadbalancer/', ':listener/')}/${id}`,
      ...wanted,
      tags,
      createdAt: world.now(),
    };
    world.state.elbv2.listeners[record.arn] = record;
    return { Listeners: [describeListener(record)] };
  },

  DescribeListeners(input: DescribeListenersCommandInput, world): Output<DescribeListenersCommandOutput> {
    if ((input.LoadBalancerArn === undefined) === (input.ListenerArns === undefined)) {
      throw validationError('You must specify either listener ARNs or a load balancer ARN');
    }
    let selected: ListenerRecord[];
    if (input.LoadBalancerArn !== undefined) {
      const lb = requireLoadBalancer(world, input.LoadBalancerArn);
      selected = listenersOf(world, lb.arn).filter((l) => world.visible(l.createdAt));
    } else {
      selected = [...new Set(input.ListenerArns)].map((arn) => requireListener(world, arn));
    }
    selected.sort((a, b) => (a.port ?? 0) - (b.port ?? 0) || (a.arn < b.arn ? -1 : 1));
    const { items, nextMarker } = page(selected, input.Marker, input.PageSize);
    return {
      Listeners: items.map(describeListener),
      ...(nextMarker === undefined ? {} : { NextMarker: nextMarker }),
    };
  },

  ModifyListener(input: ModifyListenerCommandInput, world): Output<ModifyListenerCommandOutput> {
    const listener = requireListener(world, input.ListenerArn);
    const lb = requireLoadBalancer(world, listener.loadBalancerArn);
    const port = input.Port ?? listener.port;
    const protocol = (input.Protocol ?? listener.protocol) as ProtocolEnum | undefined;
    checkProtocolAndPort(lb, protocol, port);
    const secure = protocol === 'HTTPS' || protocol === 'TLS';
    const certificates = secure ? (input.Certificates ?? listener.certificates) : undefined;
    checkCertificates(protocol, certificates);
    if (listenersOf(world, lb.arn).some((l) => l.arn !== listener.arn && l.port === port)) {
      throw awsError(DuplicateListenerException, 'A listener with the specified port already exists.', 400);
    }
    const defaultActions =
      input.DefaultActions === undefined
        ? listener.defaultActions
        : normalizeActions(world, lb, input.DefaultActions);
    listener.port = port;
    listener.protocol = protocol;
    listener.defaultActions = defaultActions;
    if (secure) {
      listener.certificates = structuredClone(certificates ?? []);
      listener.sslPolicy = input.SslPolicy ?? listener.sslPolicy ?? DEFAULT_SSL_POLICY;
    } else {
      delete listener.certificates;
      delete listener.sslPolicy;
    }
    if (input.AlpnPolicy !== undefined) listener.alpnPolicy = [...input.AlpnPolicy];
    return { Listeners: [describeListener(listener)] };
  },

  DeleteListener(input: DeleteListenerCommandInput, world): object {
    const listener = requireListener(world, input.ListenerArn);
    deleteListenerRecord(world, listener.arn);
    return {};
  },
};
