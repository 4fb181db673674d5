import type { EgressFilterType, IpPreference } from '@aws-sdk/client-app-mesh';
import type { MeshDefinition, Tags } from '../definition/mesh-definition.js';
import type { CloudMapServiceOptions, NamespaceOptions } from '../options/cloud-map.js';
import type { EcsOptions } from '../options/task.js';
import type { Plan } from '../plan/plan.js';
import type { PlanOptions } from '../plan/plan-options.js';
import type { GatewayContext, GatewayScope } from './gateway-builder.js';
import type { Complete, Declare, NewName, Ref } from './names.js';
import type { NodeContext, NodeScope } from './node-builder.js';
import type { RouterContext, RouterScope } from './router-builder.js';

export interface MeshOptions {
  /** DROP_ALL: tasks reach only resources in the mesh; ALLOW_ALL: anything. @default 'DROP_ALL' */
  readonly egressFilter?: EgressFilterType;
  /** Mesh-wide IP preference for service discovery. @default undefined (AWS default) */
  readonly ipPreference?: IpPreference;
  /** Account id of the mesh owner, for meshes shared through AWS RAM. @default undefined (this account) */
  readonly meshOwner?: string;
  /** Tags for every AWS resource that takes tags. @default {} */
  readonly tags?: Tags;
  /**
   * The plan's name in its ownership tags and journal: give each plan its own when several share a
   * mesh (a gateway team's plan next to the services' plan), so that one never deletes or updates
   * what the other created. Letters, digits, `.`, `_` and `-`. @default the mesh's name
   */
  readonly plan?: string;
}

export interface VirtualServiceOptions {
  /** @default {} */
  readonly tags?: Tags;
}

/**
 * An immutable, typed mesh builder: each method returns a new builder; the old one is unchanged.
 * `T` tracks declared names so misspelled references fail to compile (see names.ts).
 */
export interface MeshBuilder<T extends string = never> {
  /** The Cloud Map private DNS namespace, e.g. `colors.local`. */
  namespace(name: string, options?: NamespaceOptions): MeshBuilder<T>;
  /** A Cloud Map service in the namespace: `red` resolves as `red.colors.local`. */
  cloudMapService<const Name extends string>(
    name: Name,
    options?: CloudMapServiceOptions,
  ): MeshBuilder<T | Declare<'cloud-map', Name>>;
  /** A name that resolves through DNS the plan does not manage. */
  externalDns(name: string): MeshBuilder<T>;
  /** A virtual service provided by a node. */
  service<const Name extends string, const Node extends string>(
    name: Name,
    provider: VirtualServiceOptions & { readonly node: Node },
  ): MeshBuilder<T | Declare<'service', Name> | Declare<'fronted', Node> | Ref<'provider-node', Node>>;
  /** A virtual service provided by a router. */
  service<const Name extends string, const Router extends string>(
    name: Name,
    provider: VirtualServiceOptions & { readonly router: Router },
  ): MeshBuilder<T | Declare<'service', Name> | Ref<'provider-router', Router>>;
  /** A virtual service without a provider (it answers nothing until one is set). */
  service<const Name extends string>(
    name: Name,
    options?: VirtualServiceOptions,
  ): MeshBuilder<T | Declare<'service', Name>>;
  /** Declares a virtual node; the returned builder also has node methods acting on it. */
  node<const Name extends string>(
    name: NewName<Name, T, 'node'>,
  ): NodeContext<T | Declare<'node', Name>, Name>;
  /** Declares a virtual node configured in `configure`. */
  node<const Name extends string, R extends string>(
    name: NewName<Name, T, 'node'>,
    configure: (node: NodeScope<T | Declare<'node', Name>, Name>) => NodeScope<R, Name>,
  ): MeshBuilder<R>;
  /** Declares a virtual router; the returned builder also has router methods acting on it. */
  router<const Name extends string>(
    name: NewName<Name, T, 'router'>,
  ): RouterContext<T | Declare<'router', Name>, Name>;
  /** Declares a virtual router configured in `configure`. */
  router<const Name extends string, R extends string>(
    name: NewName<Name, T, 'router'>,
    configure: (router: RouterScope<T | Declare<'router', Name>, Name>) => RouterScope<R, Name>,
  ): MeshBuilder<R>;
  /** Declares a virtual gateway; the returned builder also has gateway methods acting on it. */
  gateway<const Name extends string>(
    name: NewName<Name, T, 'gateway'>,
  ): GatewayContext<T | Declare<'gateway', Name>, Name>;
  /** Declares a virtual gateway configured in `configure`. */
  gateway<const Name extends string, R extends string>(
    name: NewName<Name, T, 'gateway'>,
    configure: (gateway: GatewayScope<T | Declare<'gateway', Name>, Name>) => GatewayScope<R, Name>,
  ): MeshBuilder<R>;
  /** Where the tasks run: account, region, VPC, subnets, cluster. */
  ecs(options: EcsOptions): MeshBuilder<T>;
  /**
   * The frozen MeshDefinition. Unavailable (a compile error naming the reference) while a literal
   * backend, provider or route target names nothing declared.
   */
  build(this: Complete<T>): MeshDefinition;
  /**
   * Validates and plans the mesh for a target (App Mesh by default): `plan(this.build(), options)`.
   * Throws PlanValidationError listing every issue.
   */
  plan(this: Complete<T>, options?: PlanOptions): Plan;
}
