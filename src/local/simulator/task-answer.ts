/** What the app of a Service Connect view's task answers: the colorapp's replies. */
import type { SimRequest } from './request.js';
import type { SimResult } from './result.js';
import type { ServiceConnectTaskEntry } from './service-connect-index.js';

/** The colorapp: `hi` on /healthcheck, its COLOR on every other path. */
export function answer(
  task: ServiceConnectTaskEntry,
  request: SimRequest,
  hops: string[] | undefined,
): SimResult {
  const body = request.path === '/healthcheck' ? 'hi' : task.body;
  hops?.push(`task ${task.task.ip} (${task.task.serviceName}): 200 ${body}`);
  return {
    ok: true,
    status: 200,
    body,
    servedBy: { node: task.task.serviceName, ip: task.task.ip },
    path: request.path,
    hops: hops ?? [],
  };
}
