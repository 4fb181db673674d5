/**
 * Hostile text in every name and free-text field. A name AWS refuses is refused by validation;
 * text AWS accepts is rendered, and apply.sh and destroy.sh are run with a stand-in `aws` that
 * records each call's argv: nothing in the text may run, and every argument must arrive exactly
 * as the renderer meant it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MeshDefinition } from '../../src/definition/mesh-definition.js';
import { paths } from '../../src/definition/paths.js';
import { PlanValidationError } from '../../src/errors/mesh-error.js';
import { plan } from '../../src/plan/build-plan.js';
import type { Plan } from '../../src/plan/plan.js';
import { isReferenced } from '../../src/plan/referenced.js';
import {
  type PlannedResource,
  type ResourceAttribute,
  ref,
  refsInText,
  replaceRefs,
} from '../../src/plan/resource.js';
import { afterCreate, CREATE_COMMANDS, REFERENCE_COMMANDS } from '../../src/render/cli-commands.js';
import { renderCliInputJson } from '../../src/render/cli-input-json.js';
import { destroyStepsFor } from '../../src/render/destroy-steps.js';
import { type ResourceFile, resourceFiles } from '../../src/render/file-layout.js';
import { lookupFor } from '../../src/render/lookups.js';
import { writeFiles } from '../../src/render/write-files.js';
import { validateDefinition } from '../../src/validate/validate-definition.js';
import { colorMeshDefinition } from '../fixtures/color-mesh-definition.js';
import { smallPlan } from './fixtures.js';

/**
 * An injection that ran would leave a file of this name in the folder it ran in: the runner's
 * (a line of the header, ahead of the script's `cd`) or the script's. Both are checked to hold
 * only what they should.
 */
const mark = (n: number) => `pwned-${n}`;

/** Each way text can escape into bash, including line breaks that would end a `#` comment. */
const HOSTILE = [
  `$(touch ${mark(1)})`,
  `\`touch ${mark(2)}\``,
  `x; touch ${mark(3)}`,
  `it's '; touch ${mark(4)}; '`,
  `say "hi"; touch ${mark(5)} "`,
  `back\\slash \\$(touch ${mark(6)})`,
  `line\ntouch ${mark(7)}`,
  `carriage\rtouch ${mark(8)}`,
  'ünïcödé 東京 \u2028',
];

/** All of it in one value, for the free-text fields. */
const ALL_HOSTILE = HOSTILE.join(' | ');
/** A tag key (1-128 characters) with most of it. */
const HOSTILE_KEY = HOSTILE.slice(0, 5).join('');

function colorMesh(): MeshDefinition {
  return structuredClone(colorMeshDefinition) as MeshDefinition;
}

/** The color mesh with every occurrence of `from` (a name and the names made from it) renamed. */
function renamed(from: string, to: string): MeshDefinition {
  const json = JSON.stringify(colorMeshDefinition).replaceAll(from, JSON.stringify(to).slice(1, -1));
  return JSON.parse(json) as MeshDefinition;
}

// biome-ignore lint/suspicious/noExplicitAny: the tests reach into the definition by field path
type Loose = any;

interface NameField {
  readonly what: string;
  readonly set: (definition: Loose, value: string) => void;
  readonly path: (value: string) => string;
  readonly field: string;
  /** The values AWS accepts in this field (a namespace takes printable ASCII, a security group `$;()`). */
  readonly accepts?: (value: string) => boolean;
}

