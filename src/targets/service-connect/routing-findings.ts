/** Report entries for virtual services, virtual routers and every route. */
import type {
  RouteDefinition,
  VirtualRouterDefinition,
  VirtualServiceDefinition,
} from '../../definition/mesh-definition.js';
import { paths } from '../../definition/paths.js';
import type { MigrationAlternative } from '../../report/migration-report.js';
import { latticeRouteEntries, latticeServiceEntries } from '../vpc-lattice/migration-findings.js';
import { isCatchAll, type ServiceConnectEndpoint } from './endpoints.js';
import {
  compareText,
  entry,
  listText,
  type MigrationContext,
  placeholder,
  type ServiceConnectEntry,
  sortedByName,
} from './migration-context.js';
import {
  albGaps,
  albRule,
  describeRetryPolicy,
  describeRouteTimeouts,
  latticeGaps,
  latticeHealthCheck,
  latticeName,
  latticeRule,
  routeMember,
  scaledWeights,
  targetGroupPlaceholder,
} from './route-alternatives.js';

export function routingFindings(context: MigrationContext): ServiceConnectEntry[] {
  return [
    ...sortedByName(context.definition.services).flatMap((service) =>
      service.provider.kind !== 'none' && context.lattice?.services.has(service.name) === true
        ? latticeServiceEntries(context, service)
        : serviceEntries(context, service),
    ),
    ...sortedByName(context.definition.routers).flatMap((router) =>
      onLattice(context, router) ? latticeRouteEntries(context, router) : routeEntries(context, router),
    ),
  ];
}

/** The router's virtual services are Lattice services (every router's, on the Lattice targets). */
function onLattice(context: MigrationContext, router: VirtualRouterDefinition): boolean {
  return context.definition.services.some(
    (service) =>
      service.provider.kind === 'virtualRouter' &&
      service.provider.name === router.name &&
      context.lattice?.services.has(service.name) === true,
  );
}

/** Every endpoint keeping the name (a node with several listeners keeps it on each). */
function endpointsKeeping(context: MigrationContext, name: string): ServiceConnectEndpoint[] {
  return [...context.mapping.endpoints.values()]
    .flat()
    .filter((endpoint) => endpoint.alias?.virtualService === name)
    .sort((a, b) => compareText(a.node, b.node) || a.port - b.port);
}

function aliasText(endpoints: readonly ServiceConnectEndpoint[]): string {
  return endpoints
    .map(
      (endpoint) =>
        `clientAliases [{ dnsName ${endpoint.alias?.dnsName}, port ${endpoint.alias?.port} }] on ${endpoint.node}'s ${endpoint.portName} endpoint`,
    )
    .join('; ');
}

