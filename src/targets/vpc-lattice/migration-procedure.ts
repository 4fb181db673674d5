/**
 * The VPC Lattice steps of the move, for both Lattice targets, in the order the plan creates them:
 * the service network and its VPC association, the Lattice services, the target groups, the
 * listeners and rules, the auth policies (AWS_IAM), the role ECS registers the tasks with, then,
 * once the ECS services run, the DNS records that move callers onto Lattice.
 */
import type { MigrationStep } from '../../report/migration-report.js';
import { type MigrationContext, sortedByName } from '../service-connect/migration-context.js';
import { latticeServiceName } from './limits.js';

/** The steps before the ECS services: everything they register into. */
export function latticeSetupSteps(context: MigrationContext): MigrationStep[] {
  const { lattice, definition } = context;
  if (lattice === undefined || lattice.services.size === 0) return [];
  const ecs = context.green.ecs;
  const services = sortedByName(definition.services).filter((service) => lattice.services.has(service.name));
  const iam = lattice.auth === 'AWS_IAM';
  const steps: MigrationStep[] = [
    {
      title: 'Create the VPC Lattice service network',
      detail: `Create service network ${lattice.network} (authType ${lattice.auth}) and associate it with VPC ${ecs?.vpcId}, with the tasks' security group ${ecs?.meshSecurityGroup} (CreateServiceNetworkVpcAssociation). That group must admit the managed prefix list com.amazonaws.${ecs?.region}.vpc-lattice on the listener ports: Lattice sends requests and health checks from it.`,
      resources: [lattice.network, ecs?.vpcId ?? ''],
    },
    {
      title: 'Create the VPC Lattice services',
      detail: `One per virtual service, with the virtual service name as customDomainName and authType ${lattice.auth}, each associated with ${lattice.network} (CreateServiceNetworkServiceAssociation).`,
      resources: services.map(
        (service) => `${latticeServiceName(service.name, context.nameSuffix)} (${service.name})`,
      ),
    },
    {
      title: 'Create the target groups, listeners and rules',
      detail:
        "One IP target group per node listener traffic reaches (its port, protocol version and health check); on each service one HTTP listener: a router's with a fixed 404 default action and one rule per route (priority, match, weights times 9), a node's forwarding to the node's target group. ECS fills the target groups: create no targets.",
      resources: [],
    },
  ];
  if (iam)
    steps.push({
      title: "Put the auth policies and the callers' permissions",
      detail: `On ${lattice.network}: the account's principals only. On each service: its callers' task roles (the nodes listing it as a backend), or a deny when no node does. On each caller's task role: the inline policy vpc-lattice-invoke on exactly the services it calls. Before the callers go live, make them sign their requests with SigV4 (service vpc-lattice-svcs).`,
      resources: [],
    });
  steps.push({
    title: 'Create the ECS infrastructure role',
    detail: `${lattice.roleName}, trusted by ecs.amazonaws.com, with AmazonECSInfrastructureRolePolicyForVpcLattice: the ECS services name it in their vpcLatticeConfigurations (with their target group and port name), and ECS registers and deregisters their tasks with it.`,
    resources: [lattice.roleName],
  });
  return steps;
}

/** After the services run: the records that make the virtual service names reach Lattice. */
export function latticeDnsStep(context: MigrationContext): MigrationStep[] {
  const { lattice, definition } = context;
  if (lattice === undefined || lattice.services.size === 0) return [];
  const names = sortedByName(definition.services)
    .filter((service) => lattice.services.has(service.name))
    .map((service) => service.name);
  return [
    {
      title: 'Create the DNS records of the custom domain names',
      detail:
        "Once each target group reports its tasks healthy: for each name, a CNAME (or alias) record to its Lattice service's dnsEntry.domainName, in a Route 53 private hosted zone associated with the VPC. From then on, callers resolving the name reach VPC Lattice, while the App Mesh tasks' Envoy still intercepts their own requests and routes them by name [unverified]. Rollback is deleting the records.",
      resources: names,
    },
  ];
}