const MESH = 'color-mesh';
const NAME_FIELDS: readonly NameField[] = [
  { what: 'mesh', set: (d, v) => (d.name = v), path: (v) => paths.mesh(v), field: 'name' },
  {
    what: 'node',
    set: (d, v) => (d.nodes[0].name = v),
    path: (v) => paths.virtualNode(MESH, v),
    field: 'name',
  },
  {
    what: 'router',
    set: (d, v) => (d.routers[0].name = v),
    path: (v) => paths.virtualRouter(MESH, v),
    field: 'name',
  },
  {
    what: 'route',
    set: (d, v) => (d.routers[0].routes[0].name = v),
    path: (v) => paths.route(MESH, 'color-router', v),
    field: 'name',
  },
  {
    what: 'gateway',
    set: (d, v) => (d.gateways[0].name = v),
    path: (v) => paths.virtualGateway(MESH, v),
    field: 'name',
  },
  {
    what: 'gateway route',
    set: (d, v) => (d.gateways[0].routes[0].name = v),
    path: (v) => paths.gatewayRoute(MESH, 'color-gateway', v),
    field: 'name',
  },
  {
    what: 'Cloud Map service',
    set: (d, v) => (d.cloudMapServices[0].name = v),
    path: (v) => paths.cloudMapService('colors.local', v),
    field: 'name',
  },
  {
    what: 'Cloud Map namespace',
    set: (d, v) => (d.namespace.name = v),
    path: (v) => paths.cloudMapNamespace(v),
    field: 'name',
    accepts: (v) => /^[!-~]+$/.test(v),
  },
  ...(
    [
      ['cluster', 'cluster'],
      ['mesh security group', 'meshSecurityGroup'],
      ['log group', 'logGroup'],
      ['execution role', 'executionRoleName'],
    ] as const
  ).map(
    ([what, key]): NameField => ({
      what,
      set: (d, v) => (d.ecs[key] = v),
      path: () => paths.ecsEnvironment(MESH),
      field: key,
      ...(key === 'meshSecurityGroup' ? { accepts: securityGroupAccepts } : {}),
    }),
  ),
  ...(
    [
      ['task family', 'family'],
      ['ECS service', 'serviceName'],
      ['task role', 'taskRoleName'],
    ] as const
  ).map(
    ([what, key]): NameField => ({
      what,
      set: (d, v) => (d.nodes[0].task[key] = v),
      path: () => paths.nodeTask(MESH, 'red'),
      field: key,
    }),
  ),
  {
    what: 'container',
    set: (d, v) => (d.nodes[0].task.containers[0].name = v),
    path: () => paths.nodeTask(MESH, 'red'),
    field: 'containers[0].name',
  },
  {
    what: 'gateway security group',
    set: (d, v) => (d.gateways[0].task.securityGroupName = v),
    path: () => paths.gatewayTask(MESH, 'color-gateway'),
    field: 'securityGroupName',
    accepts: securityGroupAccepts,
  },
  {
    what: 'load balancer',
    set: (d, v) => (d.gateways[0].task.loadBalancer.name = v),
    path: () => paths.gatewayTask(MESH, 'color-gateway'),
    field: 'loadBalancer.name',
  },
  {
    what: 'target group',
    set: (d, v) => (d.gateways[0].task.loadBalancer.targetGroupName = v),
    path: () => paths.gatewayTask(MESH, 'color-gateway'),
    field: 'loadBalancer.targetGroupName',
  },
];

/** EC2's documented characters for VPC security group names. */
function securityGroupAccepts(value: string): boolean {
  return /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/.test(value);
}

describe('hostile names', () => {
  for (const nameField of NAME_FIELDS) {
    const refused = HOSTILE.filter((value) => !nameField.accepts?.(value));
    it(`are refused in the ${nameField.what} name: ${refused.length} of ${HOSTILE.length} values`, () => {
      for (const value of refused) {
        const definition = colorMesh();
        nameField.set(definition, value);
        const issues = validateDefinition(definition).filter((i) => i.severity === 'error');
        const at = issues.filter((i) => i.path === nameField.path(value) && i.field === nameField.field);
        expect(at.map((i) => i.code)).toEqual([expect.stringMatching(/^INVALID_(NAME|CLOUD_MAP_NAME)$/)]);
        expect(at[0]?.received).toContain(JSON.stringify(value));
        expect(() => plan(definition)).toThrow(PlanValidationError);
      }
    });
  }
});

/** What the stand-in answers for every id or ARN the scripts look up. */
const LOOKED_UP = 'arn:aws:fake:eu-west-1:123456789012:thing/looked-up&1';
const OPERATION_ID = 'op-123';

