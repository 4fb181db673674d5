/** The SDK v3 clients a mesh on ECS needs, as one object that the executor, the simulator and the local cloud share. */
import type { AppMeshClient } from '@aws-sdk/client-app-mesh';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { ServiceDiscoveryClient } from '@aws-sdk/client-servicediscovery';
import type { STSClient } from '@aws-sdk/client-sts';
import type { ClientConfig } from './execute/options.js';
import { appMeshSdk, cloudMapSdk, ec2Sdk, ecsSdk, elbv2Sdk, iamSdk, logsSdk, stsSdk } from './sdk.js';

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

/** The settings every client of an `AwsClients` gets. */
export interface SharedClientSettings extends ClientConfig {
  readonly maxAttempts?: number;
  readonly cacheMiddleware?: boolean;
}

/** One client per service, all with the same settings. The first call loads the SDK. */
export function newClients(settings: SharedClientSettings): AwsClients {
  return {
    appMesh: new (appMeshSdk().AppMeshClient)(settings),
    cloudMap: new (cloudMapSdk().ServiceDiscoveryClient)(settings),
    ecs: new (ecsSdk().ECSClient)(settings),
    iam: new (iamSdk().IAMClient)(settings),
    ec2: new (ec2Sdk().EC2Client)(settings),
    elbv2: new (elbv2Sdk().ElasticLoadBalancingV2Client)(settings),
    logs: new (logsSdk().CloudWatchLogsClient)(settings),
    sts: new (stsSdk().STSClient)(settings),
  };
}
