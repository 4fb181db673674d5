/**
 * Loads a mesh definition module (.ts through tsx, or .js) and turns its mesh export into a Plan.
 * Accepted exports, by duck typing: a builder (`plan()` or `build()`), a MeshDefinition
 * (`kind: 'mesh'`) or a ready Plan (`kind: 'plan'`); the default export wins, else the only one.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MeshDefinition } from '../definition/mesh-definition.js';
import { MeshError } from '../errors/mesh-error.js';
import { plan as buildPlan } from '../plan/build-plan.js';
import type { Plan } from '../plan/plan.js';
import type { PlanOptions, Target } from '../plan/plan-options.js';
import { isCommonJs } from './module-format.js';
import { thrownAt } from './thrown-at.js';

export interface LoadedPlan {
  readonly plan: Plan;
  /** The export the plan came from: `default` or its name. */
  readonly exportName: string;
}

/** `target`: compile the module's mesh for it (App Mesh when absent); a module's own Plan must match it. */
export async function loadPlan(modulePath: string, target?: Target): Promise<LoadedPlan> {
  const file = resolve(modulePath);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw moduleError(
      `Cannot find the mesh module ${file}. Pass the path of a .ts or .js file that exports a mesh.`,
    );
  }
  const exports = await importModule(file);
  const [exportName, value] = pickMeshExport(file, exports);
  const plan = toPlan(file, exportName, value, target === undefined ? {} : { target });
  if (target !== undefined && plan.target !== target)
    throw moduleError(
      `${file} exports a plan for ${plan.target}, not ${target}. Export the mesh (its builder or definition) to compile it for --target ${target}.`,
    );
  return { plan, exportName };
}

/** Node loads an ES module in JavaScript itself; tsx (a few hundred milliseconds to start) is for the rest. */
const JAVASCRIPT = /\.(js|mjs)$/;

/**
 * Modules this process loaded, by path. A process loads a module once, as Node's own import does;
 * tsx would otherwise evaluate it and everything it imports again on every load (about a second
 * for a mesh that imports the library's sources), which a second command in one process (a test,
 * a script calling the CLI) would pay each time.
 */
const loaded = new Map<string, Promise<Record<string, unknown>>>();

function importModule(file: string): Promise<Record<string, unknown>> {
  let module = loaded.get(file);
  if (module === undefined) {
    module = importModuleOnce(file);
    loaded.set(file, module);
    // A module that failed to load is tried again next time (the user may be fixing it).
    module.catch(() => loaded.delete(file));
  }
  return module;
}

async function importModuleOnce(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  try {
    // A CommonJS module is required, as import() would, but through tsx's require: its stack
    // then has the module's own lines (import() runs tsx's output for it from a data: URL).
    if (isCommonJs(file)) {
      const { require: requireTs } = await import('tsx/cjs/api');
      return { default: requireTs(file, import.meta.url) };
    }
    if (JAVASCRIPT.test(file)) {
      try {
        return (await import(url)) as Record<string, unknown>;
      } catch (error) {
        // It imports TypeScript (`export { default } from './mesh.ts'`): tsx loads that.
        if ((error as { code?: unknown }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
      }
    }
    const { tsImport } = await import('tsx/esm/api');
    return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  } catch (error) {
    // A mesh error thrown while the module builds its mesh is the user's to read as is.
    if (error instanceof MeshError) throw error;
    const where = thrownAt(error);
    throw moduleError(`Could not load ${file}: ${reasonOf(error)}${where ? ` (thrown at ${where})` : ''}`);
  }
}

/**
 * A .ts file outside an ESM package loads as CommonJS: its exports then sit on `default`
 * (`{ default: { default: mesh, other: ... } }`). Lift them to the top.
 */
function unwrapCommonJs(exports: Record<string, unknown>): Record<string, unknown> {
  const inner = exports.default;
  if (typeof inner !== 'object' || inner === null || isMeshLike(inner)) return exports;
  const { default: _wrapper, ...named } = exports;
  return { ...named, ...(inner as Record<string, unknown>) };
}

function pickMeshExport(file: string, loaded: Record<string, unknown>): [string, unknown] {
  const exports = unwrapCommonJs(loaded);
  const candidates = Object.entries(exports)
    .filter(([, value]) => isMeshLike(value))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const chosen =
    candidates.find(([name]) => name === 'default') ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (chosen) return chosen;
  if (candidates.length === 0) {
    const names = Object.keys(exports).sort().join(', ') || 'nothing';
    throw moduleError(
      `${file} exports no mesh (it exports ${names}). Export a mesh builder, a MeshDefinition or a Plan, ` +
        `e.g. \`export default mesh('my-mesh')...\`.`,
    );
  }
  const names = candidates.map(([name]) => name).join(', ');
  throw moduleError(`${file} exports several meshes (${names}). Export the one to use as default.`);
}

function isMeshLike(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    record.kind === 'mesh' ||
    record.kind === 'plan' ||
    typeof record.plan === 'function' ||
    typeof record.build === 'function'
  );
}

export interface LoadedDefinition {
  readonly definition: MeshDefinition;
  readonly exportName: string;
}

/** The module's mesh as a definition, for commands that read the definition rather than a plan (migrate). */
export async function loadDefinition(modulePath: string): Promise<LoadedDefinition> {
  const file = resolve(modulePath);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw moduleError(
      `Cannot find the mesh module ${file}. Pass the path of a .ts or .js file that exports a mesh.`,
    );
  }
  const [exportName, value] = pickMeshExport(file, await importModule(file));
  const record = value as Record<string, unknown>;
  const produced =
    record.kind === 'mesh' || record.kind === 'plan'
      ? record
      : typeof record.build === 'function'
        ? ((record.build as () => unknown)() as Record<string, unknown> | undefined)
        : undefined;
  if (produced?.kind === 'mesh') return { definition: produced as unknown as MeshDefinition, exportName };
  throw moduleError(
    `The export ${exportName} of ${file} is a plan, not a mesh: export the mesh builder or its MeshDefinition.`,
  );
}

function toPlan(file: string, exportName: string, value: unknown, options: PlanOptions): Plan {
  const record = value as Record<string, unknown>;
  if (record.kind === 'plan') return value as Plan;
  if (record.kind === 'mesh') return buildPlan(value as MeshDefinition, options);
  const result = typeof record.plan === 'function' ? record.plan(options) : (record.build as () => unknown)();
  const produced = result as Record<string, unknown> | undefined;
  if (produced?.kind === 'plan') return result as Plan;
  if (produced?.kind === 'mesh') return buildPlan(result as MeshDefinition, options);
  throw moduleError(`The export ${exportName} of ${file} did not produce a mesh definition or a plan.`);
}

function moduleError(message: string): MeshError {
  return new MeshError('MODULE_INVALID', message);
}

/**
 * The first line of the error, without a stack trace; with the line after it when the first one
 * only introduces it (a syntax error reads `Transform failed with 1 error:` then `<file>:3:0: ERROR: ...`).
 */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const [first = message, next] = message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return first.endsWith(':') && next !== undefined ? `${first} ${next}` : first;
}