/**
 * A stand-in for the AWS CLI. Each call appends one record to $FAKE_ARGV: its argument count, then
 * each argument, all NUL-terminated. It copies each --cli-input-json file to $FAKE_INPUTS, and
 * answers as the scripts expect: an operation id and SUCCESS for Cloud Map, one ACTIVE revision
 * per task family, and the looked-up value for any other --query.
 */
const FAKE_AWS = `#!/usr/bin/env bash
printf '%s\\0' "$#" "$@" >>"$FAKE_ARGV"
while [[ "$1" == --region || "$1" == --profile ]]; do shift 2; done
for arg in "$@"; do
  case "$arg" in file://*) cp "\${arg#file://}" "$FAKE_INPUTS/" ;; esac
done
case "$1 $2" in
  "servicediscovery get-operation") echo SUCCESS ;;
  "servicediscovery create-private-dns-namespace"|"servicediscovery create-http-namespace"|"servicediscovery delete-namespace") echo ${OPERATION_ID} ;;
  "ecs list-task-definitions") echo "arn:aws:ecs:eu-west-1:123456789012:task-definition/$4:1" ;;
  *) if [[ " $* " == *" --query "* ]]; then printf '%s\\n' "$FAKE_LOOKED_UP"; fi ;;
esac
`;

/** Arguments every call must start with: the script passes its own arguments through. */
const SCRIPT_ARGS = ['--region', 'eu-west-1', '--profile', "dev's profile; $(x)"];

interface Run {
  readonly status: number | null;
  readonly stderr: string;
  readonly calls: string[][];
  readonly inputs: ReadonlyMap<string, unknown>;
  /** What the folder the script was started in holds afterwards. */
  readonly startFolder: string[];
}

function readCalls(file: string): string[][] {
  const fields = readFileSync(file, 'utf8').split('\0');
  const calls: string[][] = [];
  let i = 0;
  while (i < fields.length - 1) {
    const count = Number(fields[i]);
    calls.push(fields.slice(i + 1, i + 1 + count));
    i += 1 + count;
  }
  return calls;
}

function runScript(dir: string, name: 'apply.sh' | 'destroy.sh'): Run {
  const work = mkdtempSync(join(tmpdir(), 'appmesh-hostile-run-'));
  const argv = join(work, 'argv');
  const inputs = join(work, 'inputs');
  writeFileSync(argv, '');
  writeFileSync(join(work, 'fake-aws'), FAKE_AWS, { mode: 0o700 });
  spawnSync('mkdir', [inputs]);
  const result = spawnSync('bash', [join(dir, name), ...SCRIPT_ARGS], {
    cwd: work,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      AWS: join(work, 'fake-aws'),
      FAKE_ARGV: argv,
      FAKE_INPUTS: inputs,
      FAKE_LOOKED_UP: LOOKED_UP,
    },
  });
  const copied = new Map(
    readdirSync(inputs).map((file) => [file, JSON.parse(readFileSync(join(inputs, file), 'utf8'))]),
  );
  return {
    status: result.status,
    stderr: result.stderr,
    calls: readCalls(argv),
    inputs: copied,
    startFolder: readdirSync(work).sort(),
  };
}

/** Reference tokens in argument lists become what the stand-in answers for them. */
function lookedUp(words: readonly string[]): string[] {
  return replaceRefs([...words], () => LOOKED_UP);
}

function lookupCalls(resource: PlannedResource): string[][] {
  return (['id', 'arn'] as ResourceAttribute[]).flatMap((attribute) => {
    try {
      return [[...lookedUp(lookupFor(resource, attribute)), '--output', 'text']];
    } catch {
      return []; // a kind nothing looks up
    }
  });
}

