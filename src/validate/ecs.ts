/**
 * The ECS side: the shared environment (account, region, network, cluster, log group, roles)
 * and each node or gateway task (names, network, containers, load balancer).
 */
import type {
  AppContainerDefinition,
  GatewayTaskDefinition,
  NodeTaskDefinition,
  TaskCommonDefinition,
  VirtualGatewayDefinition,
  VirtualNodeDefinition,
} from '../definition/mesh-definition.js';
import { paths } from '../definition/paths.js';
import {
  type CheckOptions,
  checkInteger,
  checkListSize,
  checkOneOf,
  checkPattern,
  checkPort,
  field,
  REQUIRED,
} from './checks.js';
import { VPC_ID } from './cloud-map.js';
import type { ValidationContext } from './context.js';
import { checkContainerEnvironment } from './environment.js';
import { issue, type PlanIssue, show } from './issue.js';

export const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
export const ACCOUNT_ID = /^\d{12}$/;
export const SUBNET_ID = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/;
export const SECURITY_GROUP_ID = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;
/** ECS cluster, service and task family names. */
export const ECS_NAME = /^[A-Za-z0-9_-]{1,255}$/;
export const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
export const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
/** EC2 VPC security group names; `sg-` is reserved for ids. */
export const SECURITY_GROUP_NAME = /^(?!sg-)[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/;
/** Load balancer and target group names; a load balancer name cannot start with `internal-`. */
export const LOAD_BALANCER_NAME = /^(?!internal-)(?!-)[A-Za-z0-9-]{1,32}(?<!-)$/;
export const TARGET_GROUP_NAME = /^(?!-)[A-Za-z0-9-]{1,32}(?<!-)$/;
const CIDR = /^((\d{1,3}\.){3}\d{1,3}\/\d{1,2}|[0-9a-fA-F:]+\/\d{1,3})$/;
const IMAGE = /^\S+$/;
/** CloudWatch Logs accepts only these retention periods. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
/** Envoy's admin, ingress and egress ports: an app listening there collides with the sidecar. */
const ENVOY_PORTS = [9901, 15000, 15001];

const TEXT = {
  region: 'a region like "us-east-1"',
  accountId: 'a 12-digit account id',
  vpcId: 'a VPC id like "vpc-0123456789abcdef0"',
  subnet: 'a subnet id like "subnet-0123456789abcdef0"',
  ecsName: '1 to 255 letters, digits, hyphens or underscores',
  iamRole: '1 to 64 characters of letters, digits and +=,.@_-',
  logGroup: '1 to 512 characters of letters, digits and ._-/#',
  securityGroupName:
    '1 to 255 characters of letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with "sg-"',
  loadBalancerName:
    '1 to 32 letters, digits or hyphens, not starting or ending with a hyphen, not starting with "internal-"',
  targetGroupName: '1 to 32 letters, digits or hyphens, not starting or ending with a hyphen',
  cidr: 'a CIDR block like "0.0.0.0/0"',
};

function checkSubnets(
  out: PlanIssue[],
  path: string,
  fieldName: string,
  subnets: readonly string[] | undefined,
  options: CheckOptions = {},
): void {
  if (subnets === undefined && !options.required) return;
  checkListSize(out, 'INVALID_VALUE', path, fieldName, subnets, 1, 16, REQUIRED);
  (subnets ?? []).forEach((subnet, index) => {
    checkPattern(out, 'INVALID_VALUE', path, `${fieldName}[${index}]`, subnet, SUBNET_ID, TEXT.subnet);
  });
}

function checkEnvironment(context: ValidationContext, out: PlanIssue[]): void {
  const ecs = context.definition.ecs;
  if (!ecs) return;
  const path = paths.ecsEnvironment(context.mesh);
  checkPattern(out, 'INVALID_VALUE', path, 'region', ecs.region, REGION, TEXT.region, REQUIRED);
  checkPattern(out, 'INVALID_VALUE', path, 'accountId', ecs.accountId, ACCOUNT_ID, TEXT.accountId, REQUIRED);
  checkPattern(out, 'INVALID_VALUE', path, 'vpcId', ecs.vpcId, VPC_ID, TEXT.vpcId, REQUIRED);
  checkSubnets(out, path, 'subnets', ecs.subnets, REQUIRED);
  checkPattern(out, 'INVALID_NAME', path, 'cluster', ecs.cluster, ECS_NAME, TEXT.ecsName, REQUIRED);
  checkPattern(
    out,
    'INVALID_NAME',
    path,
    'meshSecurityGroup',
    ecs.meshSecurityGroup,
    SECURITY_GROUP_NAME,
    TEXT.securityGroupName,
    REQUIRED,
  );
  checkPattern(out, 'INVALID_NAME', path, 'logGroup', ecs.logGroup, LOG_GROUP_NAME, TEXT.logGroup, REQUIRED);
  if (
    ecs.logRetentionDays !== undefined &&
    !(LOG_RETENTION_DAYS as readonly number[]).includes(ecs.logRetentionDays)
  ) {
    out.push(
      issue(
        'INVALID_VALUE',
        path,
        `one of ${LOG_RETENTION_DAYS.join(', ')} days`,
        show(ecs.logRetentionDays),
        {
          field: 'logRetentionDays',
        },
      ),
    );
  }
  checkPattern(
    out,
    'INVALID_VALUE',
    path,
    'envoyImage',
    ecs.envoyImage,
    IMAGE,
    'a container image reference',
    REQUIRED,
  );
  checkPattern(
    out,
    'INVALID_NAME',
    path,
    'executionRoleName',
    ecs.executionRoleName,
    IAM_ROLE_NAME,
    TEXT.iamRole,
    REQUIRED,
  );
  checkOneOf(out, 'INVALID_VALUE', path, 'launchType', ecs.launchType, ['FARGATE'], REQUIRED);
}

function checkCommonTask(
  context: ValidationContext,
  out: PlanIssue[],
  path: string,
  task: TaskCommonDefinition,
): void {
  checkPattern(out, 'INVALID_NAME', path, 'family', task.family, ECS_NAME, TEXT.ecsName, REQUIRED);
  checkPattern(out, 'INVALID_NAME', path, 'serviceName', task.serviceName, ECS_NAME, TEXT.ecsName, REQUIRED);
  checkPattern(
    out,
    'INVALID_NAME',
    path,
    'taskRoleName',
    task.taskRoleName,
    IAM_ROLE_NAME,
    TEXT.iamRole,
    REQUIRED,
  );
  checkInteger(out, 'INVALID_VALUE', path, 'desiredCount', task.desiredCount, 0, undefined, REQUIRED);
  checkSubnets(out, path, 'subnets', task.subnets);
  checkOneOf(out, 'INVALID_VALUE', path, 'envoyAccess', task.envoyAccess, ['scoped', 'managed'], REQUIRED);
  checkPattern(
    out,
    'INVALID_VALUE',
    path,
    'envoy.image',
    task.envoy.image,
    IMAGE,
    'a container image reference',
  );
  checkInteger(out, 'INVALID_VALUE', path, 'envoy.cpu', task.envoy.cpu, 0);
  checkInteger(out, 'INVALID_VALUE', path, 'envoy.memory', task.envoy.memory, 6);
  checkContainerEnvironment(out, path, 'envoy.environment', task.envoy.environment);
  task.securityGroups.forEach((group, index) => {
    if (SECURITY_GROUP_ID.test(group) || context.securityGroups.has(group)) return;
    const declared = [...context.securityGroups].map((name) => show(name)).join(', ');
    out.push(
      issue(
        'UNKNOWN_SECURITY_GROUP',
        path,
        `a security group id like "sg-0123456789abcdef0" or a group this plan creates${declared ? ` (${declared})` : ''}`,
        show(group),
        { field: `securityGroups[${index}]` },
      ),
    );
  });
}

function checkContainer(
  out: PlanIssue[],
  path: string,
  index: number,
  container: AppContainerDefinition,
  listeners: { readonly listenerPorts: readonly number[]; readonly hasListener: boolean },
  nodeName: string,
): void {
  const { listenerPorts, hasListener } = listeners;
  const at = `containers[${index}]`;
  if (
    checkPattern(
      out,
      'INVALID_NAME',
      path,
      field(at, 'name'),
      container.name,
      ECS_NAME,
      TEXT.ecsName,
      REQUIRED,
    )
  ) {
    if (container.name === 'envoy') {
      out.push(
        issue('INVALID_NAME', path, 'a container name other than "envoy"', show(container.name), {
          field: field(at, 'name'),
          explanation: 'The Envoy sidecar is named "envoy"; the proxy configuration points at it by name.',
        }),
      );
    }
  }
  checkPattern(
    out,
    'INVALID_VALUE',
    path,
    field(at, 'image'),
    container.image,
    IMAGE,
    'a container image reference',
    REQUIRED,
  );
  checkInteger(out, 'INVALID_VALUE', path, field(at, 'cpu'), container.cpu, 0);
  checkInteger(out, 'INVALID_VALUE', path, field(at, 'memory'), container.memory, 6);
  checkContainerEnvironment(out, path, field(at, 'environment'), container.environment);
  const port = container.port;
  if (port !== undefined && checkPort(out, path, field(at, 'port'), port)) {
    if (ENVOY_PORTS.includes(port)) {
      out.push(
        issue('INVALID_PORT', path, `a port other than Envoy's ${ENVOY_PORTS.join(', ')}`, show(port), {
          field: field(at, 'port'),
          explanation:
            'Envoy uses 9901 (admin), 15000 (ingress) and 15001 (egress) in the same network namespace.',
        }),
      );
    } else if (!hasListener) {
      out.push(
        issue(
          'MISSING_LISTENER',
          path,
          `a listener on node ${show(nodeName)} for app port ${port}`,
          'no listener',
          {
            field: field(at, 'port'),
            severity: 'warning',
            explanation:
              'Without a listener nothing in the mesh can reach this app; it can still call its backends.',
          },
        ),
      );
    } else if (listenerPorts.length > 0 && !listenerPorts.includes(port)) {
      out.push(
        issue(
          'INVALID_PORT',
          path,
          `one of node ${show(nodeName)}'s listener ports (${listenerPorts.join(', ')})`,
          show(port),
          {
            field: field(at, 'port'),
            severity: 'warning',
            explanation:
              'Envoy forwards inbound traffic to the listener port, so an app on another port gets none of it.',
          },
        ),
      );
    }
  }
  const check = container.healthCheck;
  if (check) {
    const hc = field(at, 'healthCheck');
    checkListSize(
      out,
      'INVALID_VALUE',
      path,
      field(hc, 'command'),
      check.command,
      1,
      Number.POSITIVE_INFINITY,
      REQUIRED,
    );
    checkInteger(out, 'INVALID_VALUE', path, field(hc, 'interval'), check.interval, 5, 300);
    checkInteger(out, 'INVALID_VALUE', path, field(hc, 'timeout'), check.timeout, 2, 60);
    checkInteger(out, 'INVALID_VALUE', path, field(hc, 'retries'), check.retries, 1, 10);
    checkInteger(out, 'INVALID_VALUE', path, field(hc, 'startPeriod'), check.startPeriod, 0, 300);
  }
}

function checkNodeTask(
  context: ValidationContext,
  out: PlanIssue[],
  node: VirtualNodeDefinition,
  task: NodeTaskDefinition,
): void {
  const path = paths.nodeTask(context.mesh, node.name);
  checkCommonTask(context, out, path, task);
  checkOneOf(
    out,
    'INVALID_VALUE',
    path,
    'startOrder',
    task.startOrder,
    ['envoy-first', 'app-first'],
    REQUIRED,
  );
  if (task.containers.length === 0) {
    out.push(
      issue('INVALID_VALUE', path, 'at least one application container', '0 containers', {
        field: 'containers',
        explanation: 'A node task runs the application next to Envoy; a task of Envoy alone is a gateway.',
      }),
    );
  }
  // Only valid ports: an out-of-range listener port is reported once, by the listeners rule.
  const listenerPorts = node.listeners
    .map((listener) => listener.portMapping?.port)
    .filter((port): port is number => Number.isInteger(port) && (port ?? 0) >= 1 && (port ?? 0) <= 65535);
  const hasListener = node.listeners.length > 0;
  const seen = new Map<string, number>();
  task.containers.forEach((container, index) => {
    checkContainer(out, path, index, container, { listenerPorts, hasListener }, node.name);
    const first = seen.get(container.name);
    if (first === undefined) seen.set(container.name, index);
    else {
      out.push(
        issue(
          'DUPLICATE_NAME',
          path,
          'a container name not used elsewhere in the task',
          `${show(container.name)}, already used by containers[${first}]`,
          {
            field: `containers[${index}].name`,
          },
        ),
      );
    }
  });
  if (task.startOrder === 'app-first' && !task.containers.some((container) => container.healthCheck)) {
    out.push(
      issue(
        'INVALID_VALUE',
        path,
        'a container health check when Envoy waits for the app',
        'no container health check',
        {
          field: 'startOrder',
          explanation:
            'With "app-first", Envoy depends on the app being HEALTHY, which ECS only knows from a health check.',
        },
      ),
    );
  }
}

function checkGatewayTask(
  context: ValidationContext,
  out: PlanIssue[],
  gateway: VirtualGatewayDefinition,
  task: GatewayTaskDefinition,
): void {
  const path = paths.gatewayTask(context.mesh, gateway.name);
  checkCommonTask(context, out, path, task);
  checkPattern(
    out,
    'INVALID_NAME',
    path,
    'securityGroupName',
    task.securityGroupName,
    SECURITY_GROUP_NAME,
    TEXT.securityGroupName,
    REQUIRED,
  );
  task.ingressCidrs.forEach((cidr, index) => {
    checkPattern(out, 'INVALID_VALUE', path, `ingressCidrs[${index}]`, cidr, CIDR, TEXT.cidr);
  });
  const balancer = task.loadBalancer;
  if (!balancer) return;
  checkPattern(
    out,
    'INVALID_NAME',
    path,
    'loadBalancer.name',
    balancer.name,
    LOAD_BALANCER_NAME,
    TEXT.loadBalancerName,
    REQUIRED,
  );
  checkPattern(
    out,
    'INVALID_NAME',
    path,
    'loadBalancer.targetGroupName',
    balancer.targetGroupName,
    TARGET_GROUP_NAME,
    TEXT.targetGroupName,
    REQUIRED,
  );
  checkOneOf(
    out,
    'INVALID_VALUE',
    path,
    'loadBalancer.scheme',
    balancer.scheme,
    ['internet-facing', 'internal'],
    REQUIRED,
  );
  checkSubnets(out, path, 'loadBalancer.subnets', balancer.subnets, REQUIRED);
  if (balancer.port !== undefined && checkPort(out, path, 'loadBalancer.port', balancer.port)) {
    const ports = (gateway.spec.listeners ?? []).map((listener) => listener.portMapping?.port);
    if (ports.length > 0 && !ports.includes(balancer.port)) {
      out.push(
        issue(
          'INVALID_PORT',
          path,
          `a listener port of gateway ${show(gateway.name)} (${ports.join(', ')})`,
          show(balancer.port),
          {
            field: 'loadBalancer.port',
            explanation:
              'The target group sends traffic to the gateway task on this port, where Envoy must be listening.',
          },
        ),
      );
    }
  }
}

function missingEnvironment(path: string, owner: string): PlanIssue {
  return issue(
    'MISSING_ECS_ENVIRONMENT',
    path,
    'an ECS environment (region, account, VPC, subnets, cluster)',
    'nothing',
    {
      explanation: `${owner} has a task, and tasks need the environment they run in.`,
    },
  );
}

export function checkEcs(context: ValidationContext): PlanIssue[] {
  const out: PlanIssue[] = [];
  const { definition, mesh } = context;
  checkEnvironment(context, out);
  const { nodes } = definition;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as VirtualNodeDefinition;
    if (!node.task) continue;
    if (!definition.ecs)
      out.push(missingEnvironment(paths.nodeTask(mesh, node.name), `Node ${show(node.name)}`));
    checkNodeTask(context, out, node, node.task);
  }
  for (const gateway of definition.gateways) {
    if (!gateway.task) continue;
    if (!definition.ecs) {
      out.push(missingEnvironment(paths.gatewayTask(mesh, gateway.name), `Gateway ${show(gateway.name)}`));
    }
    checkGatewayTask(context, out, gateway, gateway.task);
  }
  return out;
}
