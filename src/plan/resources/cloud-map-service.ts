import type { CreateServiceCommandInput } from '@aws-sdk/client-servicediscovery';
import type { CloudMapServiceDefinition } from '../../definition/mesh-definition.js';
import { declaredId, meshResourceTags, type PlanContext } from '../context.js';
import { frozenCopy } from '../freeze.js';
import { planned } from '../planned.js';
import type { PlannedResource } from '../resource.js';
import { pascalCaseTags } from '../tags.js';

/** A Cloud Map service: the DNS name tasks register in and Envoy discovers. */
export function cloudMapServiceResource(
  context: PlanContext,
  service: CloudMapServiceDefinition,
): PlannedResource<'cloudMapService'> {
  const id = declaredId(context.cloudMapServiceIds, service.name);
  const namespaceId = context.namespaceId as string; // set whenever the namespace is
  return planned('cloudMapService', id, service.name, [namespaceId], {
    Name: service.name,
    NamespaceId: context.namespaceIdRef as string,
    Description: service.description,
    DnsConfig: { RoutingPolicy: service.routingPolicy, DnsRecords: frozenCopy(service.dnsRecords) },
    HealthCheckCustomConfig: frozenCopy(service.healthCheckCustomConfig),
    Tags: pascalCaseTags(meshResourceTags(context, service.tags)),
  } satisfies CreateServiceCommandInput);
}