/** The aws calls apply.sh means to make: creates (the input file is in a temporary folder), lookups, waits. */
function applyCalls(files: readonly ResourceFile[]): { creates: string[][]; others: string[][] } {
  const creates = files.map((file) => {
    const { kind } = file.resource;
    const input = ['--cli-input-json', `file://WORK_DIR/${file.path}`];
    if (isReferenced(kind)) {
      const { service, command, query } = REFERENCE_COMMANDS[kind];
      return [service, command, ...input, '--query', query, '--output', 'text'];
    }
    const { service, command, runner } = CREATE_COMMANDS[kind];
    const query = runner === 'create_async' ? ['--query', 'OperationId', '--output', 'text'] : [];
    return [service, command, ...input, ...query];
  });
  const others = [
    ...files.flatMap((file) => lookupCalls(file.resource)),
    ...files.flatMap((file) => afterCreate(file.resource).map((words) => lookedUp(words).slice(1))),
    operationStatusCall(),
  ];
  return { creates, others };
}

function operationStatusCall(): string[] {
  return [
    'servicediscovery',
    'get-operation',
    '--operation-id',
    OPERATION_ID,
    '--query',
    'Operation.Status',
    '--output',
    'text',
  ];
}

/** The aws calls destroy.sh means to make, from each resource's steps and the helpers that run them. */
function destroyCalls(files: readonly ResourceFile[]): { deletes: string[][]; others: string[][] } {
  const deletes: string[][] = [];
  const others: string[][] = [operationStatusCall()];
  for (const file of files) {
    others.push(...lookupCalls(file.resource));
    for (const step of destroyStepsFor(file.resource).map(lookedUp)) {
      const [helper, ...rest] = step as [string, ...string[]];
      if (helper === 'delete') deletes.push(rest.slice(1));
      else if (helper === 'retry') deletes.push(rest.slice(2));
      else if (helper === 'aws_cli') others.push(rest);
      else if (helper === 'delete_namespace') {
        deletes.push(['servicediscovery', 'delete-namespace', '--id', ...rest, '--query', 'OperationId']);
        (deletes.at(-1) as string[]).push('--output', 'text');
      } else if (helper === 'deregister_family') {
        const family = rest[0] as string;
        others.push([
          'ecs',
          'list-task-definitions',
          '--family-prefix',
          family,
          '--status',
          'ACTIVE',
          '--query',
          'taskDefinitionArns',
          '--output',
          'text',
        ]);
        deletes.push([
          'ecs',
          'deregister-task-definition',
          '--task-definition',
          `arn:aws:ecs:eu-west-1:123456789012:task-definition/${family}:1`,
        ]);
      } else throw new Error(`no expectation for destroy helper ${helper}`);
    }
  }
  return { deletes, others };
}

