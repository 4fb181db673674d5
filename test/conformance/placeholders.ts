/**
 * Realistic stand-ins for values AWS assigns at creation (ids, ARNs), so a planned input with
 * reference tokens can be checked against the API models as if the references were resolved.
 * Each kind's values follow the format AWS uses for it; hex parts are derived from the resource id,
 * so they are deterministic and distinct per resource.
 */
import { createHash } from 'node:crypto';
import type { PlannedResource, ResourceAttribute, ResourceKind } from '../../src/plan/resource.js';
import { replaceRefs } from '../../src/plan/resource.js';

export const PLACEHOLDER_ACCOUNT = '123456789012';
export const PLACEHOLDER_REGION = 'us-east-1';

const arn = (service: string, resource: string, region: string = PLACEHOLDER_REGION) =>
  `arn:aws:${service}:${region}:${PLACEHOLDER_ACCOUNT}:${resource}`;

function hex(seed: string, length: number): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, length);
}

type Values = { readonly id: string; readonly arn: string };
type ValuesOf = { readonly [K in ResourceKind]: (resource: PlannedResource<K>) => Values };

/** What AWS would return for each kind: its id and ARN. `name` is always the resource's own name. */
const VALUES: ValuesOf = {
  cloudMapNamespace: (r) => {
    const id = `ns-${hex(r.id, 16)}`;
    return { id, arn: arn('servicediscovery', `namespace/${id}`) };
  },
  cloudMapHttpNamespace: (r) => {
    const id = `ns-${hex(r.id, 16)}`;
    return { id, arn: arn('servicediscovery', `namespace/${id}`) };
  },
  cloudMapService: (r) => {
    const id = `srv-${hex(r.id, 16)}`;
    return { id, arn: arn('servicediscovery', `service/${id}`) };
  },
  mesh: (r) => ({ id: r.name, arn: arn('appmesh', `mesh/${r.name}`) }),
  virtualNode: (r) => appMesh(r, `virtualNode/${r.name}`),
  virtualRouter: (r) => appMesh(r, `virtualRouter/${r.name}`),
  route: (r) => appMesh(r, `virtualRouter/${r.input.virtualRouterName}/route/${r.name}`),
  virtualService: (r) => appMesh(r, `virtualService/${r.name}`),
  virtualGateway: (r) => appMesh(r, `virtualGateway/${r.name}`),
  gatewayRoute: (r) => appMesh(r, `virtualGateway/${r.input.virtualGatewayName}/gatewayRoute/${r.name}`),
  iamRole: (r) => ({
    id: `AROA${hex(r.id, 17).toUpperCase()}`,
    arn: `arn:aws:iam::${PLACEHOLDER_ACCOUNT}:role/${r.name}`,
  }),
  // Inline policies and attachments have no ARN of their own; the policy ARN is the closest thing.
  iamRolePolicy: (r) => ({ id: r.name, arn: `arn:aws:iam::${PLACEHOLDER_ACCOUNT}:policy/${r.name}` }),
  iamRolePolicyAttachment: (r) => ({ id: r.input.PolicyArn ?? r.name, arn: r.input.PolicyArn ?? r.name }),
  securityGroup: (r) => {
    const id = `sg-0${hex(r.id, 16)}`;
    return { id, arn: arn('ec2', `security-group/${id}`) };
  },
  securityGroupIngress: (r) => {
    const id = `sgr-0${hex(r.id, 16)}`;
    return { id, arn: arn('ec2', `security-group-rule/${id}`) };
  },
  logGroup: (r) => ({ id: r.name, arn: arn('logs', `log-group:${r.name}`) }),
  ecsCluster: (r) => ({ id: r.name, arn: arn('ecs', `cluster/${r.name}`) }),
  taskDefinition: (r) => {
    const value = arn('ecs', `task-definition/${r.input.family}:1`);
    return { id: value, arn: value };
  },
  ecsService: (r) => {
    const value = arn('ecs', `service/${r.input.cluster ?? 'default'}/${r.name}`);
    return { id: value, arn: value };
  },
  loadBalancer: (r) => {
    const type = r.input.Type === 'application' ? 'app' : 'net';
    const value = arn('elasticloadbalancing', `loadbalancer/${type}/${r.name}/${hex(r.id, 16)}`);
    return { id: value, arn: value };
  },
  targetGroup: (r) => {
    const value = arn('elasticloadbalancing', `targetgroup/${r.name}/${hex(r.id, 16)}`);
    return { id: value, arn: value };
  },
  loadBalancerListener: (r) => {
    const value = arn(
      'elasticloadbalancing',
      `listener/net/${r.name}/${hex(r.id, 16)}/${hex(`${r.id}#l`, 16)}`,
    );
    return { id: value, arn: value };
  },
  loadBalancerRule: (r) => {
    const value = arn(
      'elasticloadbalancing',
      `listener-rule/app/${r.name}/${hex(r.id, 16)}/${hex(`${r.id}#l`, 16)}/${hex(`${r.id}#r`, 16)}`,
    );
    return { id: value, arn: value };
  },
  // VPC Lattice ids: a prefix and 17 lower-case hex digits; ARNs of listeners and rules nest in their service's.
  latticeServiceNetwork: (r) => lattice(r.id, 'sn', (id) => `servicenetwork/${id}`),
  latticeVpcAssociation: (r) => lattice(r.id, 'snva', (id) => `servicenetworkvpcassociation/${id}`),
  latticeService: (r) => lattice(r.id, 'svc', (id) => `service/${id}`),
  latticeServiceAssociation: (r) => lattice(r.id, 'snsa', (id) => `servicenetworkserviceassociation/${id}`),
  latticeTargetGroup: (r) => lattice(r.id, 'tg', (id) => `targetgroup/${id}`),
  latticeListener: (r) =>
    lattice(r.id, 'listener', (id) => `service/svc-${hex(`${r.id}#service`, 17)}/listener/${id}`),
  latticeRule: (r) =>
    lattice(
      r.id,
      'rule',
      (id) =>
        `service/svc-${hex(`${r.id}#service`, 17)}/listener/listener-${hex(`${r.id}#listener`, 17)}/rule/${id}`,
    ),
  // AWS-managed: the owner in its ARN is `aws`.
  managedPrefixList: (r) => {
    const id = `pl-${hex(r.id, 17)}`;
    return { id, arn: `arn:aws:ec2:${PLACEHOLDER_REGION}:aws:prefix-list/${id}` };
  },
  // An auth policy has no id of its own: its resource's.
  latticeAuthPolicy: (r) => ({
    id: r.input.resourceIdentifier ?? r.name,
    arn: r.input.resourceIdentifier ?? r.name,
  }),
};

function lattice(seed: string, prefix: string, path: (id: string) => string): Values {
  const id = `${prefix}-${hex(seed, 17)}`;
  return { id, arn: arn('vpc-lattice', path(id)) };
}

function appMesh(resource: { input: { meshName?: string } }, path: string): Values {
  const mesh = resource.input.meshName ?? 'mesh';
  const value = arn('appmesh', `mesh/${mesh}/${path}`);
  return { id: value, arn: value };
}

/** The placeholder for `{{ref:<resource.id>#<attribute>}}`. */
export function placeholderFor(resource: PlannedResource, attribute: ResourceAttribute): string {
  if (attribute === 'name') return resource.name;
  const values = (VALUES[resource.kind] as (r: PlannedResource) => Values)(resource);
  return values[attribute];
}

/**
 * Every planned input with its reference tokens replaced by placeholders. A token naming a resource
 * that is not in the plan is a plan bug, so it throws instead of inventing a value.
 */
export function resolveWithPlaceholders(resources: readonly PlannedResource[]): Map<string, unknown> {
  const byId = new Map(resources.map((resource) => [resource.id, resource]));
  const resolve = (id: string, attribute: ResourceAttribute) => {
    const target = byId.get(id);
    if (!target) throw new Error(`reference to ${id}#${attribute}, which is not in the plan`);
    return placeholderFor(target, attribute);
  };
  return new Map(resources.map((resource) => [resource.id, replaceRefs(resource.input, resolve)]));
}

/** The same replacement for any text containing tokens (a rendered file, a script). */
export function replaceTokensInText(text: string, resources: readonly PlannedResource[]): string {
  const byId = new Map(resources.map((resource) => [resource.id, resource]));
  return text.replace(
    /\{\{ref:([^#}]+)#(id|arn|name)\}\}/g,
    (token, id: string, attribute: ResourceAttribute) => {
      const target = byId.get(id);
      if (!target) throw new Error(`reference ${token} names a resource that is not in the plan`);
      // Tokens sit inside JSON strings here, so the value is escaped the way JSON would.
      return JSON.stringify(placeholderFor(target, attribute)).slice(1, -1);
    },
  );
}
