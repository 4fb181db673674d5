/** The executor's table: for each kind of resource, the AWS calls that read, create, update and delete it. */
import { cloudMapHttpNamespaceHandler, cloudMapNamespaceHandler } from './cloud-map-namespace.js';
import { cloudMapServiceHandler } from './cloud-map-service.js';
import { ecsClusterHandler } from './ecs-cluster.js';
import { ecsServiceHandler } from './ecs-service.js';
import { gatewayRouteHandler } from './gateway-route.js';
import { iamRoleHandler } from './iam-role.js';
import { iamRolePolicyHandler } from './iam-role-policy.js';
import { iamRolePolicyAttachmentHandler } from './iam-role-policy-attachment.js';
import { loadBalancerHandler } from './load-balancer.js';
import { loadBalancerListenerHandler } from './load-balancer-listener.js';
import { loadBalancerRuleHandler } from './load-balancer-rule.js';
import { logGroupHandler } from './log-group.js';
import { managedPrefixListHandler } from './managed-prefix-list.js';
import { meshHandler } from './mesh.js';
import { routeHandler } from './route.js';
import { securityGroupHandler } from './security-group.js';
import { securityGroupIngressHandler } from './security-group-ingress.js';
import { targetGroupHandler } from './target-group.js';
import { taskDefinitionHandler } from './task-definition.js';
import type { HandlerTable } from './types.js';
import { virtualGatewayHandler } from './virtual-gateway.js';
import { virtualNodeHandler } from './virtual-node.js';
import { virtualRouterHandler } from './virtual-router.js';
import { virtualServiceHandler } from './virtual-service.js';
import { latticeAuthPolicyHandler } from './vpc-lattice-auth-policy.js';
import { latticeListenerHandler } from './vpc-lattice-listener.js';
import { latticeRuleHandler } from './vpc-lattice-rule.js';
import { latticeServiceHandler } from './vpc-lattice-service.js';
import { latticeServiceAssociationHandler } from './vpc-lattice-service-association.js';
import { latticeServiceNetworkHandler } from './vpc-lattice-service-network.js';
import { latticeTargetGroupHandler } from './vpc-lattice-target-group.js';
import { latticeVpcAssociationHandler } from './vpc-lattice-vpc-association.js';

export type {
  HandlerContext,
  Observed,
  ReferenceHandler,
  ResourceAttributes,
  ResourceHandler,
} from './types.js';

export const HANDLERS: HandlerTable = Object.freeze({
  cloudMapNamespace: cloudMapNamespaceHandler,
  cloudMapHttpNamespace: cloudMapHttpNamespaceHandler,
  cloudMapService: cloudMapServiceHandler,
  mesh: meshHandler,
  virtualNode: virtualNodeHandler,
  virtualRouter: virtualRouterHandler,
  route: routeHandler,
  virtualService: virtualServiceHandler,
  virtualGateway: virtualGatewayHandler,
  gatewayRoute: gatewayRouteHandler,
  iamRole: iamRoleHandler,
  iamRolePolicy: iamRolePolicyHandler,
  iamRolePolicyAttachment: iamRolePolicyAttachmentHandler,
  securityGroup: securityGroupHandler,
  securityGroupIngress: securityGroupIngressHandler,
  logGroup: logGroupHandler,
  ecsCluster: ecsClusterHandler,
  taskDefinition: taskDefinitionHandler,
  ecsService: ecsServiceHandler,
  loadBalancer: loadBalancerHandler,
  targetGroup: targetGroupHandler,
  loadBalancerListener: loadBalancerListenerHandler,
  loadBalancerRule: loadBalancerRuleHandler,
  latticeServiceNetwork: latticeServiceNetworkHandler,
  latticeVpcAssociation: latticeVpcAssociationHandler,
  latticeService: latticeServiceHandler,
  latticeServiceAssociation: latticeServiceAssociationHandler,
  latticeTargetGroup: latticeTargetGroupHandler,
  latticeListener: latticeListenerHandler,
  latticeRule: latticeRuleHandler,
  latticeAuthPolicy: latticeAuthPolicyHandler,
  managedPrefixList: managedPrefixListHandler,
});
