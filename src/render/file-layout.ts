/**
 * File names for the CLI input files, in the tutorial's convention: `<NN><letter>-<name>.json`.
 * "Whenever I use the same letter prefix for files, you can apply files with the same prefix in any
 * order": files sharing a prefix never depend on each other, and every dependency of a file has a
 * smaller prefix, so applying the files in name order is a valid create order.
 *
 * The number is a stage a reader recognises (00 what the plan references and never creates,
 * 01 Cloud Map, 02 the mesh, 03 IAM/EC2/logs/ECS, 04 the gateway and its load balancer,
 * 05 VPC Lattice), raised to the highest stage among the resource's
 * dependencies; the letter is the resource's depth among dependencies in the same stage.
 */
import type { Plan } from '../plan/plan.js';
import { findRefs, type PlannedResource, type ResourceKind } from '../plan/resource.js';
import { withKnownArnsResolved } from './resolve-names.js';

export interface ResourceFile {
  readonly resource: PlannedResource;
  /** `02b`: stage number and layer letter. */
  readonly prefix: string;
  /** Short readable name, unique in the plan: `red-node`. */
  readonly name: string;
  /** `02b-red-node.json` */
  readonly path: string;
}

const KIND_STAGE: Record<ResourceKind, number> = {
  cloudMapNamespace: 1,
  cloudMapHttpNamespace: 1,
  cloudMapService: 1,
  mesh: 2,
  virtualNode: 2,
  virtualRouter: 2,
  route: 2,
  virtualService: 2,
  virtualGateway: 4,
  gatewayRoute: 4,
  iamRole: 3,
  iamRolePolicy: 3,
  iamRolePolicyAttachment: 3,
  securityGroup: 3,
  securityGroupIngress: 3,
  logGroup: 3,
  ecsCluster: 3,
  taskDefinition: 3,
  ecsService: 3,
  loadBalancer: 4,
  targetGroup: 4,
  loadBalancerListener: 4,
  loadBalancerRule: 4,
  latticeServiceNetwork: 5,
  latticeVpcAssociation: 5,
  latticeService: 5,
  latticeServiceAssociation: 5,
  latticeTargetGroup: 5,
  latticeListener: 5,
  latticeRule: 5,
  latticeAuthPolicy: 5,
  managedPrefixList: 0,
};

/** The name of a resource a token in this one points at (the group of an ingress rule). */
type NameOfRef = (token: string | undefined) => string | undefined;

type ShortName<K extends ResourceKind> = (resource: PlannedResource<K>, nameOfRef: NameOfRef) => string;

/** The readable part of each file name; collisions fall back to the resource id. */
const SHORT_NAMES: { [K in ResourceKind]: ShortName<K> } = {
  cloudMapNamespace: () => 'namespace',
  cloudMapHttpNamespace: () => 'namespace',
  cloudMapService: (r) => withWord(r.name, 'service'),
  mesh: (r) => withWord(r.name, 'mesh'),
  virtualNode: (r) => withWord(r.name, 'node'),
  virtualRouter: (r) => withWord(r.name, 'router'),
  route: (r) => withWord(r.name, 'route'),
  virtualService: (r) => `${r.name.split('.')[0]}-virtual-service`,
  virtualGateway: (r) => withWord(r.name, 'gateway'),
  gatewayRoute: (r) => withWord(r.name, 'route'),
  iamRole: (r) => withWord(r.name, 'role'),
  iamRolePolicy: (r) => `${r.input.RoleName}-${r.input.PolicyName}`,
  iamRolePolicyAttachment: (r) => `${r.input.RoleName}-${(r.input.PolicyArn ?? r.name).split('/').pop()}`,
  securityGroup: (r) => withWord(r.name, 'sg'),
  securityGroupIngress: (r, nameOf) => withWord(`${nameOf(r.input.GroupId) ?? ''}-${r.name}`, 'ingress'),
  logGroup: (r) => withWord(r.name, 'logs'),
  ecsCluster: (r) => withWord(r.name, 'cluster'),
  taskDefinition: (r) => `${r.input.family ?? r.name}-td`,
  ecsService: (r) => `${r.name}-ecs-service`,
  loadBalancer: (r) => withWord(r.name, 'lb', 'nlb', 'alb'),
  targetGroup: (r) => withWord(r.name, 'tg'),
  loadBalancerListener: (r, nameOf) =>
    withWord(`${nameOf(r.input.LoadBalancerArn) ?? ''}-${r.name}`, 'listener'),
  loadBalancerRule: (r) => withWord(r.name, 'rule'),
  latticeServiceNetwork: (r) => withWord(r.name, 'network'),
  latticeVpcAssociation: (r, nameOf) =>
    `${nameOf(r.input.serviceNetworkIdentifier) ?? ''}-${r.input.vpcIdentifier}-association`,
  latticeService: (r) => `${r.name}-lattice-service`,
  latticeServiceAssociation: (r, nameOf) => `${nameOf(r.input.serviceIdentifier) ?? r.name}-association`,
  latticeTargetGroup: (r) => withWord(r.name, 'tg'),
  latticeListener: (r, nameOf) =>
    withWord(`${nameOf(r.input.serviceIdentifier) ?? ''}-${r.name}`, 'listener'),
  latticeRule: (r, nameOf) => withWord(`${nameOf(r.input.serviceIdentifier) ?? ''}-${r.name}`, 'rule'),
  latticeAuthPolicy: (r, nameOf) => `${nameOf(r.input.resourceIdentifier) ?? r.name}-auth-policy`,
  managedPrefixList: (r) => `${r.name}-prefix-list`,
};