function serviceEntries(context: MigrationContext, service: VirtualServiceDefinition): ServiceConnectEntry[] {
  const path = paths.virtualService(context.definition.name, service.name);
  const { provider } = service;
  const providerText =
    provider.kind === 'none'
      ? 'no provider'
      : `provider ${provider.kind === 'virtualNode' ? 'node' : 'router'} ${provider.name}`;
  const appMesh = `virtual service ${service.name} (${providerText})`;
  if (provider.kind === 'none') {
    return [
      entry({
        code: 'VIRTUAL_SERVICE_NO_PROVIDER',
        status: 'lost',
        severity: 'info',
        path,
        field: 'provider',
        appMesh,
        serviceConnect: 'no client alias: the name does not resolve in Service Connect tasks',
        reason:
          'A name without a provider answered nothing in App Mesh either; callers now fail at name resolution instead.',
      }),
    ];
  }
  const dropped = context.dropped.get(service.name);
  const kept = endpointsKeeping(context, service.name);
  const taskless = kept.filter((endpoint) => context.nodes.get(endpoint.node)?.task === undefined);
  if (dropped !== undefined || kept.length === 0 || taskless.length === kept.length) {
    const reason = dropped?.reason ?? 'no-endpoint';
    if (reason === 'alias-taken') {
      const holder = context.keptBy.get(dropped?.keptInstead ?? '');
      return [
        entry({
          code: 'VIRTUAL_SERVICE_ALIAS_TAKEN',
          status: 'lost',
          severity: 'critical',
          path,
          field: 'name',
          appMesh,
          serviceConnect:
            `no client alias: ${holder?.node ?? 'its node'}'s ${holder?.portName ?? ''} endpoint keeps ${dropped?.keptInstead} (one alias per endpoint)`.replace(
              "'s  endpoint",
              "'s endpoint",
            ),
          reason:
            'Service Connect allows one client alias per services[] entry, and an entry per listener: the node has fewer listeners than names.',
          alternative: {
            service: 'VPC Lattice',
            fields: {
              CreateService: {
                name: latticeName(service.name, 40),
                customDomainName: service.name.toLowerCase(),
              },
            },
            note: 'A VPC Lattice service can answer the extra name; it needs your own DNS record for the custom domain name [unverified], and callers then go through VPC Lattice.',
          },
        }),
      ];
    }
    const invalid = reason === 'not-a-dns-name';
    return [
      entry({
        code: invalid ? 'VIRTUAL_SERVICE_NAME_INVALID' : 'VIRTUAL_SERVICE_NO_ENDPOINT',
        status: 'lost',
        severity: 'critical',
        path,
        field: invalid ? 'name' : 'provider',
        appMesh,
        serviceConnect: invalid
          ? `no client alias: ${service.name.toLowerCase()} is not a valid dnsName`
          : 'no client alias: no ECS service listens for this name, so callers cannot resolve it',
        reason: invalid
          ? 'A client alias dnsName has up to 127 lowercase letters, digits, _, - and ., not starting with -.'
          : 'The provider has no listener, no route target or no ECS task to carry the name.',
      }),
    ];
  }
  if (provider.kind === 'virtualNode') {
    return [
      entry({
        code: 'VIRTUAL_SERVICE_KEPT',
        status: 'kept',
        severity: 'info',
        path,
        field: 'name',
        appMesh,
        serviceConnect: aliasText(kept),
        reason: 'Callers keep calling the same name and port: no application change.',
      }),
    ];
  }
  const router = context.definition.routers.find((candidate) => candidate.name === provider.name);
  if (router === undefined) return [];
  return [routerEntry(context, service, router, kept[0] as ServiceConnectEndpoint)];
}

function positiveTargets(route: RouteDefinition): string[] {
  const targets = routeMember(route).member.action?.weightedTargets ?? [];
  return [
    ...new Set(
      targets.filter((target) => (target.weight ?? 0) > 0).map((target) => target.virtualNode ?? ''),
    ),
  ].sort(compareText);
}

/** Routes in a fixed order whatever the declaration order: by priority, then name. */
function orderedRoutes(router: VirtualRouterDefinition): RouteDefinition[] {
  return [...router.routes].sort(
    (a, b) => (a.spec.priority ?? 1001) - (b.spec.priority ?? 1001) || compareText(a.name, b.name),
  );
}

function routerEntry(
  context: MigrationContext,
  service: VirtualServiceDefinition,
  router: VirtualRouterDefinition,
  kept: ServiceConnectEndpoint,
): ServiceConnectEntry {
  const path = paths.virtualService(context.definition.name, service.name);
  const routes = orderedRoutes(router);
  const reached = [...new Set(routes.flatMap(positiveTargets))].sort(compareText);
  const single = reached.length === 1 && reached[0] === kept.node && routes.every(isCatchAll);
  const appMesh = `virtual service ${service.name} through router ${router.name} (${routes.length} route${routes.length === 1 ? '' : 's'} to ${listText(reached)})`;
  const aliasTextValue = aliasText([kept]);
  if (single) {
    return entry({
      code: 'ROUTER_SINGLE_TARGET',
      status: 'kept',
      severity: 'info',
      path,
      field: 'provider.virtualRouter',
      appMesh,
      serviceConnect: aliasTextValue,
      reason: `Every request went to ${kept.node}; Service Connect sends them there directly.`,
    });
  }
  const lost = reached.filter((node) => node !== kept.node);
  return entry({
    code: 'ROUTER_COLLAPSED',
    status: 'approximated',
    severity: 'critical',
    path,
    field: 'provider.virtualRouter',
    appMesh,
    serviceConnect: `${aliasTextValue}: every request to ${service.name} goes to ${kept.node}${lost.length === 0 ? '' : `; ${listText(lost)} ${lost.length === 1 ? 'is' : 'are'} unreachable by that name`}`,
    reason:
      "A client alias names one endpoint; Service Connect cannot split or match traffic. The name keeps the highest-weight target of the router's catch-all route.",
    alternative: routerAlternative(context, service, router, reached),
  });
}

