/**
 * The definition is data: every value a string, finite number, boolean, null, array or plain object,
 * nested at most MAX_NESTING levels, no object inside itself, no `__proto__` key. TypeScript
 * promises that; plain JavaScript, JSON from a file or `as any` can break it, and the other rules,
 * the planner and the renderers walk the definition recursively and hash it as JSON. So this walk
 * runs first, without recursing past the bound, and reports each break where it is.
 */
import type { MeshDefinition } from '../definition/mesh-definition.js';
import { describeObject, isPlainObject, MAX_NESTING, notDataOf } from '../definition/not-data.js';
import { paths } from '../definition/paths.js';
import { issue, type PlanIssue } from './issue.js';
import { show } from './show.js';

export interface PlainDataIssues {
  /** Cycles, nesting, objects that are not plain records, `__proto__` keys. */
  readonly structure: PlanIssue[];
  /** Values that are not data (NaN, 10n, a function...), which a field's own rule may report better. */
  readonly values: PlanIssue[];
}

const EXPECTED_DATA = 'plain data: an object, array, string, finite number, boolean or null';

/** How the definition's lists and resources map to issue paths; any other key is a field. */
type Visit = (value: unknown) => void;

/**
 * One walk over a definition. Recursive, but never deeper than MAX_NESTING levels. Its state is not
 * restored when a getter throws: validation then reports the throw, and drops the walk.
 */
class DataWalk {
  readonly found: PlainDataIssues = { structure: [], values: [] };
  /** Keys from the definition down to the value being visited. */
  readonly #keys: (string | number)[] = [];
  /** The objects enclosing the value being visited, outermost first: the one at [i] is i levels deep. */
  readonly #enclosing: object[] = [];
  #path: string;
  /** Where the current resource's fields start in #keys. */
  #base = 0;

  constructor(meshPath: string) {
    this.#path = meshPath;
  }

  /** Visits `value` under `key`, as a field of the current resource or with `visit`'s own mapping. */
  child(key: string | number, value: unknown, visit?: Visit): void {
    this.#keys.push(key);
    if (visit) visit(value);
    else this.value(value);
    this.#keys.pop();
  }

  /** Visits `value` as a resource at `path`: its fields are named from it. */
  resource(path: string, value: unknown, children?: Readonly<Record<string, Visit>>): void {
    const outerPath = this.#path;
    const outerBase = this.#base;
    this.#path = path;
    this.#base = this.#keys.length;
    this.value(value, children);
    this.#path = outerPath;
    this.#base = outerBase;
  }

  /** A list of resources: each item through `each`, anything else as a field. */
  list(value: unknown, each: Visit): void {
    if (!Array.isArray(value)) {
      this.value(value);
    } else if (this.#enter(value)) {
      for (let i = 0; i < value.length; i++) this.child(i, value[i], each);
      this.#enclosing.pop();
    }
  }

  value(value: unknown, children?: Readonly<Record<string, Visit>>): void {
    if (typeof value !== 'object') {
      this.#leaf(value);
      return;
    }
    if (value === null || !this.#enter(value)) return;
    const keys = this.#keys;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        // Strings and finite numbers are most of a definition: checked here, without a call.
        if (typeof item === 'string' || (typeof item === 'number' && Number.isFinite(item))) continue;
        keys.push(i);
        this.value(item);
        keys.pop();
      }
    } else {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const entry = record[key];
        if (children === undefined && key !== '__proto__') {
          if (typeof entry === 'string' || (typeof entry === 'number' && Number.isFinite(entry))) continue;
          keys.push(key);
          this.value(entry);
          keys.pop();
          continue;
        }
        if (key === '__proto__') {
          this.#report('structure', 'NOT_PLAIN_DATA', 'a key other than "__proto__"', '"__proto__"', {
            key,
            explanation:
              'JavaScript objects take `__proto__` as their prototype, so a copy on the way to AWS drops this key.',
          });
        }
        const visit = children !== undefined && Object.hasOwn(children, key) ? children[key] : undefined;
        this.child(key, entry, visit);
      }
    }
    this.#enclosing.pop();
  }

  /** Checks an object before its keys are visited: true when it is entered (pushed on #enclosing). */
  #enter(value: object): boolean {
    const prototype = Object.getPrototypeOf(value);
    // Most objects are literals or arrays of this realm: only the others need a closer look.
    if (prototype !== Object.prototype && prototype !== Array.prototype && !this.#isData(value)) return false;
    const depth = this.#keys.length;
    const enclosingDepth = depth > 0 ? this.#enclosing.indexOf(value) : -1;
    if (enclosingDepth !== -1) {
      const where = enclosingDepth === 0 ? 'the definition itself' : fieldOf(this.#keys, 0, enclosingDepth);
      this.#report(
        'structure',
        'CIRCULAR_DATA',
        expectedFor('CIRCULAR_DATA'),
        `a reference back to ${where}`,
      );
      return false;
    }
    if (depth > MAX_NESTING) {
      this.#report('structure', 'TOO_DEEP', expectedFor('TOO_DEEP'), `more than ${MAX_NESTING} levels`);
      return false;
    }
    this.#enclosing.push(value);
    return true;
  }

  /** For an object of another prototype: a stand-in the builder made, a Map, a class instance... */
  #isData(value: object): boolean {
    const standIn = notDataOf(value);
    if (standIn !== undefined) {
      const expected = standIn.code === 'NOT_PLAIN_DATA' ? EXPECTED_DATA : expectedFor(standIn.code);
      this.#report('structure', standIn.code, expected, standIn.received);
      return false;
    }
    if (Array.isArray(value) || isPlainObject(value)) return true;
    this.#report('structure', 'NOT_PLAIN_DATA', EXPECTED_DATA, describeObject(value));
    return false;
  }

  #leaf(value: unknown): void {
    const type = typeof value;
    if (type === 'string' || type === 'boolean' || type === 'undefined') return;
    if (type === 'number' && Number.isFinite(value)) return;
    const expected =
      type === 'number' ? 'a finite number' : type === 'bigint' ? 'a number, not a bigint' : EXPECTED_DATA;
    const explanation =
      type === 'number' || type === 'bigint'
        ? undefined
        : 'JSON has no such value: it would be dropped on the way to AWS.';
    this.#report('values', 'NOT_PLAIN_DATA', expected, show(value), { explanation });
  }

  #report(
    kind: keyof PlainDataIssues,
    code: 'CIRCULAR_DATA' | 'TOO_DEEP' | 'NOT_PLAIN_DATA',
    expected: string,
    received: string,
    options: { key?: string; explanation?: string | undefined } = {},
  ): void {
    const keys = options.key === undefined ? this.#keys : [...this.#keys, options.key];
    // The first levels locate a value nested too deep; 64 more `.d` would only hide the message.
    const shown = Math.min(keys.length, this.#base + SHOWN_KEYS);
    const field = fieldOf(keys, this.#base, shown) + (shown < keys.length ? '...' : '');
    this.found[kind].push(
      issue(code, this.#path, expected, received, {
        ...(field === '' ? {} : { field }),
        ...(options.explanation === undefined ? {} : { explanation: options.explanation }),
      }),
    );
  }
}

