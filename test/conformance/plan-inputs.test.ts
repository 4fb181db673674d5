/**
 * Every create-call input the plan produces must be accepted by AWS. Checked offline against
 * botocore's copy of the AWS API models: required members, types, unknown members, min/max,
 * patterns and enums. Reference tokens are replaced by realistic placeholder ids and ARNs first.
 */
import { beforeAll, expect, it } from 'vitest';
import { plan } from '../../src/plan/build-plan.js';
import type { PlanOptions } from '../../src/plan/plan-options.js';
import type { PlannedResource } from '../../src/plan/resource.js';
import { RESOURCE_KINDS } from '../../src/plan/resource.js';
import { colorMeshDefinition } from '../fixtures/color-mesh-definition.js';
import { latticePlan } from '../fixtures/lattice-plan.js';
import { latticeRoutingMesh } from '../fixtures/lattice-routing-mesh.js';
import { describeWithTool } from '../support/tools.js';
import { CREATE_OPERATIONS } from './aws-operations.js';
import type { BotocoreRequest, BotocoreResult } from './botocore.js';
import { formatProblems, validateWithBotocore } from './botocore.js';
import { featureMeshDefinition, PCA_ARN } from './feature-definition.js';
import { resolveWithPlaceholders } from './placeholders.js';

function requestsFor(resources: readonly PlannedResource[]): BotocoreRequest[] {
  const inputs = resolveWithPlaceholders(resources);
  return resources.map((resource) => ({
    id: resource.id,
    ...CREATE_OPERATIONS[resource.kind],
    input: inputs.get(resource.id),
  }));
}

/** Service Connect plans of the same meshes; the feature mesh's TLS listeners need a CA. */
const SERVICE_CONNECT: PlanOptions = {
  target: 'service-connect',
  serviceConnect: { tls: { certificateAuthorityArn: PCA_ARN } },
};

/** The hand-made VPC Lattice plan, in a VPC of AWS's id format. */
const lattice = () =>
  latticePlan({ vpcId: 'vpc-0123456789abcdef0', region: 'us-east-1', accountId: '123456789012' });

/** The plans checked, each a set of create inputs; the broken inputs last. */
const CHECKED = {
  color: () => plan(colorMeshDefinition).resources,
  feature: () => plan(featureMeshDefinition).resources,
  serviceConnect: () =>
    [colorMeshDefinition, featureMeshDefinition].flatMap(
      (definition) => plan(definition, SERVICE_CONNECT).resources,
    ),
  lattice: () => lattice().resources,
  serviceConnectLattice: () =>
    [colorMeshDefinition, latticeRoutingMesh().build()].flatMap(
      (definition) => plan(definition, { target: 'service-connect+vpc-lattice' }).resources,
    ),
  vpcLattice: () =>
    [colorMeshDefinition, latticeRoutingMesh().build()].flatMap(
      (definition) => plan(definition, { target: 'vpc-lattice', vpcLattice: { auth: 'AWS_IAM' } }).resources,
    ),
};
type Checked = keyof typeof CHECKED;

/** Inputs AWS must reject: a node without its mesh name and port 0, an unknown enum, too long a name, a bad pattern. */
function brokenRequests(): BotocoreRequest[] {
  const { resources } = plan(colorMeshDefinition);
  const node = resources.find((r) => r.kind === 'virtualNode');
  const mesh = resources.find((r) => r.kind === 'mesh');
  const role = resources.find((r) => r.kind === 'iamRole');
  if (!node || !mesh || !role) throw new Error('the color plan lacks a node, the mesh or a role');
  const [nodeInput, meshInput, roleInput] = [node, mesh, role].map((r) =>
    structuredClone(resolveWithPlaceholders([r, ...resources]).get(r.id)),
  ) as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];

  const listener = (nodeInput.spec as { listeners: { portMapping: { port: number } }[] }).listeners[0];
  if (!listener) throw new Error('the color plan node has no listener');
  listener.portMapping.port = 0;
  delete nodeInput.meshName;
  meshInput.spec = { egressFilter: { type: 'DROP_AL' } };
  meshInput.meshName = 'm'.repeat(256);
  roleInput.RoleName = 'has/slash';
  const { resources: latticeResources } = lattice();
  const rule = latticeResources.find((r) => r.kind === 'latticeRule');
  if (!rule) throw new Error('the Lattice plan has no rule');
  const ruleInput = structuredClone(resolveWithPlaceholders(latticeResources).get(rule.id)) as {
    action: { forward: { targetGroups: { weight: number }[] } };
  };
  (ruleInput.action.forward.targetGroups[0] as { weight: number }).weight = 1000;
  const withAlb = plan(colorMeshDefinition, { target: 'service-connect+vpc-lattice' }).resources;
  const albRule = withAlb.find((r) => r.kind === 'loadBalancerRule');
  if (!albRule) throw new Error('the color plan with an ALB has no rule');
  const albRuleInput = structuredClone(resolveWithPlaceholders(withAlb).get(albRule.id)) as {
    Priority: number;
  };
  albRuleInput.Priority = 0;
  return [
    { id: 'alb-rule', ...CREATE_OPERATIONS.loadBalancerRule, input: albRuleInput },
    { id: 'rule', ...CREATE_OPERATIONS.latticeRule, input: ruleInput },
    { id: 'node', ...CREATE_OPERATIONS.virtualNode, input: nodeInput },
    { id: 'mesh', ...CREATE_OPERATIONS.mesh, input: meshInput },
    { id: 'role', ...CREATE_OPERATIONS.iamRole, input: roleInput },
  ];
}

