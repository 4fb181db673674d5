import type { CreateVirtualGatewayCommandInput } from '@aws-sdk/client-app-mesh';
import type { VirtualGatewayDefinition } from '../../definition/mesh-definition.js';
import { declaredId, meshResourceTags, type PlanContext } from '../context.js';
import { frozenCopy } from '../freeze.js';
import { planned } from '../planned.js';
import type { PlannedResource } from '../resource.js';
import { lowerCaseTags } from '../tags.js';

export function virtualGatewayResource(
  context: PlanContext,
  gateway: VirtualGatewayDefinition,
): PlannedResource<'virtualGateway'> {
  const id = declaredId(context.gatewayIds, gateway.name);
  return planned('virtualGateway', id, gateway.name, [context.meshId], {
    virtualGatewayName: gateway.name,
    meshName: context.meshName,
    meshOwner: context.definition.meshOwner,
    spec: frozenCopy(gateway.spec),
    tags: lowerCaseTags(meshResourceTags(context, gateway.tags)),
  } satisfies CreateVirtualGatewayCommandInput);
}
