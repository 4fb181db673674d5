import type { CreateVirtualRouterCommandInput } from '@aws-sdk/client-app-mesh';
import type { VirtualRouterDefinition } from '../../definition/mesh-definition.js';
import { declaredId, meshResourceTags, type PlanContext } from '../context.js';
import { frozenCopy } from '../freeze.js';
import { planned } from '../planned.js';
import type { PlannedResource } from '../resource.js';
import { lowerCaseTags } from '../tags.js';

export function virtualRouterResource(
  context: PlanContext,
  router: VirtualRouterDefinition,
): PlannedResource<'virtualRouter'> {
  const id = declaredId(context.routerIds, router.name);
  return planned('virtualRouter', id, router.name, [context.meshId], {
    virtualRouterName: router.name,
    meshName: context.meshName,
    meshOwner: context.definition.meshOwner,
    spec: { listeners: frozenCopy(router.listeners) },
    tags: lowerCaseTags(meshResourceTags(context, router.tags)),
  } satisfies CreateVirtualRouterCommandInput);
}