/**
 * Every plan resource with its file, sorted by path (which is also a valid create order). Names and
 * the roles' ARNs are written out, as in the stand-alone task definitions; what exists only after
 * creation stays a token for the scripts to look up.
 */
export function resourceFiles(plan: Plan): ResourceFile[] {
  const resources = withKnownArnsResolved(plan);
  const prefixes = prefixesOf(resources);
  const names = uniqueNames(resources, plan.meshName);
  return resources
    .map((resource) => {
      const prefix = prefixes.get(resource.id) as string;
      const name = names.get(resource.id) as string;
      return { resource, prefix, name, path: `${prefix}-${name}.json` };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function prefixesOf(resources: readonly PlannedResource[]): Map<string, string> {
  const byId = new Map(resources.map((r) => [r.id, r]));
  const placed = new Map<string, { stage: number; layer: number }>();
  const visiting = new Set<string>();

  const place = (resource: PlannedResource): { stage: number; layer: number } => {
    const known = placed.get(resource.id);
    if (known) return known;
    // plan() rejects cycles; this guard only keeps a hand-made plan from recursing forever.
    if (visiting.has(resource.id)) throw new Error(`Dependency cycle through ${resource.id}`);
    visiting.add(resource.id);
    const deps = resource.dependsOn.flatMap((id) => {
      const dep = byId.get(id);
      return dep ? [place(dep)] : [];
    });
    const stage = Math.max(KIND_STAGE[resource.kind], ...deps.map((d) => d.stage));
    const layer = Math.max(-1, ...deps.filter((d) => d.stage === stage).map((d) => d.layer)) + 1;
    const result = { stage, layer };
    visiting.delete(resource.id);
    placed.set(resource.id, result);
    return result;
  };

  return new Map(
    resources.map((resource) => {
      const { stage, layer } = place(resource);
      return [resource.id, `${String(stage).padStart(2, '0')}${layerLetters(layer)}`];
    }),
  );
}

/** a..y, then za..zy, zza...: letters that keep sorting in layer order past 25 layers. */
export function layerLetters(layer: number): string {
  return layer < 25 ? String.fromCharCode(97 + layer) : `z${layerLetters(layer - 25)}`;
}

function uniqueNames(resources: readonly PlannedResource[], meshName: string): Map<string, string> {
  const byId = new Map(resources.map((r) => [r.id, r]));
  const nameOfRef: NameOfRef = (token) => {
    const id = token === undefined ? undefined : findRefs(token)[0]?.resourceId;
    return id === undefined ? undefined : byId.get(id)?.name;
  };
  const short = resources.map((r) => {
    const name = fileSafe((SHORT_NAMES[r.kind] as ShortName<ResourceKind>)(r, nameOfRef));
    // Role and policy names start with the mesh name; the folder is the mesh's already.
    const unprefixed =
      r.kind === 'mesh' ? name : name.replace(new RegExp(`^${escapeRegExp(fileSafe(meshName))}-`), '');
    return unprefixed || name;
  });
  const counts = countOf(short);
  const chosen = resources.map((r, i) =>
    (counts.get(short[i] as string) ?? 0) > 1 ? fileSafe(r.id) : short[i],
  );
  // Ids are unique, but two ids could still flatten to the same file-safe text.
  const seen = new Map<string, number>();
  return new Map(
    resources.map((r, i) => {
      const name = chosen[i] as string;
      const n = (seen.get(name) ?? 0) + 1;
      seen.set(name, n);
      return [r.id, n === 1 ? name : `${name}-${n}`];
    }),
  );
}

function countOf(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** `red` + node -> `red-node`; `color-router` + router stays `color-router`. */
function withWord(name: string, word: string, ...synonyms: string[]): string {
  const words = name.toLowerCase().split(/[^a-z0-9]+/);
  return [word, ...synonyms].some((w) => words.includes(w)) ? name : `${name}-${word}`;
}

/** Lower case letters, digits, dots and dashes only; no leading dot or dash. */
export function fileSafe(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9.]+/g, '-')
      .replace(/^[-.]+|-+$/g, '') || 'resource'
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