function expectedFor(code: 'CIRCULAR_DATA' | 'TOO_DEEP'): string {
  return code === 'CIRCULAR_DATA'
    ? 'data that does not contain itself'
    : `data nested at most ${MAX_NESTING} levels deep`;
}

/** Keys of a field shown in an issue. */
const SHOWN_KEYS = 12;

/** Fields whose keys are the user's (names, not fields): quoted, as the rules name them. */
const RECORDS: ReadonlySet<unknown> = new Set(['tags', 'environment', 'attributes']);

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `listeners[0].portMapping.port`, `environment["MY-VAR"]`: keys[from..to) as the rules name fields. */
function fieldOf(keys: readonly (string | number)[], from: number, to: number): string {
  let field = '';
  for (let i = from; i < to; i++) {
    const key = keys[i] as string | number;
    if (typeof key === 'number') field += `[${key}]`;
    else if (IDENTIFIER.test(key) && !RECORDS.has(keys[i - 1] as string))
      field += field === '' ? key : `.${key}`;
    else field += `[${JSON.stringify(key)}]`;
  }
  return field;
}

/** A name for an issue path, whatever was given as one. */
function nameOf(resource: unknown): string {
  const name =
    typeof resource === 'object' && resource !== null ? (resource as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : show(name);
}

export function checkPlainData(definition: MeshDefinition): PlainDataIssues {
  const mesh = nameOf(definition);
  const namespace = nameOf((definition as { namespace?: unknown } | null)?.namespace);
  const walk = new DataWalk(paths.mesh(mesh));
  const resources =
    (
      pathOf: (resource: unknown) => string,
      children?: (resource: unknown) => Readonly<Record<string, Visit>>,
    ) =>
    (list: unknown) =>
      walk.list(list, (resource) => walk.resource(pathOf(resource), resource, children?.(resource)));
  const task = (path: string) => (value: unknown) => walk.resource(path, value);
  walk.resource(paths.mesh(mesh), definition, {
    namespace: (value) => walk.resource(paths.cloudMapNamespace(namespace), value),
    cloudMapServices: resources((service) => paths.cloudMapService(namespace, nameOf(service))),
    nodes: resources(
      (node) => paths.virtualNode(mesh, nameOf(node)),
      (node) => ({ task: task(paths.nodeTask(mesh, nameOf(node))) }),
    ),
    services: resources((service) => paths.virtualService(mesh, nameOf(service))),
    routers: resources(
      (router) => paths.virtualRouter(mesh, nameOf(router)),
      (router) => ({
        routes: resources((route) => paths.route(mesh, nameOf(router), nameOf(route))),
      }),
    ),
    gateways: resources(
      (gateway) => paths.virtualGateway(mesh, nameOf(gateway)),
      (gateway) => ({
        task: task(paths.gatewayTask(mesh, nameOf(gateway))),
        routes: resources((route) => paths.gatewayRoute(mesh, nameOf(gateway), nameOf(route))),
      }),
    ),
    ecs: (value) => walk.resource(paths.ecsEnvironment(mesh), value),
  });
  return walk.found;
}
