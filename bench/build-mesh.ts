/**
 * The bench's "build" stage: the mesh of mesh-shape.ts written with the fluent builder the way a
 * user would (one immutable step per call), ending in `build()`. Names are dynamic strings here,
 * so the builder's compile-time name checks stay out of the way.
 *
 * Without ECS the names resolve through a wildcard DNS record (`externalDns('*.bench.local')`);
 * with ECS every node also gets a task (task definition, ECS service, task role and policies),
 * whose registration in Cloud Map makes its name resolve, and routers' names use external DNS.
 */
import type { MeshBuilder } from '../src/builder/mesh-builder.js';
import type { MeshDefinition } from '../src/definition/mesh-definition.js';
import { mesh } from '../src/mesh.js';
import { healthCheck } from '../src/options/health-check.js';
import { listener } from '../src/options/listener.js';
import { logging } from '../src/options/logging.js';
import {
  BENCH_NAMESPACE,
  backendIndexes,
  benchEcs,
  nodeName,
  routerCount,
  routerName,
  routerTargets,
  serviceName,
} from './mesh-shape.js';

const nodeListener = listener.http(8080, { healthCheck: healthCheck.http('/health') });

export function buildMesh(nodeCount: number, options: { readonly ecs: boolean }): MeshDefinition {
  // Every name is a dynamic string, so one wide type fits every step (the start has no names yet).
  let builder = (mesh('bench-mesh') as unknown as MeshBuilder<string>).namespace(BENCH_NAMESPACE);
  builder = options.ecs ? builder.ecs(benchEcs) : builder.externalDns(`*.${BENCH_NAMESPACE}`);
  for (let i = 0; i < nodeCount; i++) {
    const name = nodeName(i);
    let node = builder
      .cloudMapService(name)
      .node(name)
      .listener(nodeListener)
      .cloudMap(name)
      .logging(logging.file('/dev/stdout'));
    if (options.ecs) {
      node = node.task({ cpu: 256, memory: 512, app: { image: 'public.ecr.aws/example/app:1', port: 8080 } });
    }
    for (const b of backendIndexes(i, nodeCount)) node = node.backend(serviceName(nodeName(b)));
    builder = node.virtualService(serviceName(name));
  }
  for (let k = 0; k < routerCount(nodeCount); k++) {
    const name = routerName(k);
    const targets = Object.fromEntries(routerTargets(k, nodeCount).map((t) => [nodeName(t.node), t.weight]));
    if (options.ecs) builder = builder.externalDns(serviceName(name));
    builder = builder
      .router(name)
      .listener(listener.http(8080))
      .route(`${name}-route`, { match: { prefix: '/' }, targets })
      .service(serviceName(name), { router: name });
  }
  return builder.build();
}
