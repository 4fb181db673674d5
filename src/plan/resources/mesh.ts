import type { CreateMeshCommandInput } from '@aws-sdk/client-app-mesh';
import type { PlanContext } from '../context.js';
import { planned } from '../planned.js';
import type { PlannedResource } from '../resource.js';
import { lowerCaseTags } from '../tags.js';

/** The mesh itself: its egress filter and mesh-wide IP preference. */
export function meshResource(context: PlanContext, meshId: string): PlannedResource<'mesh'> {
  const { definition } = context;
  return planned('mesh', meshId, definition.name, [], {
    meshName: definition.name,
    spec: {
      egressFilter: { type: definition.egressFilter },
      serviceDiscovery: definition.ipPreference ? { ipPreference: definition.ipPreference } : undefined,
    },
    tags: lowerCaseTags(context.meshTags),
  } satisfies CreateMeshCommandInput);
}