describeWithTool('botocore', 'planned create inputs against the AWS API models (botocore)', (python) => {
  const checked = Object.fromEntries(
    Object.entries(CHECKED).map(([label, resources]) => [label, resources()]),
  ) as Record<Checked, PlannedResource[]>;
  let results: Record<Checked | 'broken', BotocoreResult[]>;

  // One botocore process for every input of this file: starting it (loading the models) is most of the cost.
  beforeAll(() => {
    const batches = [
      ...Object.entries(checked).map(([label, resources]) => ({ label, requests: requestsFor(resources) })),
      { label: 'broken', requests: brokenRequests() },
    ];
    const answers = validateWithBotocore(
      python,
      batches.flatMap(({ label, requests }) => requests.map((r) => ({ ...r, id: `${label} ${r.id}` }))),
    );
    results = Object.fromEntries(
      batches.map(({ label }) => [
        label,
        answers
          .filter((a) => a.id.startsWith(`${label} `))
          .map((a) => ({ ...a, id: a.id.slice(label.length + 1) })),
      ]),
    ) as typeof results;
  }, 60_000);

  function expectAccepted(label: Checked): void {
    const resources = checked[label];
    expect(results[label].map((r) => r.id)).toEqual(resources.map((r) => r.id));
    const warnings = results[label].flatMap((r) => r.warnings.map((w) => `${r.id}: ${w}`));
    if (warnings.length > 0) console.warn(`constraints not checked:\n${warnings.join('\n')}`);
    expect(formatProblems(results[label]), 'inputs AWS would reject').toEqual([]);
  }

  it('accepts every input of the color tutorial plan', () => {
    expectAccepted('color');
  });

  it('accepts every input of a mesh using most App Mesh features (TLS, grpc, tcp, retries, rewrites)', () => {
    expectAccepted('feature');
  });

  it('accepts every input of the color and feature meshes compiled to Service Connect (TLS, grpc, tcp, timeouts)', () => {
    expectAccepted('serviceConnect');
  });

  it('accepts every input of a VPC Lattice plan (service network, associations, service, listener, weighted rule, auth policy)', () => {
    expectAccepted('lattice');
  });

  it('accepts every input of the color mesh and a routing mesh (headers, gRPC) compiled to Service Connect with VPC Lattice', () => {
    expectAccepted('serviceConnectLattice');
  });

  it('accepts every input of the color mesh and a routing mesh compiled to VPC Lattice alone, with AWS_IAM auth policies', () => {
    expectAccepted('vpcLattice');
  });

  it('the feature plans, the Lattice plans and the color mesh with its ALB create (or reference) every resource kind, so every call is checked', () => {
    const kinds = new Set(
      [
        plan(featureMeshDefinition),
        plan(featureMeshDefinition, SERVICE_CONNECT),
        lattice(),
        plan(colorMeshDefinition, { target: 'service-connect+vpc-lattice' }),
      ].flatMap((p) => p.resources.map((r) => r.kind)),
    );
    expect([...RESOURCE_KINDS].filter((kind) => !kinds.has(kind))).toEqual([]);
  });

  it('placeholders resolve every reference token of both plans', () => {
    for (const definition of [colorMeshDefinition, featureMeshDefinition]) {
      for (const options of [undefined, SERVICE_CONNECT]) {
        const inputs = resolveWithPlaceholders(plan(definition, options).resources);
        expect(JSON.stringify([...inputs.values()])).not.toContain('{{ref:');
      }
    }
  });

  it('rejects broken inputs, so the checks above cannot pass vacuously', () => {
    const problems = formatProblems(results.broken).join('\n');
    expect(problems).toMatch(/node: Missing required parameter in input: "meshName"/);
    expect(problems).toMatch(/node: .*spec\.listeners\[0\]\.portMapping\.port, value: 0, valid min value: 1/);
    expect(problems).toMatch(/mesh: Invalid value for parameter spec\.egressFilter\.type, value: 'DROP_AL'/);
    expect(problems).toMatch(
      /mesh: Invalid length for parameter meshName, length: 256, valid max length: 255/,
    );
    expect(problems).toMatch(/role: Invalid pattern for parameter RoleName, value: 'has\/slash'/);
    expect(problems).toMatch(
      /rule: .*action\.forward\.targetGroups\[0\]\.weight, value: 1000, valid max value: 999/,
    );
    expect(problems).toMatch(/alb-rule: .*Priority, value: 0, valid min value: 1/);
  });
});
