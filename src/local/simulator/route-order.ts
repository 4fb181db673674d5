/**
 * The order Envoy tries routes in, as App Mesh builds it: routes with a priority first (0 is the
 * highest), then the rest by how specific their path is (an exact path, a regex, then the longest
 * prefix first); the name breaks ties so that the order never depends on listing order.
 */
import type { HttpPathMatch } from '@aws-sdk/client-app-mesh';

export interface RouteOrderKey {
  readonly name: string;
  readonly priority: number | undefined;
  readonly prefix?: string | undefined;
  readonly path?: HttpPathMatch | undefined;
}

export function compareRouteOrder(a: RouteOrderKey, b: RouteOrderKey): number {
  const byPriority = (a.priority ?? Number.POSITIVE_INFINITY) - (b.priority ?? Number.POSITIVE_INFINITY);
  if (byPriority !== 0 && !Number.isNaN(byPriority)) return byPriority;
  const bySpecificity = specificity(a) - specificity(b);
  if (bySpecificity !== 0) return bySpecificity;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Lower is tried first. */
function specificity(key: RouteOrderKey): number {
  if (key.path?.exact !== undefined) return -2_000_000;
  if (key.path?.regex !== undefined) return -1_000_000;
  return -(key.prefix ?? '/').length;
}
