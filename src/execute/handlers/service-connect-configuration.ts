/**
 * An ECS service's Service Connect configuration as read back, made comparable with the plan's:
 * the namespace as the plan names it, and a client alias without a name (ECS's default,
 * `<discovery name>.<namespace>`) told apart from one with another name. UpdateService replaces
 * the whole configuration, so an alias that lost its name must count as a change: else the service
 * keeps answering a name (a router's, moved to another node) that the plan gave to another service.
 */
import type { ServiceConnectConfiguration } from '@aws-sdk/client-ecs';
import { namespaceAsPlanned, namespaceNameOf } from './service-connect-namespace.js';
import type { HandlerContext } from './types.js';

export async function serviceConnectAsPlanned(
  planned: ServiceConnectConfiguration | undefined,
  observed: ServiceConnectConfiguration | undefined,
  ctx: HandlerContext,
): Promise<ServiceConnectConfiguration | undefined> {
  if (observed === undefined) return undefined;
  const namespace = await namespaceAsPlanned(planned?.namespace, observed.namespace, ctx);
  const named = unnamedAliases(planned).filter(
    ({ service, alias }) => aliasAt(observed, service, alias)?.dnsName,
  );
  if (named.length === 0) return { ...observed, namespace };
  // ECS may answer the default name it gave: that is still the alias the plan asked for.
  const namespaceName = observed.namespace?.startsWith('arn:')
    ? await namespaceNameOf(observed.namespace, ctx)
    : observed.namespace;
  const services = (observed.services ?? []).map((entry, service) => ({
    ...entry,
    clientAliases: entry.clientAliases?.map((alias, index) => {
      const byDefault = `${entry.discoveryName ?? entry.portName}.${namespaceName}`;
      const unnamed = named.some((at) => at.service === service && at.alias === index);
      if (!unnamed || alias.dnsName !== byDefault) return alias;
      const { dnsName: _default, ...rest } = alias;
      return rest;
    }),
  }));
  return { ...observed, namespace, services };
}

/** Where the plan leaves an alias unnamed and the service answers a name all the same. */
export function aliasNameChanges(
  planned: ServiceConnectConfiguration | undefined,
  observed: ServiceConnectConfiguration | undefined,
): string[] {
  return unnamedAliases(planned)
    .filter(({ service, alias }) => aliasAt(observed, service, alias)?.dnsName !== undefined)
    .map(
      ({ service, alias }) =>
        `serviceConnectConfiguration.services[${service}].clientAliases[${alias}].dnsName`,
    );
}

function unnamedAliases(
  planned: ServiceConnectConfiguration | undefined,
): { service: number; alias: number }[] {
  return (planned?.services ?? []).flatMap((entry, service) =>
    (entry.clientAliases ?? []).flatMap((alias, index) =>
      alias.dnsName === undefined ? [{ service, alias: index }] : [],
    ),
  );
}

function aliasAt(configuration: ServiceConnectConfiguration | undefined, service: number, alias: number) {
  return configuration?.services?.[service]?.clientAliases?.[alias];
}