/** Targets that look like versions of one workload: the same image repository with different tags. */
function versionsOfOneWorkload(context: MigrationContext, nodes: readonly string[]): boolean {
  const images = nodes.map((node) => context.nodes.get(node)?.task?.containers[0]?.image);
  if (images.length < 2 || images.some((image) => image === undefined)) return false;
  const repositories = new Set(images.map((image) => (image as string).replace(/[:@][^/]*$/, '')));
  return repositories.size === 1 && new Set(images).size === images.length;
}

function routerAlternative(
  context: MigrationContext,
  service: VirtualServiceDefinition,
  router: VirtualRouterDefinition,
  nodes: readonly string[],
): MigrationAlternative {
  const port = router.listeners[0]?.portMapping?.port ?? 0;
  if (versionsOfOneWorkload(context, nodes))
    return deploymentAlternative(context, service.name, port, router);
  const protocol = router.listeners[0]?.portMapping?.protocol;
  return {
    service: 'VPC Lattice',
    fields: {
      CreateService: { name: latticeName(service.name, 40), authType: 'NONE' },
      CreateListener: {
        serviceIdentifier: placeholder(`VPC Lattice service of ${router.name}`),
        name: latticeName(`${router.name}-${port}`),
        protocol: 'HTTP',
        port,
        defaultAction: { fixedResponse: { statusCode: 404 } },
      },
      CreateTargetGroup: nodes.map((node) => {
        const listener = context.nodes
          .get(node)
          ?.listeners.find((candidate) => candidate.portMapping?.port !== undefined);
        const health =
          listener?.healthCheck === undefined ? undefined : latticeHealthCheck(listener.healthCheck);
        return {
          name: latticeName(`${node}-${listener?.portMapping?.port ?? port}`, 128),
          type: 'IP',
          config: {
            port: listener?.portMapping?.port ?? port,
            protocol: 'HTTP',
            protocolVersion: protocol === 'http2' ? 'HTTP2' : protocol === 'grpc' ? 'GRPC' : 'HTTP1',
            vpcIdentifier: context.definition.ecs?.vpcId ?? placeholder('VPC id'),
            ...(health === undefined ? {} : { healthCheck: health }),
          },
        };
      }),
      UpdateService: nodes.map((node) => {
        const endpoint = context.mapping.endpoints.get(node)?.[0];
        return {
          service: context.greenNodes.get(node)?.task?.serviceName ?? node,
          vpcLatticeConfigurations: [
            {
              roleArn: placeholder(
                'ECS infrastructure role with AmazonECSInfrastructureRolePolicyForVpcLattice',
              ),
              targetGroupArn: targetGroupPlaceholder('VPC Lattice', node, endpoint?.port),
              portName: endpoint?.portName ?? placeholder('port name'),
            },
          ],
        };
      }),
    },
    note: `Associate the service with a service network (CreateServiceNetworkServiceAssociation) associated with the VPC; callers then call the service's VPC Lattice DNS name (dnsEntry.domainName) instead of ${service.name}, which Service Connect tasks resolve to the Service Connect alias [unverified]; the tasks' security group must allow the VPC Lattice prefix list. One CreateRule per route of ${router.name} follows (see its route entries).`,
  };
}

