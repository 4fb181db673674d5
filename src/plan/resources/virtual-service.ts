import type { CreateVirtualServiceCommandInput, VirtualServiceProvider } from '@aws-sdk/client-app-mesh';
import type { VirtualServiceDefinition } from '../../definition/mesh-definition.js';
import { declaredId, meshResourceTags, type PlanContext } from '../context.js';
import { planned } from '../planned.js';
import type { PlannedResource } from '../resource.js';
import { lowerCaseTags } from '../tags.js';

/** A virtual service depends on its provider (the provider cannot be deleted while it provides). */
export function virtualServiceResource(
  context: PlanContext,
  service: VirtualServiceDefinition,
): PlannedResource<'virtualService'> {
  const id = declaredId(context.serviceIds, service.name);
  const { provider } = service;
  let providerId: string | undefined;
  let providerSpec: VirtualServiceProvider | undefined;
  if (provider.kind === 'virtualNode') {
    providerId = context.nodeIds.get(provider.name);
    providerSpec = { virtualNode: { virtualNodeName: provider.name } };
  } else if (provider.kind === 'virtualRouter') {
    providerId = context.routerIds.get(provider.name);
    providerSpec = { virtualRouter: { virtualRouterName: provider.name } };
  }
  return planned('virtualService', id, service.name, [context.meshId, providerId], {
    virtualServiceName: service.name,
    meshName: context.meshName,
    meshOwner: context.definition.meshOwner,
    spec: { provider: providerSpec },
    tags: lowerCaseTags(meshResourceTags(context, service.tags)),
  } satisfies CreateVirtualServiceCommandInput);
}
