/**
 * An ECS service's Service Connect configuration as read back, made comparable with the plan's:
 * the namespace as the plan names it, and a client alias without a name (ECS's default,
 * `<discovery name>.<namespace>`) told apart from one with another name. UpdateService replaces
 * the whole configuration, so a setting the plan dropped must count as a change: else the service
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

/**
 * What the service still has that the plan left out, which the subset comparison cannot see: an
 * alias name, the endpoints of a node that became a client only, an access log, an entry's TLS.
 * (Timeouts are not among them: whether ECS reports its defaults is not documented.)
 */
export function removedSettings(
  planned: ServiceConnectConfiguration | undefined,
  observed: ServiceConnectConfiguration | undefined,
): string[] {
  if (planned === undefined || observed === undefined) return [];
  const at = 'serviceConnectConfiguration';
  const removed = unnamedAliases(planned)
    .filter(({ service, alias }) => aliasAt(observed, service, alias)?.dnsName !== undefined)
    .map(({ service, alias }) => `${at}.services[${service}].clientAliases[${alias}].dnsName`);
  if ((planned.services ?? []).length === 0 && (observed.services ?? []).length > 0)
    removed.push(`${at}.services`);
  if (planned.accessLogConfiguration === undefined && observed.accessLogConfiguration !== undefined)
    removed.push(`${at}.accessLogConfiguration`);
  (planned.services ?? []).forEach((entry, index) => {
    if (entry.tls === undefined && observed.services?.[index]?.tls !== undefined)
      removed.push(`${at}.services[${index}].tls`);
  });
  return removed;
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
