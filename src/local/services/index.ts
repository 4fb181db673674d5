import type { ServiceDefinition, ServiceKey } from '../world.js';
import { appMeshService } from './app-mesh.js';
import { cloudMapService } from './cloud-map.js';
import { ec2Service } from './ec2.js';
import { ecsService } from './ecs.js';
import { elbv2Service } from './elbv2.js';
import { iamService } from './iam.js';
import { logsService } from './logs.js';
import { stsService } from './sts.js';
import { vpcLatticeService } from './vpc-lattice.js';

/** Every service the local cloud serves. EC2 first: the others' state refers to its VPCs. */
export const SERVICES: readonly ServiceDefinition<ServiceKey>[] = [
  ec2Service,
  iamService,
  logsService,
  cloudMapService,
  appMeshService,
  elbv2Service,
  vpcLatticeService,
  ecsService,
  stsService,
] as readonly ServiceDefinition<ServiceKey>[];
