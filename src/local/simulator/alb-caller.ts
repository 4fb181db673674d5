/** The Service Connect simulator's way in through an application load balancer of its view. */
import { requestAtLoadBalancer } from './alb-forward.js';
import type { LoadBalancerView } from './alb-view.js';
import type { Chooser } from './choice.js';
import type { ServiceConnectIndex } from './service-connect-index.js';
import type { ServiceConnectView } from './service-connect-view.js';
import { type Caller, callerOf } from './simulator.js';

export function loadBalancerCaller(
  view: ServiceConnectView,
  index: ServiceConnectIndex,
  name: string,
  nameSuffix: string,
  chooser: Chooser,
): Caller {
  const balancers = view.loadBalancers ?? [];
  const balancer =
    balancers.find((candidate) => candidate.name === name) ??
    balancers.find((candidate) => candidate.name === `${name}${nameSuffix}`);
  if (balancer === undefined) {
    const known =
      balancers
        .map((candidate) => candidate.name)
        .sort()
        .join(', ') || 'none';
    throw new Error(`The view has no load balancer named ${JSON.stringify(name)} (it has: ${known}).`);
  }
  return callerOf(
    (request, choose, hops) => requestAtLoadBalancer(index, balancer, request, choose, hops),
    chooser,
    (url) => balancerUrl(balancer, url),
  );
}

function balancerUrl(balancer: LoadBalancerView, url: string): string {
  if (!url.startsWith('/')) return url;
  const port = balancer.listeners[0]?.port ?? 80;
  return `http://${balancer.dnsName}${port === 80 ? '' : `:${port}`}${url}`;
}