function deploymentAlternative(
  context: MigrationContext,
  name: string,
  port: number,
  router: VirtualRouterDefinition,
): MigrationAlternative {
  const route = orderedRoutes(router).find(isCatchAll) ?? orderedRoutes(router)[0];
  const targets = route === undefined ? [] : (routeMember(route).member.action?.weightedTargets ?? []);
  const weights = scaledWeights(targets.map((target) => target.weight ?? 0));
  const total = weights.reduce((sum, weight) => sum + weight, 0) || 1;
  const canary = Math.min(...weights.filter((weight) => weight > 0));
  const kept = context.keptBy.get(name);
  return {
    service: 'ECS deployment',
    fields: {
      CreateService: {
        deploymentController: { type: 'ECS' },
        deploymentConfiguration: {
          strategy: 'CANARY',
          canaryConfiguration: {
            canaryPercent: Math.round((canary * 1000) / total) / 10,
            canaryBakeTimeInMinutes: 10,
          },
        },
        serviceConnectConfiguration: {
          enabled: true,
          namespace: context.namespace,
          services: [
            {
              portName: kept?.portName ?? placeholder('port name'),
              clientAliases: [{ port, dnsName: name.toLowerCase() }],
            },
          ],
        },
      },
    },
    note: 'Run the versions as one ECS service and shift between them with a canary (or LINEAR, BLUE_GREEN) deployment: the split lasts only while the deployment runs. Whether canaryPercent splits requests exactly like an App Mesh weight is not verified [unverified].',
  };
}

function routeEntries(context: MigrationContext, router: VirtualRouterDefinition): ServiceConnectEntry[] {
  const names = context.definition.services
    .filter((service) => service.provider.kind === 'virtualRouter' && service.provider.name === router.name)
    .map((service) => service.name)
    .sort(compareText);
  const keptNode = names.map((name) => context.keptBy.get(name)?.node).find((node) => node !== undefined);
  const port = router.listeners[0]?.portMapping?.port ?? 0;
  const destination =
    names.length === 0
      ? `nothing: no virtual service names ${router.name}`
      : keptNode === undefined
        ? `nothing: ${listText(names)} ${names.length === 1 ? 'has' : 'have'} no endpoint`
        : `${keptNode}, which keeps ${listText(names)}`;
  return orderedRoutes(router).flatMap((route, index) => {
    const path = paths.route(context.definition.name, router.name, route.name);
    const { protocol, member } = routeMember(route);
    const targets = member.action?.weightedTargets ?? [];
    const positive = positiveTargets(route);
    const weightsText = targets.map((target) => `${target.virtualNode} ${target.weight}`).join(' : ');
    const alternative = ruleAlternative(context, router, port, route, index, positive);
    const entries: ServiceConnectEntry[] = [];
    if (positive.length > 1) {
      entries.push(
        entry({
          code: 'ROUTE_WEIGHTS_LOST',
          status: 'lost',
          severity: 'critical',
          path,
          field: `spec.${protocol}.action.weightedTargets`,
          appMesh: `weighted targets ${weightsText}`,
          serviceConnect: `no split: the route's requests all go to ${destination}`,
          reason: 'Service Connect has no weights; a client alias names one endpoint.',
          alternative,
        }),
      );
    }
    if (!isCatchAll(route)) {
      entries.push(
        entry({
          code: 'ROUTE_MATCH_LOST',
          status: 'lost',
          severity: 'critical',
          path,
          field: `spec.${protocol}.match`,
          appMesh: `match ${JSON.stringify(member.match ?? {})}`,
          serviceConnect: `no match: every request to the router's name goes to ${destination}, whatever it asks; requests no route matched are no longer refused`,
          reason: 'Service Connect does not look at requests: no path, method, header or query matches.',
          alternative,
        }),
      );
    }
    if (keptNode !== undefined && positive.length > 0 && !positive.includes(keptNode)) {
      entries.push(
        entry({
          code: 'ROUTE_NOT_TAKEN',
          status: 'lost',
          severity: 'critical',
          path,
          field: `spec.${protocol}.action`,
          appMesh: `route to ${listText(positive)}`,
          serviceConnect: `its requests go to ${keptNode} instead; ${listText(positive)} ${positive.length === 1 ? 'gets' : 'get'} none of them`,
          reason: "The router's name keeps one target only.",
          alternative,
        }),
      );
    }
    if (member.retryPolicy !== undefined) {
      const retry = member.retryPolicy;
      const fewer = (retry.maxRetries ?? 0) < 2;
      entries.push(
        entry({
          code: 'ROUTE_RETRY_POLICY_LOST',
          status: 'lost',
          severity: fewer ? 'critical' : 'warning',
          path,
          field: `spec.${protocol}.retryPolicy`,
          appMesh: describeRetryPolicy(retry),
          serviceConnect: `Service Connect's built-in retries, not configurable (reportedly twice on connection failures and 503 responses [unverified])${fewer ? ': requests may be retried where App Mesh did not retry them' : ''}`,
          reason:
            'Service Connect, VPC Lattice and ALB have no retry settings; retry in the client, and make sure requests to non-idempotent services can be repeated safely.',
        }),
      );
    }
    if (member.timeout !== undefined) {
      const timeouts = describeRouteTimeouts(member.timeout);
      const endpointTimeout =
        keptNode === undefined ? undefined : context.mapping.endpoints.get(keptNode)?.[0]?.timeout;
      entries.push(
        entry({
          code: 'ROUTE_TIMEOUT_LOST',
          status: 'lost',
          severity: 'warning',
          path,
          field: `spec.${protocol}.timeout`,
          appMesh: `route timeout ${timeouts}`,
          serviceConnect:
            endpointTimeout === undefined
              ? "the endpoint's Service Connect default timeouts (per request: not documented [unverified]; idle 5 min for HTTP, 1 h for TCP)"
              : `the ${keptNode} endpoint's timeout { ${Object.entries(endpointTimeout)
                  .filter(([key]) => key !== 'roundedFromMs')
                  .map(([key, value]) => `${key} ${value}`)
                  .join(', ')} }`,
          reason: 'Service Connect timeouts belong to the server endpoint, not to a route.',
        }),
      );
    }
    return entries;
  });
}