/** Each call without the script's own arguments (checked to be there, exactly) and its temporary folder. */
function callsOf(run: Run): string[][] {
  return run.calls.map((call) => {
    expect(call.slice(0, SCRIPT_ARGS.length)).toEqual(SCRIPT_ARGS);
    return call.slice(SCRIPT_ARGS.length).map((arg) => {
      if (!arg.startsWith('file://')) return arg;
      expect(arg).toMatch(/^file:\/\/\/.*\/appmesh-builder\.\w+\/[^/]+$/);
      return arg.replace(/^file:\/\/.*\//, 'file://WORK_DIR/');
    });
  });
}

const key = (call: readonly string[]) => JSON.stringify(call);

/**
 * The color mesh with hostile text wherever AWS takes free text: the namespace (printable ASCII),
 * the security groups (EC2's `$;()!&*,[]` and spaces), a virtual service served through external
 * DNS (any text), descriptions, tags on App Mesh and Cloud Map resources, environment values,
 * image names, a container health check, a route's header match.
 */
function hostileMesh(): Plan {
  const namespace = `colors$(touch\${IFS}${mark(10)})\`touch\${IFS}${mark(11)}\`;x'y.local`;
  const meshGroup = `app sg $(touch ${mark(12)});!*&,[x]`;
  const gatewayGroup = `gw sg $(touch ${mark(13)})`;
  const definition: Loose = JSON.parse(
    JSON.stringify(renamed('colors.local', namespace))
      .replaceAll('colorapp-sg', JSON.stringify(meshGroup).slice(1, -1))
      .replaceAll('gateway-sg', JSON.stringify(gatewayGroup).slice(1, -1)),
  );
  const external = `external ${ALL_HOSTILE}.example.com`;
  definition.externalDns = [external];
  definition.services.push({
    kind: 'virtualService',
    name: external,
    provider: { kind: 'virtualNode', name: 'blue' },
    tags: { [HOSTILE_KEY]: ALL_HOSTILE },
  });
  definition.nodes[0].backends.push({ ref: external });
  const gatewayRoute = structuredClone(definition.gateways[0].routes[1]);
  gatewayRoute.name = 'hostile-route';
  gatewayRoute.spec.httpRoute.match.prefix = '/hostile/';
  gatewayRoute.spec.httpRoute.action.target.virtualService.virtualServiceName = external;
  definition.gateways[0].routes.push(gatewayRoute);
  definition.namespace.description = ALL_HOSTILE;
  definition.namespace.tags = { [HOSTILE_KEY]: ALL_HOSTILE };
  definition.cloudMapServices[0].description = ALL_HOSTILE;
  definition.cloudMapServices[0].tags = { note: ALL_HOSTILE };
  definition.nodes[0].tags = { note: ALL_HOSTILE };
  definition.routers[0].tags = { note: ALL_HOSTILE };
  definition.routers[0].routes[0].tags = { note: ALL_HOSTILE };
  definition.routers[0].routes[0].spec.httpRoute.match.headers = [
    { name: 'x-hostile', match: { exact: ALL_HOSTILE } },
  ];
  definition.gateways[0].tags = { note: ALL_HOSTILE };
  const red = definition.nodes[0].task;
  red.containers[0].image = `colorapp$(touch\${IFS}${mark(14)})\`id\`;'"\\`;
  red.containers[0].environment = { COLOR: ALL_HOSTILE, [`K$(touch ${mark(15)})`]: ALL_HOSTILE };
  red.containers[0].healthCheck = { command: ['CMD-SHELL', ALL_HOSTILE] };
  red.envoy.environment = { ENVOY_NOTE: ALL_HOSTILE };
  return plan(definition as MeshDefinition);
}

/**
 * Renders `subject`, runs both scripts, and checks that no injection ran, that every aws call is one
 * the renderer meant with exactly its arguments, and that every create and delete was made.
 */
function checkScripts(
  title: string,
  subject: Plan,
  hostileValues: readonly string[],
  reachAws: (apply: string[][], destroy: string[][]) => void,
): void {
  describe(title, () => {
    const rendered = renderCliInputJson(subject);
    const files = resourceFiles(subject);
    const dir = mkdtempSync(join(tmpdir(), 'appmesh-hostile-out-'));
    beforeAll(() => writeFiles(dir, rendered));
    const runs: Partial<Record<'apply.sh' | 'destroy.sh', Run>> = {};
    const run = (name: 'apply.sh' | 'destroy.sh') => {
      runs[name] ??= runScript(dir, name);
      return runs[name];
    };

    /** No file appeared where an injected `touch` would have made one. */
    const expectNothingRan = (result: Run) => {
      expect(result.startFolder).toEqual(['argv', 'fake-aws', 'inputs']);
      const entries = rendered.map((f) => f.path.split('/')[0]).filter(unique);
      expect(readdirSync(dir).sort()).toEqual(entries.sort());
    };

    it('carries the hostile text into the rendered files', () => {
      const all = rendered.map((f) => f.contents).join('\n');
      for (const value of hostileValues) expect(all).toContain(JSON.stringify(value).slice(1, -1));
    });

    it('apply.sh runs nothing from the text and makes each aws call with exactly its arguments', () => {
      const result = run('apply.sh');
      expect(result.stderr).not.toMatch(/command not found|syntax error|nothing found/);
      expect(result.status, result.stderr).toBe(0);
      expectNothingRan(result);

      const calls = callsOf(result);
      const { creates, others } = applyCalls(files);
      const intended = new Set([...creates, ...others].map(key));
      expect(calls.filter((call) => !intended.has(key(call)))).toEqual([]);
      // Every resource created once, in file order.
      expect(calls.filter((call) => call.includes('--cli-input-json'))).toEqual(creates);
      // No reference left for AWS to choke on: each one was found and looked up.
      expect(JSON.stringify([...result.inputs.values()])).not.toContain('{{ref:');
      // Each input as rendered, with each id and ARN substituted.
      for (const file of rendered.filter((f) => /^\d\d[a-z]+-.*\.json$/.test(f.path))) {
        expect(result.inputs.get(file.path), file.path).toEqual(
          replaceRefs(JSON.parse(file.contents), () => LOOKED_UP),
        );
      }
    });

    it('destroy.sh runs nothing from the text and deletes with exactly the intended arguments', () => {
      const result = run('destroy.sh');
      expect(result.stderr).not.toMatch(/command not found|syntax error/);
      expect(result.status, result.stderr).toBe(0);
      expectNothingRan(result);

      const calls = callsOf(result);
      const { deletes, others } = destroyCalls(files);
      const intended = new Set([...deletes, ...others].map(key));
      expect(calls.filter((call) => !intended.has(key(call)))).toEqual([]);
      const made = new Set(calls.map(key));
      expect(deletes.filter((call) => !made.has(key(call)))).toEqual([]);
    });

    it('hands the hostile names to aws whole', () => {
      reachAws(callsOf(run('apply.sh')), callsOf(run('destroy.sh')));
    });

    it('keeps each comment on its line', () => {
      for (const name of ['apply.sh', 'destroy.sh']) {
        const text = rendered.find((f) => f.path === name)?.contents ?? '';
        const comments = text.split('\n').filter((line) => /^# \d\d[a-z]+-.*\.json:/.test(line));
        expect(comments).toHaveLength(files.length);
      }
    });
  });
}

const hostile = hostileMesh();
const external = hostile.resources.find((r) => r.kind === 'virtualService' && r.name.startsWith('external '));

checkScripts(
  'apply.sh and destroy.sh with hostile text that AWS accepts',
  hostile,
  HOSTILE,
  (apply, destroy) => {
    const deleteService = [
      'appmesh',
      'delete-virtual-service',
      '--mesh-name',
      'color-mesh',
      '--virtual-service-name',
      external?.name,
    ];
    expect(destroy).toContainEqual(deleteService);
    const namespace = hostile.resources.find((r) => r.kind === 'cloudMapNamespace')?.name as string;
    // A JMESPath JSON literal, its backticks escaped.
    const literal = JSON.stringify(namespace).replaceAll('`', '\\`');
    const namespaceQuery = `Namespaces[?Name==\`${literal}\`].Id | [0]`;
    expect(apply.find((call) => call[1] === 'list-namespaces')).toEqual([
      'servicediscovery',
      'list-namespaces',
      '--query',
      namespaceQuery,
      '--output',
      'text',
    ]);
    const groups = apply
      .filter((call) => call[1] === 'describe-security-groups')
      .map((call) => JSON.parse(call[3] ?? ''));
    expect(groups.map((filters) => filters[0].Values[0])).toContain(`app sg $(touch ${mark(12)});!*&,[x]`);
  },
);

/**
 * A hand-made plan, which no validation has seen, with the names of the report: a mesh named
 * `$(touch pwned)`, and line breaks, quotes and backslashes in router, route, gateway and gateway
 * route names.
 */
function unvalidatedPlan(): { plan: Plan; names: Record<string, string> } {
  const names = {
    'web-router': `router\n touch ${mark(30)} "$(touch ${mark(31)})" \\`,
    'web-route': `route\r\ntouch ${mark(32)}; echo '\`touch ${mark(33)}\`'`,
    'shop-route': `gateway route\n$(touch ${mark(34)}) ü`,
    'shop-gateway': `gateway\ntouch ${mark(35)} #`,
    shop: `$(touch ${mark(36)})\`touch ${mark(37)}\`;touch ${mark(38)}'"\\ #{}%\ntouch ${mark(39)}ü`,
  };
  return { plan: renamedPlan(smallPlan, names), names };
}

/**
 * `original` with each name of `names` renamed wherever it is a whole path segment or word start
 * (`shop`, `mesh/shop/...`, `shop-sg`, `shop.local`): literal text as it is, a reference token
 * rebuilt by ref() around its renamed id, as plan() makes them. Longer names first.
 */
function renamedPlan(original: Plan, names: Readonly<Record<string, string>>): Plan {
  const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const byLength = Object.entries(names).sort(([a], [b]) => b.length - a.length);
  const pattern = new RegExp(
    `(^|/)(${byLength.map(([from]) => escapeRegExp(from)).join('|')})(?=$|[/.#-])`,
    'g',
  );
  const renameText = (text: string) =>
    text.replace(pattern, (_, lead: string, from: string) => lead + (names[from] as string));
  const renameString = (text: string) => {
    let out = '';
    let last = 0;
    for (const token of refsInText(text)) {
      out += renameText(text.slice(last, token.start)) + ref(renameText(token.resourceId), token.attribute);
      last = token.end;
    }
    return out + renameText(text.slice(last));
  };
  const renameDeep = (value: unknown): unknown => {
    if (typeof value === 'string') return renameString(value);
    if (Array.isArray(value)) return value.map(renameDeep);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameDeep(v)]));
    }
    return value;
  };
  return renameDeep(original) as Plan;
}

