/**
 * The VPC Lattice part of the Lattice plans. In `service-connect+vpc-lattice` every virtual service a
 * router provides becomes a Lattice service (named after it with the plan's name suffix, its name
 * kept as the custom domain name) in one service network of the plan, with the router's listener,
 * one rule per route and one IP target group per target node, in which ECS registers that node's
 * tasks (the ECS services' `vpcLatticeConfigurations`, through an ECS infrastructure role); nodes
 * keep Service Connect. In `vpc-lattice` the virtual services nodes provide are Lattice services
 * too: one listener per node listener, forwarding to the node's target group. With AWS_IAM auth,
 * auth.ts adds the policies.
 */
import type { VpcLatticeConfiguration } from '@aws-sdk/client-ecs';
import type { RuleAction } from '@aws-sdk/client-vpc-lattice';
import type {
  MeshDefinition,
  Tags,
  VirtualNodeDefinition,
  VirtualServiceDefinition,
} from '../../definition/mesh-definition.js';
import { paths } from '../../definition/paths.js';
import { managedPolicyArns, planNameOf, resourceIds } from '../../plan/names.js';
import { planned } from '../../plan/planned.js';
import { ECS_TRUST_POLICY } from '../../plan/policies.js';
import { type PlannedResource, ref } from '../../plan/resource.js';
import { iamRoleResource } from '../../plan/resources/iam-role.js';
import { iamRolePolicyAttachmentResource } from '../../plan/resources/iam-role-policy-attachment.js';
import { issue, type PlanIssue, show } from '../../validate/issue.js';
import type { ServiceConnectMapping } from '../service-connect/endpoints.js';
import { type LatticeServiceOfPlan, latticeAuth } from './auth.js';
import { latticeIngress } from './lattice-ingress.js';
import { checkLatticeName, latticeName, latticeServiceName } from './limits.js';
import { nodeListeners } from './node-listeners.js';
import { routeRules } from './route-rules.js';
import { healthCheckOf, protocolVersionOf } from './target-group-config.js';

const MAX_ROLE_NAME = 64;

export interface LatticeRoutingInput {
  /** The definition with the plan's names (green-names.ts). */
  readonly definition: MeshDefinition;
  readonly mapping: ServiceConnectMapping;
  /** The name suffix of the plan, for the role and the Lattice services it creates. */
  readonly nameSuffix: string;
  readonly tags: Tags;
  /** Target `vpc-lattice`: the virtual services nodes provide are Lattice services too. */
  readonly nodeServices?: boolean;
  /** @see VpcLatticeOptions.auth */
  readonly auth?: 'NONE' | 'AWS_IAM';
}

export interface LatticeRouting {
  readonly resources: readonly PlannedResource[];
  /** Errors (the plan stops) and warnings (what Lattice does differently). */
  readonly issues: readonly PlanIssue[];
  /** By node name: its ECS service's `vpcLatticeConfigurations` and what they need first. */
  readonly ecsServices: ReadonlyMap<
    string,
    { readonly configurations: VpcLatticeConfiguration[]; readonly dependsOn: string[] }
  >;
  /** AWS_IAM auth: by task role name, the policy letting it invoke the services it calls. */
  readonly callerPolicies: ReadonlyMap<string, PlannedResource<'iamRolePolicy'>>;
}

/** The ECS infrastructure role ECS registers the tasks with, suffixed like the plan's other names. */
export function latticeRoleName(meshName: string, nameSuffix: string): string {
  return `${meshName}-ecs-lattice-role${nameSuffix}`;
}

