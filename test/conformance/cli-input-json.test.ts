/**
 * The rendered `--cli-input-json` files must pass the AWS CLI's own parameter validation for the
 * command apply.sh runs them with. Offline: see aws-cli.ts. Reference tokens left in the files
 * (ids and ARNs apply.sh looks up) are replaced by realistic placeholders first, as apply.sh would.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { plan } from '../../src/plan/build-plan.js';
import type { Plan } from '../../src/plan/plan.js';
import { RESOURCE_KINDS, type ResourceKind } from '../../src/plan/resource.js';
import { renderCliInputJson } from '../../src/render/cli-input-json.js';
import { resourceFiles } from '../../src/render/file-layout.js';
import type { RenderedFile } from '../../src/render/rendered-file.js';
import { colorMeshDefinition } from '../fixtures/color-mesh-definition.js';
import { latticePlan } from '../fixtures/lattice-plan.js';
import { describeWithTool } from '../support/tools.js';
import type { CliCheck, CliResult } from './aws-cli.js';
import { runCliChecks } from './aws-cli.js';
import { CREATE_OPERATIONS, cliCommand } from './aws-operations.js';
import { featureMeshDefinition, PCA_ARN } from './feature-definition.js';
import { replaceTokensInText } from './placeholders.js';

interface ApplyCall {
  readonly file: string;
  readonly service: string;
  readonly command: string;
}

/** `create 02b-red-node.json appmesh create-virtual-node ...`: what apply.sh runs for each file. */
function applyCalls(applyScript: string): ApplyCall[] {
  const joined = applyScript.replace(/\\\n\s*/g, ' ');
  return [
    ...joined.matchAll(/^(?:create|create_async|find_referenced) +'?([^\s']+\.json)'? +(\S+) +(\S+)/gm),
  ].map((m) => ({
    file: m[1] as string,
    service: m[2] as string,
    command: m[3] as string,
  }));
}

function renderedFor(p: Plan): { jsonFiles: RenderedFile[]; calls: ApplyCall[] } {
  const files = renderCliInputJson(p);
  const apply = files.find((f) => f.path === 'apply.sh');
  if (!apply) throw new Error('renderCliInputJson rendered no apply.sh');
  return { jsonFiles: files.filter((f) => f.path.endsWith('.json')), calls: applyCalls(apply.contents) };
}

/**
 * The kinds whose files the Service Connect target writes differently from App Mesh: its other files
 * (roles' policies, security groups, the log group) come from the same code as the App Mesh plan's,
 * which are all checked, so they are left out to keep the suite fast.
 */
const SERVICE_CONNECT_KINDS: ReadonlySet<ResourceKind> = new Set([
  'cloudMapHttpNamespace',
  'ecsCluster',
  'ecsService',
  'iamRole',
  'taskDefinition',
]);

const PLANS: readonly {
  readonly label: string;
  readonly plan: () => Plan;
  /** Only these kinds' files go to the AWS CLI. @default every kind */
  readonly kinds?: ReadonlySet<ResourceKind>;
}[] = [
  { label: 'color', plan: () => plan(colorMeshDefinition) },
  { label: 'feature', plan: () => plan(featureMeshDefinition) },
  // Its files use every command the color mesh's Service Connect plan does (botocore checks that plan).
  {
    label: 'feature-service-connect',
    kinds: SERVICE_CONNECT_KINDS,
    plan: () =>
      plan(featureMeshDefinition, {
        target: 'service-connect',
        serviceConnect: { tls: { certificateAuthorityArn: PCA_ARN } },
      }),
  },
  // Its one kind the other plans lack: the prefix list it references, whose file is the read call's input.
  {
    label: 'color-service-connect-lattice',
    kinds: new Set<ResourceKind>(['managedPrefixList']),
    plan: () => plan(colorMeshDefinition, { target: 'service-connect+vpc-lattice' }),
  },
  // Its security group's file is the color plan's kind, checked there.
  {
    label: 'lattice',
    kinds: new Set(RESOURCE_KINDS.filter((kind) => kind.startsWith('lattice'))),
    plan: () =>
      latticePlan({ vpcId: 'vpc-0123456789abcdef0', region: 'us-east-1', accountId: '123456789012' }),
  },
  // The gateway as an ALB: its load balancer, HTTP target groups, listener with a fixed 404 and
  // rules with transforms (its groups' files are the color plan's kinds, checked there).
  {
    label: 'service-connect-alb',
    kinds: new Set<ResourceKind>(['loadBalancer', 'targetGroup', 'loadBalancerListener', 'loadBalancerRule']),
    plan: () => plan(colorMeshDefinition, { target: 'service-connect+vpc-lattice' }),
  },
];

