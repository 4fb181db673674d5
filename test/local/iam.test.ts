import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  DeleteConflictException,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  EntityAlreadyExistsException,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMServiceException,
  ListAttachedRolePoliciesCommand,
  ListPoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  PutRolePolicyCommand,
  ServiceFailureException,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/local/clock.js';
import { createLocalCloud } from '../../src/local/local-cloud.js';
import { iamService } from '../../src/local/services/iam.js';
import type { World } from '../../src/local/world.js';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});
const EXEC = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:OpenDataChannel'],
      Resource: '*',
    },
  ],
});
const ENVOY = 'arn:aws:iam::aws:policy/AWSAppMeshEnvoyAccess';
const EXECUTION = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';

async function failure(promise: Promise<unknown>): Promise<IAMServiceException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IAMServiceException);
  return error as IAMServiceException;
}

function setup(options: Parameters<typeof createLocalCloud>[0] = {}) {
  const cloud = createLocalCloud(options);
  const { iam } = cloud.clients({ maxAttempts: 1 });
  return { cloud, iam };
}

describe('local cloud: IAM roles', () => {
  it('creates a role with AWS ids and ARN, lists it by path, and refuses a second one of the same name', async () => {
    const { iam } = setup();
    const { Role } = await iam.send(
      new CreateRoleCommand({
        RoleName: 'colorTaskRole',
        Path: '/mesh/',
        AssumeRolePolicyDocument: TRUST,
        Description: 'task role',
        Tags: [{ Key: 'mesh', Value: 'color-mesh' }],
      }),
    );
    expect(Role?.Arn).toBe('arn:aws:iam::123456789012:role/mesh/colorTaskRole');
    expect(Role?.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(Role?.CreateDate).toBeInstanceOf(Date);
    expect(Role?.MaxSessionDuration).toBe(3600);
    const got = await iam.send(new GetRoleCommand({ RoleName: 'colorTaskRole' }));
    expect(JSON.parse(decodeURIComponent(got.Role?.AssumeRolePolicyDocument ?? ''))).toEqual(
      JSON.parse(TRUST),
    );
    expect(got.Role?.Tags).toEqual([{ Key: 'mesh', Value: 'color-mesh' }]);

    const duplicate = await failure(
      iam.send(new CreateRoleCommand({ RoleName: 'COLORTASKROLE', AssumeRolePolicyDocument: TRUST })),
    );
    expect(duplicate).toBeInstanceOf(EntityAlreadyExistsException);
    expect(duplicate.message).toBe('Role with name COLORTASKROLE already exists.');
    expect(duplicate.$metadata.httpStatusCode).toBe(409);

    for (const name of ['a', 'b', 'c']) {
      await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST }));
    }
    expect(
      (await iam.send(new ListRolesCommand({ PathPrefix: '/mesh/' }))).Roles?.map((r) => r.RoleName),
    ).toEqual(['colorTaskRole']);
    const first = await iam.send(new ListRolesCommand({ MaxItems: 3 }));
    expect([first.Roles?.map((r) => r.RoleName), first.IsTruncated]).toEqual([['a', 'b', 'c'], true]);
    const rest = await iam.send(new ListRolesCommand({ MaxItems: 3, Marker: first.Marker }));
    expect([rest.Roles?.map((r) => r.RoleName), rest.IsTruncated]).toEqual([['colorTaskRole'], false]);

    const missing = await failure(iam.send(new GetRoleCommand({ RoleName: 'nope' })));
    expect(missing).toBeInstanceOf(NoSuchEntityException);
    expect(missing.message).toBe('The role with name nope cannot be found.');
  });

  it('rejects bad names and malformed trust policies, and a failed call changes nothing', async () => {
    const { cloud, iam } = setup();
    const before = cloud.snapshot().iam;
    const badName = await failure(
      iam.send(new CreateRoleCommand({ RoleName: 'bad name!', AssumeRolePolicyDocument: TRUST })),
    );
    expect([badName.name, badName.message]).toEqual([
      'ValidationError',
      "1 validation error detected: Value 'bad name!' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    ]);
    const cases: [string, string][] = [
      ['{not json', 'Syntax errors in policy.'],
      [
        JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }] }),
        'Policy document must be version 2012-10-17 or greater.',
      ],
      [
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Resource: '*' }],
        }),
        'Has prohibited field Resource',
      ],
      [
        JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }),
        'Missing required field Principal',
      ],
    ];
    for (const [document, message] of cases) {
      const error = await failure(
        iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: document })),
      );
      expect(error).toBeInstanceOf(MalformedPolicyDocumentException);
      expect(error.message).toBe(message);
    }
    expect(cloud.snapshot().iam).toEqual(before);

    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: TRUST }));
    const afterCreate = cloud.snapshot().iam;
    const noResource = await failure(
      iam.send(
        new PutRolePolicyCommand({
          RoleName: 'r',
          PolicyName: 'exec',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }],
          }),
        }),
      ),
    );
    expect([noResource.name, noResource.message]).toEqual([
      'MalformedPolicyDocumentException',
      'Policy statement must contain resources.',
    ]);
    const badTrust = await failure(
      iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r', PolicyDocument: '[]' })),
    );
    expect(badTrust).toBeInstanceOf(MalformedPolicyDocumentException);
    expect(cloud.snapshot().iam).toEqual(afterCreate);
  });

  it('keeps inline policies (URL-encoded on read) and tags, and deletes a role only once they are gone', async () => {
    const { cloud, iam } = setup();
    await iam.send(new CreateRoleCommand({ RoleName: 'colorTaskRole', AssumeRolePolicyDocument: TRUST }));
    const unknownRole = await failure(
      iam.send(new PutRolePolicyCommand({ RoleName: 'other', PolicyName: 'exec', PolicyDocument: EXEC })),
    );
    expect(unknownRole).toBeInstanceOf(NoSuchEntityException);
    await iam.send(
      new PutRolePolicyCommand({ RoleName: 'colorTaskRole', PolicyName: 'exec', PolicyDocument: EXEC }),
    );
    const got = await iam.send(new GetRolePolicyCommand({ RoleName: 'colorTaskRole', PolicyName: 'exec' }));
    expect(got.PolicyDocument).toBe(encodeURIComponent(EXEC));
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'colorTaskRole' }))).PolicyNames).toEqual([
      'exec',
    ]);
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'colorTaskRole', PolicyArn: ENVOY }));

    await iam.send(
      new TagRoleCommand({ RoleName: 'colorTaskRole', Tags: [{ Key: 'team', Value: 'color' }] }),
    );
    await iam.send(new UntagRoleCommand({ RoleName: 'colorTaskRole', TagKeys: ['TEAM'] }));
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: 'colorTaskRole' }))).Tags).toEqual([]);

    const attached = await failure(iam.send(new DeleteRoleCommand({ RoleName: 'colorTaskRole' })));
    expect(attached).toBeInstanceOf(DeleteConflictException);
    expect(attached.message).toBe('Cannot delete entity, must detach all policies first.');
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'colorTaskRole', PolicyArn: ENVOY }));
    const inline = await failure(iam.send(new DeleteRoleCommand({ RoleName: 'colorTaskRole' })));
    expect([inline.name, inline.message]).toEqual([
      'DeleteConflictException',
      'Cannot delete entity, must delete policies first.',
    ]);
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'colorTaskRole', PolicyName: 'exec' }));
    const noPolicy = await failure(
      iam.send(new DeleteRolePolicyCommand({ RoleName: 'colorTaskRole', PolicyName: 'exec' })),
    );
    expect(noPolicy.message).toBe('The role policy with name exec cannot be found.');
    await iam.send(new DeleteRoleCommand({ RoleName: 'colorTaskRole' }));
    expect(cloud.snapshot().iam).toEqual({ roles: [], policies: [] });
  });
});