/** The rule that re-creates the route: VPC Lattice if it can, else ALB, else Lattice with what it cannot do. */
function ruleAlternative(
  context: MigrationContext,
  router: VirtualRouterDefinition,
  port: number,
  route: RouteDefinition,
  index: number,
  positive: readonly string[],
): MigrationAlternative {
  const { protocol, member } = routeMember(route);
  if (positive.length > 1 && isCatchAll(route) && versionsOfOneWorkload(context, positive)) {
    const name = context.definition.services.find(
      (service) => service.provider.kind === 'virtualRouter' && service.provider.name === router.name,
    )?.name;
    return deploymentAlternative(context, name ?? router.name, port, router);
  }
  const input = { router: router.name, port, route, index };
  const lattice = latticeGaps(protocol, member.match);
  if (lattice.length === 0) {
    return {
      service: 'VPC Lattice',
      fields: latticeRule(input),
      note: `Weights are shares of the route's total (VPC Lattice weights are relative, 0-999); priority is App Mesh's plus 1.${protocol === 'grpcRoute' ? ' gRPC service and method become a path match /<package.Service>/<Method> [unverified].' : ''}`,
    };
  }
  const alb = albGaps(protocol, member.match);
  if (alb.length === 0) {
    return {
      service: 'ALB',
      fields: albRule(input),
      note: `VPC Lattice cannot match ${listText(lattice)}; an internal ALB rule can. ALB matches path patterns with * and ? wildcards; weights are shares of the route's total (0-999).`,
    };
  }
  return {
    service: 'VPC Lattice',
    fields: latticeRule(input),
    note: `Neither VPC Lattice nor ALB can match ${listText([...new Set([...lattice, ...alb])])}: the rule leaves that part out.`,
  };
}