const BROKEN_FILE = 'broken-virtual-node.json';

/** A virtual node without its mesh name, on port 0: both caught by the CLI before any network call. */
function brokenCheck(dir: string): CliCheck {
  const file = join(dir, BROKEN_FILE);
  writeFileSync(
    file,
    JSON.stringify({
      virtualNodeName: 'x',
      spec: { listeners: [{ portMapping: { port: 0, protocol: 'http' } }] },
    }),
  );
  return { file, service: 'appmesh', command: 'create-virtual-node' };
}

describeWithTool('awsCli', 'rendered --cli-input-json files against the AWS CLI validation', (cli) => {
  const plans = PLANS.map(({ label, plan, kinds }) => ({ label, plan: plan(), kinds }));
  const checked = (p: (typeof plans)[number]) =>
    p.plan.resources.filter((r) => p.kinds === undefined || p.kinds.has(r.kind)).length;
  let dir = '';
  let results: CliResult[] = [];

  // One pool of CLI processes for every file of every plan: about 0.5 s per call, 2 at a time.
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'appmesh-cli-json-'));
    const checks = plans.flatMap(({ label, plan, kinds }) => {
      mkdirSync(join(dir, label));
      const { jsonFiles, calls } = renderedFor(plan);
      const callByFile = new Map(calls.map((c) => [c.file, c]));
      const kindByFile = new Map(resourceFiles(plan).map((f) => [f.path, f.resource.kind]));
      const files = jsonFiles.filter(
        (f) => kinds === undefined || kinds.has(kindByFile.get(f.path) as ResourceKind),
      );
      return files.map((file): CliCheck => {
        const target = join(dir, label, file.path);
        writeFileSync(target, replaceTokensInText(file.contents, plan.resources));
        const call = callByFile.get(file.path);
        if (!call) throw new Error(`apply.sh never runs ${file.path}`);
        return { file: target, service: call.service, command: call.command };
      });
    });
    // A broken file among the good ones: each process's driver must still reject it.
    checks.splice(Math.floor(checks.length / 2), 0, brokenCheck(dir));
    const started = performance.now();
    results = await runCliChecks(cli, checks, 2);
    console.info(
      `${cli.version} (${cli.command}): ${results.length} files in ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s, 2 processes`,
    );
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(PLANS.map((p) => p.label))(
    "%s plan: apply.sh runs every json file once, with its kind's create command",
    (label) => {
      const target = plans.find((p) => p.label === label)?.plan as Plan;
      const { jsonFiles, calls } = renderedFor(target);
      expect(calls.map((c) => c.file).sort()).toEqual(jsonFiles.map((f) => f.path).sort());
      const kindByFile = new Map(resourceFiles(target).map((f) => [f.path, f.resource.kind]));
      const mismatches = calls.flatMap((call) => {
        const kind = kindByFile.get(call.file);
        if (!kind) return [`${call.file}: no plan resource has this file`];
        const expected = CREATE_OPERATIONS[kind];
        const command = cliCommand(expected.operation);
        return call.service === expected.service && call.command === command
          ? []
          : [
              `${call.file} (${kind}): runs ${call.service} ${call.command}, expected ${expected.service} ${command}`,
            ];
      });
      expect(mismatches).toEqual([]);
    },
  );

  it.each(PLANS.map((p) => p.label))(
    '%s plan: every json file passes the AWS CLI parameter validation',
    (label) => {
      const mine = results.filter((r) => r.file.startsWith(join(dir, label, '/')));
      expect(mine.length).toBe(checked(plans.find((p) => p.label === label) as (typeof plans)[number]));
      const failures = mine
        .filter((r) => r.verdict !== 'valid')
        .map(
          (r) => `${r.file.slice(dir.length + 1)} (aws ${r.service} ${r.command}): ${r.verdict}\n${r.output}`,
        );
      expect(failures, 'files the AWS CLI rejects').toEqual([]);
    },
  );

  it('rejects a broken file, so the check above cannot pass vacuously', () => {
    const result = results.find((r) => r.file === join(dir, BROKEN_FILE));
    expect(result?.verdict, result?.output).toBe('invalid');
    expect(result?.output).toContain('meshName');
    expect(result?.output).toMatch(/port/);
  });
});
