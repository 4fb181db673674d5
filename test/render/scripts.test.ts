import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/plan.js';
import { findRefs } from '../../src/plan/resource.js';
import { fileCommand } from '../../src/render/cli-commands.js';
import { renderCliInputJson } from '../../src/render/cli-input-json.js';
import { resourceFiles } from '../../src/render/file-layout.js';
import type { RenderedFile } from '../../src/render/rendered-file.js';
import { writeFiles } from '../../src/render/write-files.js';
import { latticePlan } from '../fixtures/lattice-plan.js';
import { colorPlan } from './color-plan.js';
import { smallPlan } from './fixtures.js';

function script(files: readonly RenderedFile[], name: string): string {
  return files.find((f) => f.path === name)?.contents ?? '';
}

function bashSyntaxErrors(text: string): string {
  const result = spawnSync('bash', ['-n'], { input: text, encoding: 'utf8' });
  return result.status === 0 ? '' : result.stderr;
}

/** A stand-in for the AWS CLI: logs each call (and the JSON it is given) and answers queries. */
const FAKE_AWS = `#!/usr/bin/env bash
echo "CALL $*" >>"$FAKE_LOG"
if [[ "$1" == --region ]]; then shift 2; fi
for arg in "$@"; do
  case "$arg" in file://*) cat "\${arg#file://}" >>"$FAKE_LOG" ;; esac
done
case "$1 $2" in
  "servicediscovery get-operation") echo SUCCESS ;;
  "servicediscovery create-private-dns-namespace") echo op-123 ;;
  "ecs list-task-definitions") echo "arn:aws:ecs:us-east-1:1:task-definition/web:1 arn:aws:ecs:us-east-1:1:task-definition/web-v2:1" ;;
  "appmesh delete-"*) echo "An error occurred (NotFoundException) when calling $2: not found" >&2; exit 254 ;;
  "vpc-lattice delete-rule") echo "An error occurred (ResourceNotFoundException) when calling the DeleteRule operation: not found" >&2; exit 254 ;;
  *) if [[ " $* " == *" --query "* ]]; then echo "value/of&$2"; fi ;;
esac
`;

async function runScript(plan: Plan, name: 'apply.sh' | 'destroy.sh') {
  const dir = mkdtempSync(join(tmpdir(), 'appmesh-render-'));
  await writeFiles(dir, renderCliInputJson(plan));
  writeFileSync(join(dir, 'fake-aws'), FAKE_AWS, { mode: 0o755 });
  const log = join(dir, 'calls.log');
  writeFileSync(log, '');
  const result = spawnSync('bash', [join(dir, name), '--region', 'eu-west-1'], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, AWS: join(dir, 'fake-aws'), FAKE_LOG: log },
  });
  return { ...result, log: readFileSync(log, 'utf8') };
}