describe('local cloud: IAM managed policies', () => {
  it('has the AWS managed policies the product attaches, with their documents', async () => {
    const { iam } = setup();
    const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: EXECUTION }));
    expect(Policy).toMatchObject({
      PolicyName: 'AmazonECSTaskExecutionRolePolicy',
      Path: '/service-role/',
      DefaultVersionId: 'v1',
    });
    const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: ENVOY, VersionId: 'v1' }));
    expect(JSON.parse(decodeURIComponent(version.PolicyVersion?.Document ?? ''))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['appmesh:StreamAggregatedResources'], Resource: '*' }],
    });
    const aws = await iam.send(new ListPoliciesCommand({ Scope: 'AWS' }));
    expect(aws.Policies?.map((p) => p.Arn).sort()).toEqual(
      [
        ENVOY,
        EXECUTION,
        'arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess',
        'arn:aws:iam::aws:policy/CloudWatchLogsFullAccess',
        'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
        'arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForVpcLattice',
      ].sort(),
    );
    expect((await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies).toEqual([]);
  });

  it('attaches and detaches managed policies, and will not delete an attached one', async () => {
    const { cloud, iam } = setup();
    await iam.send(new CreateRoleCommand({ RoleName: 'exec', AssumeRolePolicyDocument: TRUST }));
    const unknown = 'arn:aws:iam::aws:policy/NoSuchPolicy';
    const missing = await failure(
      iam.send(new AttachRolePolicyCommand({ RoleName: 'exec', PolicyArn: unknown })),
    );
    expect([missing.name, missing.message]).toEqual([
      'NoSuchEntityException',
      `Policy ${unknown} does not exist or is not attachable.`,
    ]);
    const noRole = await failure(
      iam.send(new AttachRolePolicyCommand({ RoleName: 'ghost', PolicyArn: ENVOY })),
    );
    expect(noRole).toBeInstanceOf(NoSuchEntityException);

    const { Policy } = await iam.send(
      new CreatePolicyCommand({ PolicyName: 'envoy-node-red', PolicyDocument: EXEC, Description: 'red' }),
    );
    expect(Policy?.Arn).toBe('arn:aws:iam::123456789012:policy/envoy-node-red');
    const again = await failure(
      iam.send(new CreatePolicyCommand({ PolicyName: 'envoy-node-red', PolicyDocument: EXEC })),
    );
    expect(again).toBeInstanceOf(EntityAlreadyExistsException);
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'exec', PolicyArn: EXECUTION }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'exec', PolicyArn: Policy?.Arn }));
    const listed = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'exec' }));
    expect(listed.AttachedPolicies).toEqual([
      { PolicyName: 'AmazonECSTaskExecutionRolePolicy', PolicyArn: EXECUTION },
      { PolicyName: 'envoy-node-red', PolicyArn: Policy?.Arn },
    ]);
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: Policy?.Arn }))).Policy?.AttachmentCount).toBe(
      1,
    );
    const inUse = await failure(iam.send(new DeletePolicyCommand({ PolicyArn: Policy?.Arn })));
    expect(inUse).toBeInstanceOf(DeleteConflictException);
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'exec', PolicyArn: Policy?.Arn }));
    const notAttached = await failure(
      iam.send(new DetachRolePolicyCommand({ RoleName: 'exec', PolicyArn: Policy?.Arn })),
    );
    expect(notAttached).toBeInstanceOf(NoSuchEntityException);
    await iam.send(new DeletePolicyCommand({ PolicyArn: Policy?.Arn }));
    expect(cloud.snapshot().iam).toMatchObject({
      roles: [{ roleName: 'exec', attachedPolicyArns: [EXECUTION], inlinePolicies: {} }],
      policies: [],
    });
  });

  it('throttles with Throttling, fails injected calls with ServiceFailure, hides a fresh role inside the consistency window', async () => {
    const throttled = await failure(
      setup({ faults: { throttleRate: 1 } }).iam.send(new ListRolesCommand({})),
    );
    expect([throttled.name, throttled.$metadata.httpStatusCode]).toEqual(['Throttling', 400]);
    const failing = await failure(
      setup({ faults: { failCalls: [{ command: 'iam:CreateRole', nth: 1 }] } }).iam.send(
        new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: TRUST }),
      ),
    );
    expect(failing).toBeInstanceOf(ServiceFailureException);

    const clock = new ManualClock();
    const { cloud, iam } = setup({ clock, faults: { consistencyWindowMs: 1000 } });
    const { Role } = await iam.send(
      new CreateRoleCommand({ RoleName: 'fresh', AssumeRolePolicyDocument: TRUST }),
    );
    expect(await failure(iam.send(new GetRoleCommand({ RoleName: 'fresh' })))).toBeInstanceOf(
      NoSuchEntityException,
    );
    expect(
      await failure(iam.send(new CreateRoleCommand({ RoleName: 'fresh', AssumeRolePolicyDocument: TRUST }))),
    ).toBeInstanceOf(EntityAlreadyExistsException);
    const world = { state: cloud.exportState().services, visible: () => false } as unknown as World;
    expect(iamService.internal(world).role(Role?.Arn ?? '')).toBeUndefined();
    clock.advance(1000);
    expect((await iam.send(new GetRoleCommand({ RoleName: 'fresh' }))).Role?.Arn).toBe(Role?.Arn);
    const visibleWorld = { state: cloud.exportState().services, visible: () => true } as unknown as World;
    expect(iamService.internal(visibleWorld).role(Role?.Arn ?? '')).toEqual({ roleName: 'fresh' });
  });
});
