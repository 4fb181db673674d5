/**
 * The AWS managed policies the product uses, as AWS publishes them (moto ships the same
 * documents): they exist in every account, cannot be changed, and can be attached.
 */
import { sha256Hex } from '../../../sha256.js';
import type { PolicyRecord } from './state.js';

interface Published {
  readonly name: string;
  readonly path: string;
  readonly versionId: string;
  readonly created: string;
  readonly updated: string;
  readonly document: object;
}

const allow = (actions: readonly string[], extra: object = {}) => ({
  Effect: 'Allow',
  Action: actions,
  Resource: '*',
  ...extra,
});

const PUBLISHED: readonly Published[] = [
  {
    name: 'AWSAppMeshEnvoyAccess',
    path: '/',
    versionId: 'v1',
    created: '2019-07-03T21:29:37Z',
    updated: '2019-07-03T21:29:37Z',
    document: { Version: '2012-10-17', Statement: [allow(['appmesh:StreamAggregatedResources'])] },
  },
  {
    name: 'AmazonECSTaskExecutionRolePolicy',
    path: '/service-role/',
    versionId: 'v1',
    created: '2017-11-16T18:48:22Z',
    updated: '2017-11-16T18:48:22Z',
    document: {
      Version: '2012-10-17',
      Statement: [
        allow([
          'ecr:GetAuthorizationToken',
          'ecr:BatchCheckLayerAvailability',
          'ecr:GetDownloadUrlForLayer',
          'ecr:BatchGetImage',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
        ]),
      ],
    },
  },
  {
    name: 'AmazonECSInfrastructureRolePolicyForVpcLattice',
    path: '/',
    versionId: 'v1',
    created: '2024-11-15T20:02:00Z',
    updated: '2024-11-15T20:02:00Z',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ManagedVpcLatticeTargetRegistration',
          Effect: 'Allow',
          Action: ['vpc-lattice:RegisterTargets', 'vpc-lattice:DeregisterTargets'],
          Resource: ['arn:aws:vpc-lattice:*:*:targetgroup/*'],
        },
        {
          Sid: 'DescribeVpcLatticeTargetGroup',
          Effect: 'Allow',
          Action: 'vpc-lattice:GetTargetGroup',
          Resource: ['arn:aws:vpc-lattice:*:*:targetgroup/*'],
        },
        {
          Sid: 'ListVpcLatticeTargets',
          Effect: 'Allow',
          Action: 'vpc-lattice:ListTargets',
          Resource: ['arn:aws:vpc-lattice:*:*:targetgroup/*'],
        },
        {
          Sid: 'DescribeEc2Resources',
          Effect: 'Allow',
          Action: ['ec2:DescribeSubnets', 'ec2:DescribeVpcs', 'ec2:DescribeInstances'],
          Resource: ['*'],
        },
      ],
    },
  },
  {
    name: 'AWSXRayDaemonWriteAccess',
    path: '/',
    versionId: 'v2',
    created: '2018-08-28T23:00:33Z',
    updated: '2024-02-13T21:58:30Z',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AWSXRayDaemonWriteAccess',
          Effect: 'Allow',
          Action: [
            'xray:PutTraceSegments',
            'xray:PutTelemetryRecords',
            'xray:GetSamplingRules',
            'xray:GetSamplingTargets',
            'xray:GetSamplingStatisticSummaries',
          ],
          Resource: ['*'],
        },
      ],
    },
  },
  {
    name: 'CloudWatchLogsFullAccess',
    path: '/',
    versionId: 'v8',
    created: '2015-02-06T18:40:02Z',
    updated: '2026-02-12T18:00:33Z',
    document: {
      Version: '2012-10-17',
      Statement: [
        allow(
          [
            'logs:*',
            'cloudwatch:GenerateQuery',
            'cloudwatch:GenerateQueryResultsSummary',
            'observabilityadmin:GetS3TableIntegration',
            'observabilityadmin:ListS3TableIntegrations',
            'observabilityadmin:ListTelemetryPipelines',
          ],
          { Sid: 'CloudWatchLogsFullAccess' },
        ),
      ],
    },
  },
  {
    name: 'AmazonSSMManagedInstanceCore',
    path: '/',
    versionId: 'v2',
    created: '2019-03-15T17:22:12Z',
    updated: '2019-05-23T16:54:21Z',
    document: {
      Version: '2012-10-17',
      Statement: [
        allow([
          'ssm:DescribeAssociation',
          'ssm:GetDeployablePatchSnapshotForInstance',
          'ssm:GetDocument',
          'ssm:DescribeDocument',
          'ssm:GetManifest',
          'ssm:GetParameter',
          'ssm:GetParameters',
          'ssm:ListAssociations',
          'ssm:ListInstanceAssociations',
          'ssm:PutInventory',
          'ssm:PutComplianceItems',
          'ssm:PutConfigurePackageResult',
          'ssm:UpdateAssociationStatus',
          'ssm:UpdateInstanceAssociationStatus',
          'ssm:UpdateInstanceInformation',
        ]),
        allow([
          'ssmmessages:CreateControlChannel',
          'ssmmessages:CreateDataChannel',
          'ssmmessages:OpenControlChannel',
          'ssmmessages:OpenDataChannel',
        ]),
        allow([
          'ec2messages:AcknowledgeMessage',
          'ec2messages:DeleteMessage',
          'ec2messages:FailMessage',
          'ec2messages:GetEndpoint',
          'ec2messages:GetMessages',
          'ec2messages:SendReply',
        ]),
      ],
    },
  },
];

/** An AWS managed policy with its update time (customer policies are never updated here). */
export type AwsManagedPolicy = PolicyRecord & { readonly updatedAt: number };

/** By ARN. */
export const AWS_MANAGED_POLICIES: Readonly<Record<string, AwsManagedPolicy>> = Object.fromEntries(
  PUBLISHED.map((p): [string, AwsManagedPolicy] => {
    const arn = `arn:aws:iam::aws:policy${p.path}${p.name}`;
    const createdAt = Date.parse(p.created);
    return [
      arn,
      {
        policyName: p.name,
        path: p.path,
        policyId: `ANPA${sha256Hex(arn).slice(0, 17).toUpperCase()}`,
        arn,
        createdAt,
        updatedAt: Date.parse(p.updated),
        tags: [],
        versions: [{ versionId: p.versionId, document: JSON.stringify(p.document), createdAt }],
        defaultVersionId: p.versionId,
      },
    ];
  }),
);
