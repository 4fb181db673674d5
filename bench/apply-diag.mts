import { colorMesh, exampleParams } from '../examples/color-mesh.js';
import { apply } from '../src/execute/apply.js';
import { createLocalCloud } from '../src/local/local-cloud.js';

const DELAYS = {
  cloudMapOperationMs: 200,
  ecsTaskStartMs: 500,
  ecsTaskStopMs: 500,
  loadBalancerProvisioningMs: 300,
};
const { vpcId, subnetIds } = createLocalCloud().defaultNetwork();
const plan = colorMesh({
  ...exampleParams,
  vpcId,
  privateSubnets: subnetIds.slice(0, 2),
  publicSubnets: subnetIds.slice(2, 4),
}).plan();
const cloud = createLocalCloud({ faults: { latencyMs: 50 }, delays: DELAYS });
const t0 = performance.now();
const start = new Map<string, number>();
const fin = new Map<string, number>();
const r = await apply(plan, {
  clients: cloud.clients({ maxAttempts: 1 }),
  pollIntervalMs: 50,
  concurrency: Number(process.env.C ?? 8),
  onEvent: (e) => {
    const t = performance.now() - t0;
    if (e.type === 'start' && !start.has(e.id)) start.set(e.id, t);
    if (e.type === 'finish') fin.set(e.result.id, t);
  },
});
console.log('total', Math.round(performance.now() - t0), r.ok);
for (const res of plan.resources) {
  const ready = Math.max(0, ...res.dependsOn.map((d) => fin.get(d) ?? 0));
  console.log(
    String(Math.round(ready)).padStart(5),
    String(Math.round(start.get(res.id) ?? -1)).padStart(5),
    String(Math.round(fin.get(res.id) ?? -1)).padStart(5),
    res.id,
    res.dependsOn.length,
  );
}
const deps = new Map<string, string[]>();
for (const res of plan.resources)
  for (const d of res.dependsOn) deps.set(d, [...(deps.get(d) ?? []), res.id]);
const len = new Map<string, number>();
const L = (id: string): number =>
  len.get(id) ?? (len.set(id, 1 + Math.max(0, ...(deps.get(id) ?? []).map(L))), len.get(id) as number);
for (const res of plan.resources) console.log('chain', L(res.id), res.id);
