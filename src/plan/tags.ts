/**
 * Tags on planned resources: the mesh's tags apply everywhere, then the environment's (AWS side),
 * then the resource's own, and last the ownership tags (mesh and plan), which nothing can override.
 * Each AWS API spells tags its own way; these helpers give each spelling, keys sorted.
 *
 * Most resources carry no tags of their own, so they share one frozen tag list (a 5,000-node
 * plan would otherwise hold tens of thousands of equal copies).
 */
import type { Tags } from '../definition/mesh-definition.js';
import { OWNERSHIP_TAG_KEY, PLAN_TAG_KEY } from './names.js';

/** The ownership tags of a plan's resources: the mesh and the plan they belong to. */
export function ownershipTags(meshName: string, planName: string): Tags {
  return Object.freeze({ [OWNERSHIP_TAG_KEY]: meshName, [PLAN_TAG_KEY]: planName });
}

/** Merges tag layers (later wins) and adds the ownership tags. Keys sorted, frozen. */
export function mergeTags(ownership: Tags, ...layers: readonly (Tags | undefined)[]): Tags {
  const merged: Record<string, string> = {};
  for (const layer of layers) Object.assign(merged, layer);
  Object.assign(merged, ownership);
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(merged).sort()) sorted[key] = merged[key] as string;
  return Object.freeze(sorted);
}

/** `base` (a mergeTags result) plus a resource's own tags; `base` itself when it has none. */
export function withOwnTags(ownership: Tags, base: Tags, own: Tags | undefined): Tags {
  if (own === undefined) return base;
  for (const _ in own) return mergeTags(ownership, base, own);
  return base;
}

const lowerCaseLists = new WeakMap<Tags, { key: string; value: string }[]>();
const pascalCaseLists = new WeakMap<Tags, { Key: string; Value: string }[]>();

/** App Mesh and ECS: `[{ key, value }]` (frozen, shared between equal tag objects). */
export function lowerCaseTags(tags: Tags): { key: string; value: string }[] {
  let list = lowerCaseLists.get(tags);
  if (list === undefined) {
    list = Object.freeze(Object.entries(tags).map(([key, value]) => Object.freeze({ key, value }))) as {
      key: string;
      value: string;
    }[];
    lowerCaseLists.set(tags, list);
  }
  return list;
}

/** Cloud Map, IAM, EC2, ELBv2: `[{ Key, Value }]` (frozen, shared between equal tag objects). */
export function pascalCaseTags(tags: Tags): { Key: string; Value: string }[] {
  let list = pascalCaseLists.get(tags);
  if (list === undefined) {
    list = Object.freeze(Object.entries(tags).map(([Key, Value]) => Object.freeze({ Key, Value }))) as {
      Key: string;
      Value: string;
    }[];
    pascalCaseLists.set(tags, list);
  }
  return list;
}