const unvalidated = unvalidatedPlan();

checkScripts(
  'apply.sh and destroy.sh for a hand-made plan with hostile App Mesh names',
  unvalidated.plan,
  Object.values(unvalidated.names),
  (apply, destroy) => {
    const { names } = unvalidated;
    expect(destroy).toContainEqual([
      'appmesh',
      'delete-route',
      '--mesh-name',
      names.shop,
      '--virtual-router-name',
      names['web-router'],
      '--route-name',
      names['web-route'],
    ]);
    expect(destroy).toContainEqual([
      'appmesh',
      'delete-gateway-route',
      '--mesh-name',
      names.shop,
      '--virtual-gateway-name',
      names['shop-gateway'],
      '--gateway-route-name',
      names['shop-route'],
    ]);
    expect(apply).toContainEqual([
      'iam',
      'wait',
      'role-exists',
      '--role-name',
      `${names.shop}-web-task-role`,
    ]);
  },
);

/**
 * The color mesh on the target `service-connect+vpc-lattice`, with hostile text where AWS takes it
 * there: the mesh security group's name (the Lattice VPC association's group, and the group the
 * prefix list's ingress rule is on) and the route's header match, which becomes the Lattice rule's.
 * Lattice's own names are made of the definition's names, lowercased, with other characters as `-`.
 */
