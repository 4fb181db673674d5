/** The SDK v3 clients a mesh on ECS (or its replacement: Service Connect, VPC Lattice) needs, as one object that the executor, the simulator and the local cloud share. */
import { AppMeshClient } from '@aws-sdk/client-app-mesh';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { ServiceDiscoveryClient } from '@aws-sdk/client-servicediscovery';
import { STSClient } from '@aws-sdk/client-sts';
import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import type { ClientConfig } from './execute/options.js';

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
  readonly vpcLattice: VPCLatticeClient;
}

/** The settings every client of an `AwsClients` gets. */
export interface SharedClientSettings extends ClientConfig {
  readonly maxAttempts?: number;
  readonly cacheMiddleware?: boolean;
  /** How requests are sent; the SDK's HTTP handler unless given. */
  readonly requestHandler?: AppMeshClient['config']['requestHandler'];
}

/** One client per service, all with the same settings. */
export function newClients(settings: SharedClientSettings): AwsClients {
  return {
    appMesh: new AppMeshClient(settings),
    cloudMap: new ServiceDiscoveryClient(settings),
    ecs: new ECSClient(settings),
    iam: new IAMClient(settings),
    ec2: new EC2Client(settings),
    elbv2: new ElasticLoadBalancingV2Client(settings),
    logs: new CloudWatchLogsClient(settings),
    sts: new STSClient(settings),
    vpcLattice: new VPCLatticeClient(settings),
  };
}
