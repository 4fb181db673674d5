/**
 * What a task definition says about a meshed task: which App Mesh resource its Envoy implements
 * (`APPMESH_RESOURCE_ARN`), the app's `COLOR`, and the ports it opens. Shared by both view readers.
 */
import type { ContainerDefinition, KeyValuePair } from '@aws-sdk/client-ecs';
import type { AppMeshResourceRef } from './mesh-view.js';

export interface TaskContainersSummary {
  readonly appMeshResource: AppMeshResourceRef | undefined;
  readonly color: string | undefined;
  readonly ports: readonly number[];
}

/** `arn:aws:appmesh:...:mesh/<m>/virtualNode/<n>`, or the short `mesh/<m>/virtualNode/<n>` form Envoy also takes. */
const RESOURCE_ARN = /(?:^|:)mesh\/([^/]+)\/(virtualNode|virtualGateway)\/([^/]+)$/;

export function parseAppMeshResourceArn(value: string): AppMeshResourceRef | undefined {
  const match = RESOURCE_ARN.exec(value);
  if (match === null) return undefined;
  return {
    meshName: match[1] as string,
    kind: match[2] as AppMeshResourceRef['kind'],
    name: match[3] as string,
  };
}

/**
 * `environmentOverrides` by container name: a RunTask/ECS override replaces the definition's value.
 * The Envoy container is the one with `APPMESH_RESOURCE_ARN`; the app is the first other container.
 */
export function summarizeContainers(
  containers: readonly ContainerDefinition[],
  environmentOverrides: Readonly<Record<string, readonly KeyValuePair[]>> = {},
): TaskContainersSummary {
  const env = containers.map((c) => environmentOf(c, environmentOverrides[c.name ?? ''] ?? []));
  const envoyIndex = env.findIndex((e) => e.APPMESH_RESOURCE_ARN !== undefined);
  const envoyArn = envoyIndex < 0 ? undefined : env[envoyIndex]?.APPMESH_RESOURCE_ARN;
  const appIndex = containers.findIndex((_, i) => i !== envoyIndex);
  const appMeshResource = envoyArn === undefined ? undefined : parseAppMeshResourceArn(envoyArn);
  // A gateway's Envoy is the main container: its ports are the ones that answer.
  const portSources =
    appMeshResource?.kind === 'virtualGateway' ? containers : containers.filter((_, i) => i !== envoyIndex);
  const ports = portSources.flatMap((c) =>
    (c.portMappings ?? []).flatMap((p) => (p.containerPort === undefined ? [] : [p.containerPort])),
  );
  return {
    appMeshResource,
    color: appIndex < 0 || appMeshResource?.kind === 'virtualGateway' ? undefined : env[appIndex]?.COLOR,
    ports: [...new Set(ports)].sort((a, b) => a - b),
  };
}

function environmentOf(
  container: ContainerDefinition,
  overrides: readonly KeyValuePair[],
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of [...(container.environment ?? []), ...overrides]) {
    if (pair.name !== undefined && pair.value !== undefined) result[pair.name] = pair.value;
  }
  return result;
}
