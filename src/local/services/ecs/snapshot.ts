/** ECS resources as plain sorted data, without timestamps, tokens or generated ids' history. */
import type { EcsState } from './state.js';
import { byFamilyAndRevision, compareBy, countsAsRunning, isLive, tasksOf } from './state.js';

/**
 * Deleted things are not resources any more: INACTIVE clusters and services stay describable in
 * AWS for a while, but a snapshot lists what exists.
 */
export function snapshotEcs(state: EcsState): Record<string, unknown> {
  return {
    clusters: Object.values(state.clusters)
      .filter((c) => c.status !== 'INACTIVE')
      .sort(compareBy((c) => c.clusterName))
      .map((c) => ({
        clusterName: c.clusterName,
        clusterArn: c.clusterArn,
        status: c.status,
        ...(c.settings === undefined ? {} : { settings: c.settings }),
        ...(c.configuration === undefined ? {} : { configuration: c.configuration }),
        ...(c.serviceConnectNamespace === undefined
          ? {}
          : { serviceConnectDefaults: { namespace: c.serviceConnectNamespace } }),
        tags: c.tags,
      })),
    taskDefinitions: Object.values(state.taskDefinitions)
      .sort(byFamilyAndRevision)
      .map((d) => ({
        ...d.body,
        taskDefinitionArn: d.taskDefinitionArn,
        revision: d.revision,
        status: d.status,
        tags: d.tags,
      })),
    services: Object.values(state.services)
      .filter((s) => s.status !== 'INACTIVE')
      .sort(compareBy((s) => s.serviceArn))
      .map((s) => {
        const live = tasksOf(state, s).filter(isLive);
        return {
          serviceName: s.serviceName,
          cluster: s.clusterName,
          status: s.status,
          desiredCount: s.desiredCount,
          runningCount: live.filter(countsAsRunning).length,
          taskDefinition: s.taskDefinition,
          loadBalancers: s.loadBalancers,
          serviceRegistries: s.serviceRegistries,
          ...(s.awsvpcConfiguration === undefined ? {} : { awsvpcConfiguration: s.awsvpcConfiguration }),
          ...(s.serviceConnect === undefined
            ? {}
            : {
                serviceConnectConfiguration: s.serviceConnect.configuration,
                serviceConnectResources: s.serviceConnect.resources,
              }),
          ...(s.vpcLatticeConfigurations === undefined
            ? {}
            : { vpcLatticeConfigurations: s.vpcLatticeConfigurations }),
          enableExecuteCommand: s.enableExecuteCommand,
          propagateTags: s.propagateTags,
          tags: s.tags,
        };
      }),
    tasks: Object.values(state.tasks)
      .filter(isLive)
      .sort(compareBy((t) => t.taskArn))
      .map((t) => ({
        taskArn: t.taskArn,
        cluster: t.clusterName,
        ...(t.serviceName === undefined ? {} : { serviceName: t.serviceName }),
        taskDefinitionArn: t.taskDefinitionArn,
        lastStatus: t.lastStatus,
        desiredStatus: t.desiredStatus,
        ...(t.ip === undefined ? {} : { ip: t.ip }),
      })),
  };
}
