/**
 * A LatticeView turned into lookup tables once, when a simulator is created: each service by the
 * names that reach it (its custom domain name and AWS's DNS name), its listeners by port with their
 * rules in priority order, and the target groups by id.
 */

import { latticeRulePredicate } from './lattice-rule-match.js';
import type {
  LatticeListener,
  LatticeRule,
  LatticeService,
  LatticeServiceNetwork,
  LatticeTargetGroup,
  LatticeView,
} from './lattice-view.js';
import type { RequestPredicate } from './request-matchers.js';

export interface LatticeRuleEntry {
  readonly rule: LatticeRule;
  readonly matches: RequestPredicate;
}

export interface LatticeListenerEntry {
  readonly listener: LatticeListener;
  /** By priority, lowest first. */
  readonly rules: readonly LatticeRuleEntry[];
}

export interface LatticeServiceEntry {
  readonly service: LatticeService;
  /** The service networks of the view it is associated with. */
  readonly networks: readonly LatticeServiceNetwork[];
  readonly listeners: ReadonlyMap<number, LatticeListenerEntry>;
  /** Lower case: the custom domain name first, then AWS's DNS name. */
  readonly hosts: readonly string[];
}

export interface LatticeIndex {
  /** Sorted by name. */
  readonly services: readonly LatticeServiceEntry[];
  /** By lower-case host name. */
  readonly hosts: ReadonlyMap<string, LatticeServiceEntry>;
  /** By id. */
  readonly targetGroups: ReadonlyMap<string, LatticeTargetGroup>;
}

/** The id an identifier names: itself, or the last part of its ARN (as every Lattice call accepts). */
export function latticeIdOf(identifier: string): string {
  return identifier.slice(identifier.lastIndexOf('/') + 1);
}

export function indexLatticeView(view: LatticeView): LatticeIndex {
  const networks = new Map(view.serviceNetworks.map((n) => [n.id, n]));
  const services = [...view.services]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((service): LatticeServiceEntry => {
      const listeners = new Map<number, LatticeListenerEntry>();
      for (const listener of service.listeners) {
        // A service's listener ports are unique: CreateListener refuses a second one.
        if (listeners.has(listener.port)) continue;
        const rules = [...listener.rules]
          .sort((a, b) => a.priority - b.priority)
          .map((rule) => ({ rule, matches: latticeRulePredicate(rule.match) }));
        listeners.set(listener.port, { listener, rules });
      }
      const names = [service.customDomainName, service.dnsEntry?.domainName];
      return {
        service,
        networks: service.serviceNetworks.flatMap((n) => networks.get(latticeIdOf(n)) ?? []),
        listeners,
        hosts: [...new Set(names.flatMap((name) => (name === undefined ? [] : [name.toLowerCase()])))],
      };
    });
  const hosts = new Map<string, LatticeServiceEntry>();
  for (const entry of services) for (const host of entry.hosts) if (!hosts.has(host)) hosts.set(host, entry);
  return {
    services,
    hosts,
    targetGroups: new Map(view.targetGroups.map((g) => [g.id, g])),
  };
}
