/**
 * VPC Lattice with `authType: AWS_IAM`: App Mesh's backends allow-list enforced again, by IAM.
 * The service network admits signed requests of the account's principals only; each Lattice
 * service's auth policy allows exactly the task roles of the nodes that list its virtual service as
 * a backend, and each of those roles may invoke exactly those services (Lattice needs both allows).
 * Policies name services by ARN: a plan reference, known once the service exists.
 */
import type {
  MeshDefinition,
  NodeTaskDefinition,
  VirtualGatewayDefinition,
} from '../../definition/mesh-definition.js';
import { paths } from '../../definition/paths.js';
import { planContext, resolveServiceName } from '../../plan/context.js';
import { iamRoleArn, inlinePolicyNames, partitionOf, resourceIds } from '../../plan/names.js';
import { planned } from '../../plan/planned.js';
import { type PlannedResource, ref, refsInText } from '../../plan/resource.js';
import { iamRolePolicyResource } from '../../plan/resources/iam-role-policy.js';
import { issue, type PlanIssue } from '../../validate/issue.js';
import { becomesAlb } from '../alb/gateway-alb.js';

/** The quota "Auth policy size": 10 KB. */
export const MAX_AUTH_POLICY_BYTES = 10 * 1024;
const INVOKE = 'vpc-lattice-svcs:Invoke';

/** A Lattice service of the plan and the virtual service it answers for. */
export interface LatticeServiceOfPlan {
  readonly virtualService: string;
  /** The plan id of its `latticeService` resource. */
  readonly id: string;
}

export interface LatticeAuth {
  readonly resources: readonly PlannedResource[];
  readonly issues: readonly PlanIssue[];
  /** By task role name: its `vpc-lattice-invoke` policy, granted with the role's other permissions. */
  readonly callerPolicies: ReadonlyMap<string, PlannedResource<'iamRolePolicy'>>;
}

/** `arn:aws:vpc-lattice:<region>:<account>:service/svc-<17>`: the longest a reference can become. */
function serviceArnLength(region: string, accountId: string): number {
  return `arn:${partitionOf(region)}:vpc-lattice:${region}:${accountId}:service/svc-${'0'.repeat(17)}`.length;
}

/** Every request must be signed by a principal of this account: anonymous callers are refused. */
export function serviceNetworkAuthPolicy(accountId: string, region: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:${partitionOf(region)}:iam::${accountId}:root` },
        Action: INVOKE,
        Resource: '*',
      },
    ],
  });
}

/**
 * A service's auth policy: these roles may invoke every path of it. No caller: an explicit deny,
 * so the service answers nobody until a node lists it (AWS_IAM with no policy denies too, but
 * says nothing of why).
 */
export function serviceAuthPolicy(serviceArn: string, roleArns: readonly string[]): string {
  const resource = `${serviceArn}/*`;
  const statement =
    roleArns.length === 0
      ? { Effect: 'Deny', Principal: '*', Action: INVOKE, Resource: resource }
      : { Effect: 'Allow', Principal: { AWS: [...roleArns].sort() }, Action: INVOKE, Resource: resource };
  return JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
}

/** A caller's identity policy: it may invoke every path of these services. */
export function invokePolicy(serviceArns: readonly string[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: INVOKE, Resource: [...serviceArns].sort().map((arn) => `${arn}/*`) },
    ],
  });
}

