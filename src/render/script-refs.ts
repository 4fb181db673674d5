/**
 * Turns the reference tokens a command needs into shell assignments that look the values up,
 * nested lookups first (a Cloud Map service is found through its namespace's id).
 */
import { findRefs, type PlannedResource, type ResourceAttribute } from '../plan/resource.js';
import { NOT_FOUND_ERRORS } from './cli-commands.js';
import type { ResourceFile } from './file-layout.js';
import { lookupFor } from './lookups.js';
import { commandLine, quote, quoteWithRefs, variableName } from './shell.js';

export interface ScriptContext {
  readonly files: ReadonlyMap<string, ResourceFile>;
}

export function scriptContext(files: readonly ResourceFile[]): ScriptContext {
  return { files: new Map(files.map((f) => [f.resource.id, f])) };
}

export function variableOf(context: ScriptContext, resourceId: string, attribute: string): string {
  const file = context.files.get(resourceId);
  if (!file) throw new Error(`Reference to ${resourceId}, which is not in the plan`);
  return variableName(file.name, attribute);
}

/** Quotes words, writing tokens as their variables. */
export function shellWords(context: ScriptContext, words: readonly string[]): string[] {
  return words.map((word) => quoteWithRefs(word, (id, attribute) => variableOf(context, id, attribute)));
}

export interface ResolvedRefs {
  /** Assignments, in the order they must run. */
  readonly lines: string[];
  /** Variables of the tokens asked for (not the nested ones), in order of appearance. */
  readonly variables: string[];
}

/**
 * apply: `x=$(lookup ...)`, which fails when AWS finds nothing.
 * destroy: `x=$(find_value 'NotFound' ...)`, empty when the resource is already gone.
 */
export function resolveRefs(context: ScriptContext, value: unknown, mode: 'apply' | 'destroy'): ResolvedRefs {
  const lines: string[] = [];
  const assigned = new Set<string>();

  const assign = (resourceId: string, attribute: ResourceAttribute): string => {
    const variable = variableOf(context, resourceId, attribute);
    if (assigned.has(variable)) return variable;
    const resource = (context.files.get(resourceId) as ResourceFile).resource;
    const lookup = lookupFor(resource, attribute);
    const nested = uniqueRefs(lookup).map((ref) => assign(ref.resourceId, ref.attribute));
    lines.push(...assignment(context, resource, variable, lookup, nested, mode));
    assigned.add(variable);
    return variable;
  };

  const variables = uniqueRefs(value).map((ref) => assign(ref.resourceId, ref.attribute));
  return { lines, variables };
}

function assignment(
  context: ScriptContext,
  resource: PlannedResource,
  variable: string,
  lookup: readonly string[],
  nested: readonly string[],
  mode: 'apply' | 'destroy',
): string[] {
  if (mode === 'apply') return [`${commandLine([`${variable}=$(lookup`, ...shellWords(context, lookup)])})`];
  const words = [quote(NOT_FOUND_ERRORS[resource.kind]), ...shellWords(context, lookup)];
  if (nested.length === 0) return [`${commandLine([`${variable}=$(find_value`, ...words])})`];
  // Without its parent (the namespace, the load balancer) the resource is gone too.
  const parentsMissing = nested.map((v) => `-z $${v}`).join(' || ');
  return [
    `${variable}=''`,
    `${commandLine([`[[ ${parentsMissing} ]] ||`, `${variable}=$(find_value`, ...words])})`,
  ];
}

export function uniqueRefs(value: unknown): { resourceId: string; attribute: ResourceAttribute }[] {
  const seen = new Set<string>();
  return findRefs(value).filter((ref) => {
    const key = `${ref.resourceId}#${ref.attribute}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
