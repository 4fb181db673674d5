/**
 * Alternatives for the access control Service Connect drops (mutual TLS, backends as an allow-list):
 * VPC Lattice IAM auth, or a security group per service.
 */
import { iamRoleArn } from '../../plan/names.js';
import type { MigrationAlternative } from '../../report/migration-report.js';
import {
  backendService,
  compareText,
  type MigrationContext,
  placeholder,
  serverOf,
  sortedByName,
} from './migration-context.js';

/** The nodes that call `server` under Service Connect: their backends' names are kept by it. */
export function clientsOf(context: MigrationContext, server: string): string[] {
  return sortedByName(context.definition.nodes)
    .filter((node) =>
      node.backends.some((backend) => {
        const service = backendService(context.definition, backend.ref);
        return service !== undefined && serverOf(context, service.name) === server;
      }),
    )
    .map((node) => node.name);
}

function taskRoleArn(context: MigrationContext, node: string): string {
  const role = context.greenNodes.get(node)?.task?.taskRoleName;
  const ecs = context.green.ecs;
  if (role === undefined || ecs === undefined) return placeholder(`task role ARN of ${node}`);
  return iamRoleArn({ region: ecs.region, accountId: ecs.accountId }, role);
}

/** VPC Lattice IAM auth on the server's Lattice service, allowing its callers' task roles. */
export function mtlsAlternative(
  context: MigrationContext,
  server: string,
  clients = clientsOf(context, server),
): MigrationAlternative {
  const principals = [...clients].sort(compareText).map((client) => taskRoleArn(context, client));
  return {
    service: 'VPC Lattice',
    fields: {
      CreateService: { name: placeholder(`VPC Lattice service name for ${server}`), authType: 'AWS_IAM' },
      PutAuthPolicy: {
        resourceIdentifier: placeholder(`VPC Lattice service of ${server}`),
        policy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: {
                AWS: principals.length === 0 ? [placeholder('task role ARNs of the callers')] : principals,
              },
              Action: 'vpc-lattice-svcs:Invoke',
              Resource: '*',
            },
          ],
        },
      },
    },
    note: 'Callers must sign their requests with SigV4 (an application change) and call the VPC Lattice name instead of the Service Connect alias; the policy statement is illustrative. Application-level mutual TLS is the other way.',
  };
}

/** Ingress on each server's own security group from the client's group only, on the server's ports. */
export function allowListAlternative(
  context: MigrationContext,
  client: string,
  servers: readonly { node: string; port: number }[],
): MigrationAlternative {
  return {
    service: 'EC2 security groups',
    fields: {
      AuthorizeSecurityGroupIngress: servers.map(({ node, port }) => ({
        GroupId: placeholder(`id of a security group of ${node} alone`),
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: port,
            ToPort: port,
            UserIdGroupPairs: [{ GroupId: placeholder(`id of a security group of ${client} alone`) }],
          },
        ],
      })),
    },
    note: `Needs a security group per ECS service instead of the shared ${context.green.ecs?.meshSecurityGroup ?? 'mesh group'}, and opening the port the server's proxy listens on (its ingressPortOverride if set). VPC Lattice auth policies allow by caller identity instead (SigV4-signed requests).`,
  };
}