function hostileLatticeMesh(): Plan {
  const meshGroup = `app sg $(touch ${mark(50)});!*&,[x]`;
  const definition: Loose = JSON.parse(
    JSON.stringify(colorMesh()).replaceAll('colorapp-sg', JSON.stringify(meshGroup).slice(1, -1)),
  );
  definition.routers[0].routes[0].spec.httpRoute.match.headers = [
    { name: 'x-hostile', match: { exact: ALL_HOSTILE.slice(0, 128) } },
  ];
  return plan(definition as MeshDefinition, { target: 'service-connect+vpc-lattice' });
}

const hostileLattice = hostileLatticeMesh();
const PREFIX_LIST = 'com.amazonaws.us-east-1.vpc-lattice';

checkScripts(
  'apply.sh and destroy.sh for the service-connect+vpc-lattice target with hostile text that AWS accepts',
  hostileLattice,
  [ALL_HOSTILE.slice(0, 128), `app sg $(touch ${mark(50)});!*&,[x]-sc`],
  (apply, destroy) => {
    // The referenced prefix list: looked up by its file before any create, and again by name for the
    // ingress rule; never deleted.
    const files = resourceFiles(hostileLattice);
    const listFile = files.find((f) => f.resource.kind === 'managedPrefixList')?.path as string;
    expect(listFile).toMatch(/^00a-/);
    expect(apply[0]).toEqual([
      'ec2',
      'describe-managed-prefix-lists',
      '--cli-input-json',
      `file://WORK_DIR/${listFile}`,
      '--query',
      'PrefixLists[0].PrefixListId',
      '--output',
      'text',
    ]);
    const byName = [
      'ec2',
      'describe-managed-prefix-lists',
      '--filters',
      JSON.stringify([{ Name: 'prefix-list-name', Values: [PREFIX_LIST] }]),
      '--query',
      'PrefixLists[0].PrefixListId',
      '--output',
      'text',
    ];
    expect(apply).toContainEqual(byName);
    expect(destroy).toContainEqual(byName);
    expect(
      destroy.filter(
        (call) => call.join(' ').includes('prefix-list') && call[1] !== 'describe-managed-prefix-lists',
      ),
    ).toEqual([]);
    // The rule is revoked with exactly the permission it authorized, the list's id looked up.
    const revoke = destroy.find(
      (call) => call[1] === 'revoke-security-group-ingress' && (call[5] ?? '').includes('PrefixListIds'),
    );
    expect(JSON.parse(revoke?.[5] ?? '')).toEqual([
      { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, PrefixListIds: [{ PrefixListId: LOOKED_UP }] },
    ]);
  },
);