export function latticeAuth(
  definition: MeshDefinition,
  networkId: string,
  services: readonly LatticeServiceOfPlan[],
): LatticeAuth {
  const { ecs } = definition;
  const resources: PlannedResource[] = [];
  const issues: PlanIssue[] = [];
  const callerPolicies = new Map<string, PlannedResource<'iamRolePolicy'>>();
  if (ecs === undefined || services.length === 0) return { resources, issues, callerPolicies };
  const scope = { region: ecs.region, accountId: ecs.accountId };
  const maxArn = serviceArnLength(ecs.region, ecs.accountId);
  // The size AWS sees: every reference resolved to an ARN of the longest form.
  const resolvedSize = (policy: string) =>
    Buffer.byteLength(policy) +
    refsInText(policy).reduce((extra, token) => extra + maxArn - (token.end - token.start), 0);

  resources.push(
    planned('latticeAuthPolicy', resourceIds.latticeAuthPolicy(networkId), 'service-network', [networkId], {
      resourceIdentifier: ref(networkId, 'id'),
      policy: serviceNetworkAuthPolicy(ecs.accountId, ecs.region),
    }),
  );

  // Who calls each Lattice service: the nodes (with a task, hence a role) listing it as a backend.
  const context = planContext(definition);
  const latticeIds = new Map(services.map((service) => [service.virtualService, service.id]));
  const callers = new Map<string, Set<string>>(); // virtual service -> task role names
  const calls = new Map<string, Set<string>>(); // task role name -> Lattice service ids
  for (const node of [...definition.nodes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const wanted = node.backends
      .map((backend) => resolveServiceName(context, backend.ref))
      .filter((name) => latticeIds.has(name));
    if (wanted.length === 0) continue;
    const nodePath = paths.virtualNode(definition.name, node.name);
    const task: NodeTaskDefinition | undefined = node.task;
    if (task === undefined) {
      issues.push(
        issue(
          'CHANGED_BY_TARGET',
          nodePath,
          'a task role the VPC Lattice auth policies can allow',
          'none: the node has no ECS task',
          {
            field: 'backends',
            severity: 'warning',
            explanation: `Its calls to ${[...new Set(wanted)].sort().join(', ')} are refused unless signed by a principal you add to their auth policies.`,
          },
        ),
      );
      continue;
    }
    for (const name of wanted) {
      callers.set(name, (callers.get(name) ?? new Set()).add(task.taskRoleName));
      calls.set(
        task.taskRoleName,
        (calls.get(task.taskRoleName) ?? new Set()).add(latticeIds.get(name) as string),
      );
    }
    issues.push(
      issue(
        'CHANGED_BY_TARGET',
        nodePath,
        'requests sent as they were on App Mesh',
        `requests to ${[...new Set(wanted)].sort().join(', ')} through VPC Lattice with AWS_IAM auth`,
        {
          field: 'backends',
          severity: 'warning',
          explanation: `The application must sign them with SigV4 (service vpc-lattice-svcs) using its task role's credentials (${task.taskRoleName}); unsigned requests get 403.`,
        },
      ),
    );
  }

  for (const service of services) {
    const roles = [...(callers.get(service.virtualService) ?? [])].sort();
    const policy = serviceAuthPolicy(
      ref(service.id, 'arn'),
      roles.map((role) => iamRoleArn(scope, role)),
    );
    const servicePath = paths.virtualService(definition.name, service.virtualService);
    const size = resolvedSize(policy);
    if (size > MAX_AUTH_POLICY_BYTES)
      issues.push(
        issue(
          'QUOTA_EXCEEDED',
          servicePath,
          `a VPC Lattice auth policy of at most ${MAX_AUTH_POLICY_BYTES} bytes (the quota "Auth policy size")`,
          `about ${size} bytes: ${roles.length} caller task roles`,
          { explanation: 'Share a task role between callers, or shorten the task role names.' },
        ),
      );
    if (roles.length === 0) {
      const gateways = gatewaysTargeting(definition, service.virtualService);
      const onAlb = gateways.filter(becomesAlb).map((gateway) => gateway.name);
      const other = gateways.filter((gateway) => !becomesAlb(gateway)).map((gateway) => gateway.name);
      issues.push(
        issue(
          'CHANGED_BY_TARGET',
          servicePath,
          'callers allowed by its VPC Lattice auth policy',
          'none: no virtual node lists it as a backend',
          {
            severity: 'warning',
            explanation: [
              'Its auth policy denies every caller, as App Mesh refused nodes that did not list it: add it to the backends of the nodes that call it.',
              ...(onAlb.length === 0
                ? []
                : [
                    `Virtual gateway ${onAlb.join(', ')} routes to it through its ALB, which forwards to the tasks directly, not through Lattice: the policy does not apply to those requests.`,
                  ]),
              ...(other.length === 0
                ? []
                : [
                    `Virtual gateway ${other.join(', ')} routes to it: a caller entering there must reach its tasks without Lattice or be added to the policy.`,
                  ]),
            ].join(' '),
          },
        ),
      );
    }
    resources.push(
      planned(
        'latticeAuthPolicy',
        resourceIds.latticeAuthPolicy(service.id),
        service.virtualService,
        [service.id, ...roles.map((role) => resourceIds.iamRole(role))],
        { resourceIdentifier: ref(service.id, 'id'), policy },
      ),
    );
  }

  for (const [role, ids] of calls) {
    const arns = [...ids].map((id) => ref(id, 'arn'));
    // The ARNs are references: the services come first.
    callerPolicies.set(
      role,
      iamRolePolicyResource(role, inlinePolicyNames.latticeInvoke, invokePolicy(arns), [...ids]),
    );
  }
  return { resources, issues, callerPolicies };
}

/** The gateways with a route to this virtual service, by name. */
function gatewaysTargeting(definition: MeshDefinition, virtualService: string): VirtualGatewayDefinition[] {
  type Target = { action?: { target?: { virtualService?: { virtualServiceName?: string } } } };
  return definition.gateways
    .filter((gateway) =>
      gateway.routes.some((route) => {
        const member = (route.spec.httpRoute ?? route.spec.http2Route ?? route.spec.grpcRoute) as
          | Target
          | undefined;
        return member?.action?.target?.virtualService?.virtualServiceName === virtualService;
      }),
    )
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
