/** The SDK v3 clients a mesh on ECS needs, as one object that the executor, the simulator and the local cloud share. */
import type { AppMeshClient } from '@aws-sdk/client-app-mesh';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { ServiceDiscoveryClient } from '@aws-sdk/client-servicediscovery';
import type { STSClient } from '@aws-sdk/client-sts';

export interface AwsClients {
  readonly appMesh: AppMeshClient;
  readonly cloudMap: ServiceDiscoveryClient;
  readonly ecs: ECSClient;
  readonly iam: IAMClient;
  readonly ec2: EC2Client;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly logs: CloudWatchLogsClient;
  /** Only asked who the caller is: the account a journal belongs to. */
  readonly sts: STSClient;
}
