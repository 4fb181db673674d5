import type { CreatePrivateDnsNamespaceCommandInput } from '@aws-sdk/client-servicediscovery';
import type { CloudMapNamespaceDefinition } from '../../definition/mesh-definition.js';
import { meshResourceTags, type PlanContext } from '../context.js';
import { planned } from '../planned.js';
import type { PlannedResource } from '../resource.js';
import { pascalCaseTags } from '../tags.js';

/** The private DNS namespace (a Route 53 private hosted zone) that makes service names resolve. */
export function cloudMapNamespaceResource(
  context: PlanContext,
  namespace: CloudMapNamespaceDefinition,
): PlannedResource<'cloudMapNamespace'> {
  const id = context.namespaceId as string; // set whenever the namespace is
  return planned('cloudMapNamespace', id, namespace.name, [], {
    Name: namespace.name,
    Vpc: namespace.vpcId ?? context.ecs?.vpcId,
    Description: namespace.description,
    Tags: pascalCaseTags(meshResourceTags(context, namespace.tags)),
  } satisfies CreatePrivateDnsNamespaceCommandInput);
}