export function latticeRouting({
  definition,
  mapping,
  nameSuffix,
  tags,
  nodeServices = false,
  auth = 'NONE',
}: LatticeRoutingInput): LatticeRouting {
  const resources: PlannedResource[] = [];
  const issues: PlanIssue[] = [];
  const ecsServices = new Map<string, { configurations: VpcLatticeConfiguration[]; dependsOn: string[] }>();
  const callerPolicies = new Map<string, PlannedResource<'iamRolePolicy'>>();
  const { ecs } = definition;
  const routed = [...definition.services]
    .filter(
      (service) =>
        service.provider.kind === 'virtualRouter' ||
        (nodeServices && service.provider.kind === 'virtualNode'),
    )
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (ecs === undefined || routed.length === 0) return { resources, issues, ecsServices, callerPolicies };
  const meshPath = paths.mesh(definition.name);

  // --- The service network (the mesh's boundary) and its VPC association with the mesh's group.
  const networkName = latticeName(planNameOf(definition), 'serviceNetwork');
  issues.push(...checkLatticeName('serviceNetwork', networkName, meshPath, 'plan'));
  const network = planned(
    'latticeServiceNetwork',
    resourceIds.latticeServiceNetwork(networkName),
    networkName,
    [],
    { name: networkName, authType: auth, tags },
  );
  const groupId = resourceIds.securityGroup(ecs.meshSecurityGroup);
  resources.push(
    network,
    planned(
      'latticeVpcAssociation',
      resourceIds.latticeVpcAssociation(networkName, ecs.vpcId),
      ecs.vpcId,
      [network.id, groupId],
      {
        serviceNetworkIdentifier: ref(network.id, 'id'),
        vpcIdentifier: ecs.vpcId,
        securityGroupIds: [ref(groupId, 'id')],
        tags,
      },
    ),
  );

  // --- The ECS infrastructure role ECS registers the tasks with.
  const roleName = latticeRoleName(definition.name, nameSuffix);
  if (roleName.length > MAX_ROLE_NAME)
    issues.push(
      issue(
        'INVALID_NAME',
        meshPath,
        `an ECS infrastructure role name of at most ${MAX_ROLE_NAME} characters (IAM's limit)`,
        `${show(roleName)} (${roleName.length} characters)`,
        { explanation: 'Choose a shorter mesh name or name suffix.' },
      ),
    );
  const role = iamRoleResource(
    roleName,
    `ECS infrastructure role of mesh ${definition.name}: tasks in VPC Lattice target groups`,
    tags,
    ECS_TRUST_POLICY,
  );
  const attachment = iamRolePolicyAttachmentResource(roleName, managedPolicyArns.ecsVpcLattice(ecs.region));
  resources.push(role, attachment);

  // --- One IP target group per target node (and listener port), made when a rule first needs it.
  const nodes = new Map(definition.nodes.map((node) => [node.name, node]));
  const groups = new Map<string, string>(); // node#port -> target group id
  const groupOwners = new Map<string, string>(); // target group name -> node
  const registeredPorts = new Map<string, number[]>(); // node -> ports of the groups its tasks are in
  const groupServices = new Map<string, string>(); // target group id -> the Lattice service using it
  /** `user`: the Lattice service forwarding to it, and the path of what makes it forward. */
  const targetGroup = (
    node: VirtualNodeDefinition,
    port: number | undefined,
    user: { readonly serviceName: string; readonly path: string },
  ): string | undefined => {
    const id = nodeTargetGroup(node, port);
    if (id === undefined) return undefined;
    const other = groupServices.get(id);
    if (other !== undefined && other !== user.serviceName)
      issues.push(
        issue(
          'UNSUPPORTED_BY_TARGET',
          user.path,
          'a target group only one VPC Lattice service forwards to',
          `target group ${show(id.slice(id.lastIndexOf('/') + 1))}, also forwarded to by VPC Lattice service ${show(other)}`,
          {
            explanation: `Lattice refuses a target group in use by another service's listener, and a node's tasks are in one target group per port: route to virtual node ${node.name} from one Lattice service only (one router, or its own virtual service), or use target 'service-connect'.`,
          },
        ),
      );
    groupServices.set(id, other ?? user.serviceName);
    return id;
  };
  const nodeTargetGroup = (node: VirtualNodeDefinition, port: number | undefined): string | undefined => {
    const listeners = node.listeners.filter((candidate) => candidate.portMapping?.port !== undefined);
    const listener = listeners.find((candidate) => candidate.portMapping?.port === port) ?? listeners[0];
    const listenerPort = listener?.portMapping?.port;
    if (listener === undefined || listenerPort === undefined) return undefined;
    const key = `${node.name}#${listenerPort}`;
    const known = groups.get(key);
    if (known !== undefined) return known;
    const nodePath = paths.virtualNode(definition.name, node.name);
    const base = `${planNameOf(definition)}-${node.name}`;
    const name = latticeName(listeners.length > 1 ? `${base}-${listenerPort}` : base, 'targetGroup');
    issues.push(...checkLatticeName('targetGroup', name, nodePath));
    const owner = groupOwners.get(name);
    if (owner !== undefined && owner !== node.name)
      issues.push(
        issue(
          'DUPLICATE_NAME',
          nodePath,
          'a VPC Lattice target group name unique in the plan',
          `${show(name)}, also virtual node ${show(owner)}'s`,
          {
            explanation: 'Target groups are named <plan>-<node>, lowercased, with other characters as -.',
          },
        ),
      );
    groupOwners.set(name, node.name);
    const health = healthCheckOf(listener);
    issues.push(
      ...health.lost.map((what) =>
        issue('CHANGED_BY_TARGET', nodePath, 'a health check VPC Lattice can run', what, {
          field: `listeners[${node.listeners.indexOf(listener)}].healthCheck`,
          severity: 'warning',
        }),
      ),
    );
    const group = planned('latticeTargetGroup', resourceIds.latticeTargetGroup(name), name, [], {
      name,
      type: 'IP',
      config: {
        port: listenerPort,
        protocol: 'HTTP',
        protocolVersion: protocolVersionOf(listener),
        vpcIdentifier: ecs.vpcId,
        healthCheck: health.config,
      },
      tags,
    });
    resources.push(group);
    groups.set(key, group.id);
    registerTasks(node, listenerPort, group.id);
    return group.id;
  };
  const registerTasks = (node: VirtualNodeDefinition, port: number, groupId: string) => {
    const endpoint = mapping.endpoints.get(node.name)?.find((candidate) => candidate.port === port);
    if (node.task === undefined || endpoint === undefined) {
      issues.push(
        issue(
          'CHANGED_BY_TARGET',
          paths.virtualNode(definition.name, node.name),
          'tasks ECS registers in its VPC Lattice target group',
          'none: the node has no task',
          {
            severity: 'warning',
            explanation:
              'Its target group stays empty: requests routed to it get 503 until targets are registered.',
          },
        ),
      );
      return;
    }
    const entry = ecsServices.get(node.name) ?? { configurations: [], dependsOn: [role.id, attachment.id] };
    entry.configurations.push({
      roleArn: ref(role.id, 'arn'),
      targetGroupArn: ref(groupId, 'arn'),
      portName: endpoint.portName,
    });
    entry.dependsOn.push(groupId);
    ecsServices.set(node.name, entry);
    registeredPorts.set(node.name, [...(registeredPorts.get(node.name) ?? []), port]);
  };

  // --- One Lattice service per virtual service: its association, then a router's listener and
  // rules, or a node's listeners forwarding to its target group.
  const serviceOwners = new Map<string, string>();
  const latticeServices: LatticeServiceOfPlan[] = [];
  const latticeService = (virtualService: VirtualServiceDefinition) => {
    const servicePath = paths.virtualService(definition.name, virtualService.name);
    const serviceName = latticeServiceName(virtualService.name, nameSuffix);
    issues.push(
      ...checkLatticeName(
        'service',
        serviceName,
        servicePath,
        undefined,
        nameSuffix === ''
          ? "It is made from the virtual service's name."
          : `It is the virtual service's name with the plan's name suffix ${show(nameSuffix)}, which keeps it apart from the other plans' services in the account: choose a shorter virtual service name or ${nodeServices ? 'vpcLattice' : 'serviceConnect'}.nameSuffix.`,
      ),
    );
    const owner = serviceOwners.get(serviceName);
    if (owner !== undefined)
      issues.push(
        issue(
          'DUPLICATE_NAME',
          servicePath,
          'a VPC Lattice service name unique in the plan',
          `${show(serviceName)}, also virtual service ${show(owner)}'s`,
          {
            explanation:
              "Lattice services are named after the virtual service with the plan's name suffix, lowercased, with other characters as -.",
          },
        ),
      );
    serviceOwners.set(serviceName, virtualService.name);
    const service = planned('latticeService', resourceIds.latticeService(serviceName), serviceName, [], {
      name: serviceName,
      customDomainName: virtualService.name,
      authType: auth,
      tags,
    });
    resources.push(
      service,
      planned(
        'latticeServiceAssociation',
        resourceIds.latticeServiceAssociation(networkName, serviceName),
        serviceName,
        [network.id, service.id],
        { serviceIdentifier: ref(service.id, 'id'), serviceNetworkIdentifier: ref(network.id, 'id'), tags },
      ),
    );
    latticeServices.push({ virtualService: virtualService.name, id: service.id });
    issues.push(
      issue(
        'CHANGED_BY_TARGET',
        servicePath,
        'callers keep calling this name',
        `VPC Lattice service ${show(serviceName)} with custom domain name ${show(virtualService.name)}`,
        {
          severity: 'warning',
          explanation: `Create a DNS record in the VPC: ${virtualService.name} CNAME to the Lattice service's DNS name (its dnsEntry.domainName, known once created).`,
        },
      ),
    );
    return { serviceName, service };
  };
  const latticeListener = (
    serviceName: string,
    serviceId: string,
    protocol: string,
    port: number,
    defaultAction: RuleAction,
    dependsOn: readonly string[] = [],
  ) => {
    const listenerName = `${protocol}-${port}`;
    const made = planned(
      'latticeListener',
      resourceIds.latticeListener(serviceName, listenerName),
      listenerName,
      [serviceId, ...dependsOn],
      {
        serviceIdentifier: ref(serviceId, 'id'),
        name: listenerName,
        protocol: 'HTTP',
        port,
        defaultAction,
        tags,
      },
    );
    resources.push(made);
    return made;
  };

  for (const virtualService of routed) {
    const { provider } = virtualService;
    if (provider.kind === 'virtualNode') {
      const node = nodes.get(provider.name);
      if (node === undefined) continue; // UNKNOWN_PROVIDER, reported by the definition's validation
      const listeners = nodeListeners(definition, virtualService, node, issues);
      if (listeners.length === 0) continue;
      const { serviceName, service } = latticeService(virtualService);
      for (const { port, protocol } of listeners) {
        const user = { serviceName, path: paths.virtualService(definition.name, virtualService.name) };
        const groupId = targetGroup(node, port, user) as string;
        latticeListener(
          serviceName,
          service.id,
          protocol,
          port,
          { forward: { targetGroups: [{ targetGroupIdentifier: ref(groupId, 'id'), weight: 100 }] } },
          [groupId],
        );
      }
      continue;
    }
    const routerName = provider.kind === 'virtualRouter' ? provider.name : undefined;
    const router = definition.routers.find((candidate) => candidate.name === routerName);
    if (router === undefined) continue; // UNKNOWN_PROVIDER, reported by the definition's validation
    const routerPath = paths.virtualRouter(definition.name, router.name);
    const listener = router.listeners[0]?.portMapping;
    if (listener?.port === undefined || listener.protocol === undefined) continue; // MISSING_LISTENER
    if (listener.protocol === 'tcp') {
      issues.push(
        issue(
          'UNSUPPORTED_BY_TARGET',
          routerPath,
          'a router listener VPC Lattice can route (http, http2 or grpc)',
          'tcp',
          {
            field: 'listeners[0].portMapping.protocol',
            explanation: "Lattice rules match HTTP requests; use target 'service-connect' for a TCP router.",
          },
        ),
      );
      continue;
    }
    if (router.listeners.length > 1)
      issues.push(
        issue(
          'CHANGED_BY_TARGET',
          routerPath,
          'one VPC Lattice listener per router listener',
          `${router.listeners.length} listeners: only port ${listener.port} is on Lattice`,
          {
            field: 'listeners',
            severity: 'warning',
          },
        ),
      );
    const { serviceName, service } = latticeService(virtualService);
    const made = latticeListener(serviceName, service.id, listener.protocol, listener.port, {
      fixedResponse: { statusCode: 404 },
    });
    issues.push(
      ...routeRules(
        definition,
        router,
        serviceName,
        service.id,
        made.id,
        nodes,
        targetGroup,
        resources,
        tags,
      ),
    );
  }
  if (auth === 'AWS_IAM') {
    const secured = latticeAuth(definition, network.id, latticeServices);
    resources.push(...secured.resources);
    issues.push(...secured.issues);
    for (const [role, policy] of secured.callerPolicies) callerPolicies.set(role, policy);
  }
  if (ecsServices.size === 0) {
    // No task to register: no role for ECS to register with.
    const unused = new Set([role.id, attachment.id]);
    return { resources: resources.filter((r) => !unused.has(r.id)), issues, ecsServices, callerPolicies };
  }
  resources.push(...latticeIngress(ecs.meshSecurityGroup, ecs.region, registeredPorts, ecsServices, tags));
  return { resources, issues, ecsServices, callerPolicies };
}
