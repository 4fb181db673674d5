import type { VirtualRouterListener } from '@aws-sdk/client-app-mesh';
import type { Tags } from '../definition/mesh-definition.js';
import type { RouteOptions, WeightedTargets } from '../options/route.js';
import type { MeshBuilder } from './mesh-builder.js';
import type { Ref } from './names.js';
import type { BuilderMode } from './node-builder.js';

type Self<T extends string, N extends string, M extends BuilderMode> = M extends 'context'
  ? RouterContext<T, N>
  : RouterScope<T, N>;

/** Node names in either targets form. */
export type TargetNames<W> = W extends readonly (infer E)[]
  ? E extends { readonly node: infer X extends string }
    ? X
    : never
  : keyof W & string;

/** Methods that act on the router `N`. */
export interface RouterMethods<T extends string, N extends string, M extends BuilderMode> {
  /** Adds a listener: `listener.http(80)` (only the port mapping is kept). There is no default listener. */
  listener(listener: VirtualRouterListener): Self<T, N, M>;
  /** Adds a route; `targets` name nodes: `{ green: 4, yellow: 1 }`. */
  route<const W extends WeightedTargets>(
    name: string,
    options: RouteOptions<W>,
  ): Self<T | Ref<'route-target', TargetNames<W>>, N, M>;
  /** Adds tags to this router. */
  tags(tags: Tags): Self<T, N, M>;
}

/** The router builder given to `.router(name, r => ...)`. */
export interface RouterScope<T extends string, N extends string> extends RouterMethods<T, N, 'scope'> {}

/** The builder after `.router(name)`: every mesh method plus router methods acting on `N`. */
export interface RouterContext<T extends string, N extends string>
  extends MeshBuilder<T>,
    RouterMethods<T, N, 'context'> {}
