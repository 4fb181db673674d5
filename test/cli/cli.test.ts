import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { mesh } from '../../src/index.js';
import { childArgs } from '../support/child-scripts.js';

const REPO = resolve(import.meta.dirname, '../..');
const FIXTURE = join(REPO, 'test/fixtures/color-mesh-definition.ts');
const dir = mkdtempSync(join(tmpdir(), 'appmesh-cli-'));

function module(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

const validModule = module(
  'color.ts',
  `import { colorMeshDefinition } from ${JSON.stringify(FIXTURE)};\nexport default colorMeshDefinition;\n`,
);
const noMeshModule = module('nothing.ts', 'export const answer = 42;\n');
const syntaxErrorModule = module(
  'syntax.ts',
  "import { mesh } from 'appmesh-builder';\nexport default mesh('m'\nconst x = ;\n",
);
const invalidModule = module(
  'invalid.ts',
  `import { colorMeshDefinition } from ${JSON.stringify(FIXTURE)};
export const broken = {
  ...colorMeshDefinition,
  routers: colorMeshDefinition.routers.map((router) => ({
    ...router,
    routes: router.routes.map((route) => ({
      ...route,
      spec: { ...route.spec, httpRoute: { ...route.spec.httpRoute, action: { weightedTargets: [{ virtualNode: 'purple', weight: 1 }] } } },
    })),
  })),
  nodes: colorMeshDefinition.nodes.map((node) => (node.name === 'blue' ? { ...node, backends: [{ ref: 'nowhere.colors.local' }] } : node)),
};
`,
);

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** One paragraph: no blank line, no stack frame. */
function expectOneParagraph(text: string): void {
  expect(text.trim()).not.toMatch(/\n\s*\n/);
  expect(text).not.toMatch(/^\s+at .+:\d+/m);
}

describe('appmesh-builder', () => {
  it('plan prints the resources in order with their prefixes', async () => {
    const result = await cli('plan', validModule);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^PREFIX +KIND +ID +DEPENDS ON$/m);
    expect(result.out).toMatch(/^01a +cloudMapNamespace +cloudMap\/namespace\/colors\.local +0$/m);
    expect(result.out).toContain('Mesh color-mesh:');
  });

  it('--target service-connect compiles the mesh of the module to Service Connect for every command', async () => {
    const planned = await cli('plan', validModule, '--target', 'service-connect', '--json');
    expect(planned.code).toBe(0);
    const parsed = JSON.parse(planned.out);
    expect(parsed.target).toBe('service-connect');
    expect(parsed.resources.map((r: { kind: string }) => r.kind)).toContain('cloudMapHttpNamespace');
    const out = mkdtempSync(join(tmpdir(), 'appmesh-cli-sc-'));
    const rendered = await cli(
      'render',
      validModule,
      '--target',
      'service-connect',
      '--out',
      out,
      '--task-definitions-only',
    );
    expect(rendered.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'README.txt',
      'blue-sc.json',
      'green-sc.json',
      'red-sc.json',
      'yellow-sc.json',
    ]);
    const lattice = await cli('plan', validModule, '--target', 'service-connect+vpc-lattice', '--json');
    expect(lattice.code).toBe(0);
    expect(JSON.parse(lattice.out).resources.map((r: { kind: string }) => r.kind)).toContain('latticeRule');
  });

  it('--target with an unknown platform, or a module exporting a plan for another target, is refused', async () => {
    const unknown = await cli('plan', validModule, '--target', 'lattice');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain(
      '--target: expected one of app-mesh, service-connect, service-connect+vpc-lattice, vpc-lattice, received lattice.',
    );
    const planModule = module(
      'color-plan.ts',
      `import { plan } from ${JSON.stringify(join(REPO, 'src/index.ts'))};
import { colorMeshDefinition } from ${JSON.stringify(FIXTURE)};
export default plan(colorMeshDefinition);
`,
    );
    const mismatch = await cli('plan', planModule, '--target', 'service-connect');
    expect(mismatch.code).toBe(2);
    expect(mismatch.err).toContain('exports a plan for app-mesh, not service-connect');
    expectOneParagraph(mismatch.err);
  });

  it('plan --json prints the plan as JSON', async () => {
    const result = await cli('plan', validModule, '--json');
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.out);
    expect(parsed.kind).toBe('plan');
    expect(parsed.meshName).toBe('color-mesh');
  });

  it('render writes the CLI files, scripts, task definitions and the diagram', async () => {
    const out = mkdtempSync(join(tmpdir(), 'appmesh-cli-out-'));
    const result = await cli('render', validModule, '--out', out);
    expect(result.code).toBe(0);
    const names = readdirSync(out);
    expect(names).toEqual(
      expect.arrayContaining(['01a-namespace.json', 'apply.sh', 'destroy.sh', 'mesh.mmd']),
    );
    expect(readdirSync(join(out, 'task-definitions'))).toContain('red.json');
  });

  it('render --task-definitions-only writes only the task definitions, with what they need and a family prefix', async () => {
    const out = mkdtempSync(join(tmpdir(), 'appmesh-cli-out-'));
    const result = await cli(
      'render',
      validModule,
      '--out',
      out,
      '--task-definitions-only',
      '--family-prefix',
      'team-a-',
    );
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'README.txt',
      'team-a-blue.json',
      'team-a-color-gateway.json',
      'team-a-green.json',
      'team-a-red.json',
      'team-a-yellow.json',
    ]);
    expect(result.out).toContain(
      `Their tasks start only once 6 IAM roles, 1 log group and 5 App Mesh resources exist: see ${out}/README.txt.`,
    );
  });

  it('render refuses a family prefix ECS would refuse, and writes nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'appmesh-cli-out-')), 'td');
    const result = await cli('render', validModule, '--out', out, '--family-prefix', 'team a');
    expect(result.code).toBe(2);
    expect(result.err).toContain('INVALID_NAME familyPrefix');
    expect(existsSync(out)).toBe(false);
  });

  it('graph prints Mermaid', async () => {
    const result = await cli('graph', validModule);
    expect(result.code).toBe(0);
    expect(result.out).toContain('flowchart LR');
  });

  it('a missing file exits 2 with one paragraph and no stack trace', async () => {
    const result = await cli('plan', join(dir, 'missing.ts'));
    expect(result.code).toBe(2);
    expect(result.err).toContain('Cannot find the mesh module');
    expectOneParagraph(result.err);
    expect(result.out).toBe('');
  });

  it('a module without a mesh export exits 2 and says what it exports', async () => {
    const result = await cli('plan', noMeshModule);
    expect(result.code).toBe(2);
    expect(result.err).toContain('exports no mesh (it exports answer)');
    expectOneParagraph(result.err);
  });

  it('loads the only mesh a module exports by name; refuses two named meshes, naming both', async () => {
    const plan = (name: string) => JSON.stringify(mesh(name).plan());
    const one = module('one-named.ts', `export const answer = 42;\nexport const shop = ${plan('shop')};\n`);
    const loaded = await cli('plan', one, '--json');
    expect(loaded.code).toBe(0);
    expect(JSON.parse(loaded.out).meshName).toBe('shop');

    const two = module(
      'two-named.ts',
      `export const shop = ${plan('shop')};\nexport const cart = ${plan('cart')};\n`,
    );
    const refused = await cli('plan', two);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('exports several meshes (cart, shop)');
    expect(refused.err).toContain('as default');
  });

  it('a module with a syntax error exits 2 and says where the error is', async () => {
    const result = await cli('plan', syntaxErrorModule);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/syntax\.ts:3:\d+: ERROR: Expected/);
    expect(result.err).not.toMatch(/\n\s+at /);
    expectOneParagraph(result.err);
  });

  it('a module that throws while loading exits 2 and names the file and line of the throw', async () => {
    // As CommonJS (no package.json above the temp dir) and as an ES module ("type": "module").
    const esm = join(dir, 'esm');
    mkdirSync(esm);
    writeFileSync(join(esm, 'package.json'), '{ "type": "module" }\n');
    const source = [
      'type Region = string | undefined;',
      'const region: Region = process.env.NO_SUCH_REGION_VARIABLE;',
      "if (region === undefined) throw new Error('set NO_SUCH_REGION_VARIABLE');",
      'export default { region };',
    ].join('\n');
    // Vitest maps stacks with its own Error.prepareStackTrace, which leaves tsx's source maps out;
    // the command's process has Node's own, which applies them.
    const stacks = Error as { prepareStackTrace?: unknown };
    const vitestStacks = stacks.prepareStackTrace;
    stacks.prepareStackTrace = undefined;
    const results = [];
    try {
      for (const folder of [dir, esm]) {
        const path = join(folder, 'throws.ts');
        writeFileSync(path, source);
        results.push({ path, ...(await cli('plan', path)) });
      }
    } finally {
      stacks.prepareStackTrace = vitestStacks;
    }
    for (const { path, ...result } of results) {
      expect(result.code).toBe(2);
      expect(result.err).toContain('set NO_SUCH_REGION_VARIABLE');
      expect(result.err).toContain(`(thrown at ${path}:3:`);
      expect(result.err).not.toMatch(/\n\s+at /);
      expectOneParagraph(result.err);
    }
  });

  it('a module whose call to a Node built-in throws names the line of that call', async () => {
    const path = module(
      'reads-config.mjs',
      [
        "import { readFileSync } from 'node:fs';",
        '',
        "readFileSync('/no/such/config.json');",
        'export default {};',
      ].join('\n'),
    );
    const result = await cli('plan', path);
    expect(result.code).toBe(2);
    expect(result.err).toContain('ENOENT');
    expect(result.err).toContain(`(thrown at ${path}:3:`);
  });

  it('a JavaScript module that re-exports a TypeScript one loads', async () => {
    const definition = module(
      'definition.ts',
      `import { colorMeshDefinition } from ${JSON.stringify(FIXTURE)};\nexport default colorMeshDefinition;\n`,
    );
    const reexport = module('reexport.mjs', `export { default } from ${JSON.stringify(definition)};\n`);
    // A process: inside vitest, import() goes through vite, which loads TypeScript anyway.
    const result = spawnSync(process.execPath, childArgs('cli', ['plan', reexport]), { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Mesh color-mesh:');
  });

  it('an invalid mesh exits 2 and lists every issue', async () => {
    const result = await cli('plan', invalidModule);
    expect(result.code).toBe(2);
    expect(result.err).toContain('purple');
    expect(result.err).toContain('nowhere.colors.local');
    expectOneParagraph(result.err);
  });

  it('bad usage exits 2 and points to --help; --help exits 0', async () => {
    expect((await cli('render', validModule)).err).toContain('render needs --out');
    expect((await cli('render', validModule)).code).toBe(2);
    expect((await cli('plan', validModule, '--bogus')).code).toBe(2);
    expect((await cli('explode', validModule)).code).toBe(2);
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('appmesh-builder render <module> --out <dir>');
  });
});
