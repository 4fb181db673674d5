/**
 * Names declared in a mesh, tracked in the builder's type parameter so misspelled references fail to compile.
 *
 * The parameter is ONE union of tagged names: `'node:red' | 'service:red.colors.local' | 'backend:blue'`.
 * Adding a name is `T | 'node:red'`, which the compiler flattens at once, so a long chain never nests
 * types (a nested object per step blew the instantiation depth at ~50 nodes).
 *
 * References may point forward (red -> blue before blue is declared), so they are collected as tags too
 * (`backend:blue`) and checked only where the mesh is complete: `build()` and `plan()`.
 * Names that are not literals (`string`) are never checked: a dynamic declaration becomes the pattern
 * `node:${string}` (which accepts every reference of that kind) and a dynamic reference adds nothing.
 */
import type { MeshTypeError } from './type-error.js';

/** Kinds of declared names. `fronted`: a node that a virtual service fronts (a backend may name it). */
export type DeclarationKind = 'node' | 'service' | 'fronted' | 'router' | 'gateway' | 'cloud-map';

/** Kinds of references waiting for the final check. */
export type RefKind = 'backend' | 'provider-node' | 'provider-router' | 'route-target' | 'gateway-target';

/** The tag for a declared name (a pattern when the name is dynamic). */
export type Declare<Kind extends DeclarationKind, Name extends string> = `${Kind}:${Name}`;

/** The tag for a reference, or nothing when the name is not a literal. */
export type Ref<Kind extends RefKind, Name extends string> = string extends Name ? never : `${Kind}:${Name}`;

/** The declared names of one kind in `T`. */
export type Declared<T extends string, Kind extends DeclarationKind> = T extends `${Kind}:${infer Name}`
  ? Name
  : never;

/** A new name, or an error type when it is already declared (literal names only). */
export type NewName<Name extends string, T extends string, Kind extends DeclarationKind> = string extends Name
  ? Name
  : `${Kind}:${string}` extends T
    ? Name
    : `${Kind}:${Name}` extends T
      ? MeshTypeError<`${Kind} "${Name}" is declared twice`>
      : Name;

type Known<Name extends string, T extends string, Kind extends DeclarationKind> = `${Kind}:${Name}` extends T
  ? true
  : false;

type Problem<R, T extends string> = R extends `backend:${infer B}`
  ? Known<B, T, 'service'> extends true
    ? never
    : Known<B, T, 'fronted'> extends true
      ? never
      : `backend "${B}" is not a virtual service or node of this mesh`
  : R extends `provider-node:${infer N}`
    ? Known<N, T, 'node'> extends true
      ? never
      : `provider "${N}" is not a node of this mesh`
    : R extends `provider-router:${infer N}`
      ? Known<N, T, 'router'> extends true
        ? never
        : `provider "${N}" is not a router of this mesh`
      : R extends `route-target:${infer N}`
        ? Known<N, T, 'node'> extends true
          ? never
          : `route target "${N}" is not a node of this mesh`
        : R extends `gateway-target:${infer S}`
          ? Known<S, T, 'service'> extends true
            ? never
            : Known<S, T, 'fronted'> extends true
              ? never
              : `gateway route target "${S}" is not a virtual service or node of this mesh`
          : never;

/** Every unresolved reference in `T` as a message (never when all are known). */
export type Problems<T extends string> = Problem<T, T>;

/** The `this` type of `build()` / `plan()`: anything when complete, else the error. */
export type Complete<T extends string> = [Problems<T>] extends [never] ? unknown : MeshTypeError<Problems<T>>;