/**
 * The same plan by hand, which no validation has seen, with hostile text in every VPC Lattice name
 * (service network, service, listener, rule, target groups) and in the prefix list's name.
 */
function unvalidatedLatticePlan(): { plan: Plan; names: Record<string, string> } {
  const names = {
    'color-mesh-sc-green': `tg green\n$(touch ${mark(51)})'"`,
    'color-mesh-sc': `network \`touch ${mark(52)}\`; #{}%`,
    'router-colors-local-sc': `service\r\ntouch ${mark(53)} "$(touch ${mark(54)})" \\`,
    'http-80': `listener $(touch ${mark(55)}) ü`,
    'color-route': `rule\n'; touch ${mark(56)}; '`,
    [PREFIX_LIST]: `com.amazonaws.$(touch ${mark(57)})\n\`touch ${mark(58)}\`.vpc-lattice'"`,
  };
  return { plan: renamedPlan(plan(colorMesh(), { target: 'service-connect+vpc-lattice' }), names), names };
}

const unvalidatedLattice = unvalidatedLatticePlan();

checkScripts(
  'apply.sh and destroy.sh for a hand-made service-connect+vpc-lattice plan with hostile Lattice and prefix list names',
  unvalidatedLattice.plan,
  Object.values(unvalidatedLattice.names),
  (apply, destroy) => {
    const { names } = unvalidatedLattice;
    const literal = (name: string) => JSON.stringify(name).replaceAll('`', '\\`');
    expect(destroy).toContainEqual([
      'vpc-lattice',
      'list-rules',
      '--service-identifier',
      LOOKED_UP,
      '--listener-identifier',
      LOOKED_UP,
      '--query',
      `items[?name==\`${literal(names['color-route'] as string)}\`].id | [0]`,
      '--output',
      'text',
    ]);
    expect(apply).toContainEqual([
      'vpc-lattice',
      'list-target-groups',
      '--query',
      `items[?name==\`${literal(names['color-mesh-sc-green'] as string)}\`].id | [0]`,
      '--output',
      'text',
    ]);
    const byName = [
      'ec2',
      'describe-managed-prefix-lists',
      '--filters',
      JSON.stringify([{ Name: 'prefix-list-name', Values: [names[PREFIX_LIST]] }]),
      '--query',
      'PrefixLists[0].PrefixListId',
      '--output',
      'text',
    ];
    expect(apply).toContainEqual(byName);
    expect(destroy).toContainEqual(byName);
  },
);

function unique<T>(value: T, index: number, all: readonly T[]): boolean {
  return all.indexOf(value) === index;
}
