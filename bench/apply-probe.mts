import { planNetwork } from '../src/cli/plan-network.js';
import { apply } from '../src/execute/apply.js';
import { createLocalCloud } from '../src/local/local-cloud.js';
import { plan as planOf } from '../src/plan/build-plan.js';
import { buildMesh } from './build-mesh.js';
const plan = planOf(buildMesh(Number(process.env.N ?? 200), { ecs: true }));
const cloud = createLocalCloud({ faults: { latencyMs: 50 }, delays: { cloudMapOperationMs: 200, ecsTaskStartMs: 500, ecsTaskStopMs: 500, loadBalancerProvisioningMs: 300 } });
cloud.ensureNetwork(planNetwork(plan));
const t0 = performance.now();
let done = 0; let retries = 0;
const st = new Map<string, number>(); const dur: [number, string][] = [];
const timer = setInterval(() => console.log(Math.round(performance.now() - t0), 'done', done, '/', plan.resources.length, 'retries', retries, 'calls', cloud.callLog().length, [...st.keys()].filter((id) => !dur.some((d) => d[1] === id)).slice(0, 4), cloud.callLog().slice(-3)), 50000);
const r = await apply(plan, { clients: cloud.clients({ maxAttempts: 1 }), pollIntervalMs: 50, concurrency: 8, rollbackOnFailure: false, onEvent: (e) => {
  if (e.type === 'start' && !st.has(e.id)) st.set(e.id, performance.now());
  if (e.type === 'finish') { done++; dur.push([performance.now() - (st.get(e.result.id) ?? 0), e.result.id]); }
  if (e.type === 'retry' && retries++ < 5) console.log('retry', e.id, e.error);
}});
clearInterval(timer);
console.log('ok', r.ok, r.error?.message, Math.round(performance.now() - t0));
dur.sort((a, b) => b[0] - a[0]); console.log(dur.slice(0, 10).map(([d, id]) => `${Math.round(d)} ${id}`).join('\n'));
const calls = cloud.calls(); console.log(Object.entries(calls).sort((a, b) => b[1] - a[1]).slice(0, 12));