describe('renderCliInputJson', () => {
  const files = renderCliInputJson(colorPlan);

  it('writes each resource input, with its create idempotency token, as its --cli-input-json file, sorted by path', () => {
    const layout = resourceFiles(colorPlan);
    for (const file of layout) {
      const rendered = files.find((f) => f.path === file.path);
      const { clientToken, CreatorRequestId, ...rest } = JSON.parse(rendered?.contents ?? 'null');
      expect(rest).toEqual(JSON.parse(JSON.stringify(file.resource.input)));
      const token = clientToken ?? CreatorRequestId;
      if (file.resource.kind.startsWith('cloudMap')) expect(CreatorRequestId).toMatch(/^[0-9a-f]{64}$/);
      else if (file.resource.id.startsWith('mesh/') || file.resource.kind === 'ecsService') {
        expect(clientToken).toMatch(/^[0-9a-f]{32}$/);
      } else expect(token).toBeUndefined();
    }
    expect(files.map((f) => f.path)).toEqual([...files.map((f) => f.path)].sort());
  });

  it('fills #name tokens at render time and leaves only ids and ARNs for the scripts', () => {
    const left = files
      .filter((f) => f.path.endsWith('.json'))
      .flatMap((f) => findRefs(JSON.parse(f.contents)));
    expect(left.filter((ref) => ref.attribute === 'name')).toEqual([]);
  });

  it('is deterministic', () => {
    expect(renderCliInputJson(colorPlan)).toEqual(files);
  });

  it.each(['apply.sh', 'destroy.sh'])('renders %s as valid bash', (name) => {
    const text = script(files, name);
    expect(text.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(text).toContain('set -euo pipefail');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash parameter expansion, not a template
    expect(text).toContain('AWS=${AWS:-aws}');
    expect(bashSyntaxErrors(text)).toBe('');
  });

  it('apply.sh creates the resources in file order with the matching command', () => {
    const calls = script(files, 'apply.sh')
      .split('\n')
      .filter((line) => /^create(_async)? /.test(line))
      .map((line) => line.split(' ').slice(1, 4).join(' '));
    const expected = resourceFiles(colorPlan).map((f) => {
      const { service, command } = fileCommand(f.resource.kind);
      return `${f.path} ${service} ${command}`;
    });
    expect(calls).toEqual(expected);
  });

  it('apply.sh looks up every id and ARN it substitutes, never leaving a manual placeholder', () => {
    const apply = script(files, 'apply.sh');
    const used = new Set(
      files
        .filter((f) => f.path.endsWith('.json'))
        .flatMap((f) => findRefs(JSON.parse(f.contents)))
        .map((ref) => `${colorPlan.resources.find((r) => r.id === ref.resourceId)?.kind}#${ref.attribute}`),
    );
    const lookups: Record<string, string> = {
      'cloudMapNamespace#id': 'servicediscovery list-namespaces',
      'cloudMapService#arn': 'servicediscovery list-services',
      'iamRole#arn': 'iam get-role',
      'securityGroup#id': 'ec2 describe-security-groups',
      'taskDefinition#arn': 'ecs describe-task-definition',
      'targetGroup#arn': 'elbv2 describe-target-groups',
      'loadBalancer#arn': 'elbv2 describe-load-balancers',
    };
    for (const kind of used) {
      expect(lookups[kind], `a lookup expectation for ${kind}`).toBeDefined();
      expect(apply).toContain(`$(lookup ${lookups[kind]}`);
    }
    expect(apply).not.toMatch(/<[a-z-]+-(id|arn)>/);
  });

  it('destroy.sh deletes in reverse file order', () => {
    const headers = (name: string) =>
      script(files, name)
        .split('\n')
        .filter((line) => /^# \d\d[a-z]+-.*\.json:/.test(line))
        .map((line) => line.split(':')[0]);
    expect(headers('destroy.sh')).toEqual([...headers('apply.sh')].reverse());
  });
});

describe('apply.sh and destroy.sh against a stand-in AWS CLI', () => {
  it('apply.sh runs every create with all tokens substituted and passes arguments through', async () => {
    const result = await runScript(smallPlan, 'apply.sh');
    expect(result.stderr).not.toMatch(/nothing found|error/i);
    expect(result.status).toBe(0);
    expect(result.log).not.toContain('{{ref:');
    // Values are escaped for sed and JSON: the fake answers contain / and &.
    expect(result.log).toContain('"taskRoleArn": "value/of&get-role"');
    expect(result.log).toContain(
      'CALL --region eu-west-1 servicediscovery get-operation --operation-id op-123',
    );
    const creates = result.log
      .split('\n')
      .filter((line) => line.startsWith('CALL') && line.includes('--cli-input-json'))
      .map((line) => line.split(' ').slice(3, 5).join(' '));
    expect(creates).toHaveLength(smallPlan.resources.length);
    expect(creates.indexOf('iam create-role')).toBeLessThan(creates.indexOf('ecs register-task-definition'));
  });

  it.each(['apply.sh', 'destroy.sh'] as const)('%s runs through for the whole color mesh', async (name) => {
    const result = await runScript(colorPlan, name);
    expect(result.stderr).not.toContain('nothing found');
    expect(result.status).toBe(0);
    expect(result.log).not.toContain('{{ref:');
  });

  it('destroy.sh treats not-found answers as already deleted and deregisters only the family', async () => {
    const result = await runScript(smallPlan, 'destroy.sh');
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('already deleted');
    expect(result.log).toContain(
      'ecs deregister-task-definition --task-definition arn:aws:ecs:us-east-1:1:task-definition/web:1',
    );
    expect(result.log).not.toContain('task-definition/web-v2:1\n');
    const order = [
      'ecs delete-service',
      'appmesh delete-gateway-route',
      'iam delete-role ',
      'appmesh delete-mesh',
    ];
    const positions = order.map((call) => result.log.indexOf(call));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});

describe("a VPC Lattice plan's apply.sh and destroy.sh against a stand-in AWS CLI", () => {
  const lattice = latticePlan({
    vpcId: 'vpc-0123456789abcdef0',
    region: 'us-east-1',
    accountId: '123456789012',
  });

  it('apply.sh creates each resource with its vpc-lattice command, looking up ids by name inside their parents', async () => {
    const result = await runScript(lattice, 'apply.sh');
    expect(result.stderr).not.toMatch(/nothing found|error/i);
    expect(result.status).toBe(0);
    expect(result.log).not.toContain('{{ref:');
    const creates = result.log
      .split('\n')
      .filter((line) => line.startsWith('CALL') && line.includes('--cli-input-json'))
      .map((line) => line.split(' ').slice(3, 5).join(' '));
    expect(creates).toEqual(
      resourceFiles(lattice).map((f) => {
        const { service, command } = fileCommand(f.resource.kind);
        return `${service} ${command}`;
      }),
    );
    // The rule names its listener, found by name in its service, itself found by name.
    expect(result.log).toContain(
      'CALL --region eu-west-1 vpc-lattice list-listeners --service-identifier value/of&list-services --query items[?name==`"http-80"`].id | [0] --output text',
    );
    expect(result.log).toContain('"listenerIdentifier": "value/of&list-listeners"');
    expect(result.log).toContain('"targetGroupIdentifier": "value/of&list-target-groups"');
  });

  it('destroy.sh deletes dependents first, and takes ResourceNotFoundException for already deleted', async () => {
    const result = await runScript(lattice, 'destroy.sh');
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('already deleted');
    const order = (...calls: string[]) => {
      const positions = calls.map((call) => result.log.indexOf(`vpc-lattice ${call} `));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    };
    order('delete-rule', 'delete-listener', 'delete-service-network-service-association', 'delete-service');
    order('delete-rule', 'delete-target-group');
    order('delete-auth-policy', 'delete-service');
    order('delete-service-network-vpc-association', 'delete-service-network');
    expect(result.log).toContain(
      'vpc-lattice delete-rule --service-identifier value/of&list-services --listener-identifier value/of&list-listeners --rule-identifier value/of&list-rules',
    );
  });
});
