import { colorMesh, exampleParams } from '../examples/color-mesh.js';
import { apply } from '../src/execute/apply.js';
import { createLocalCloud } from '../src/local/local-cloud.js';
const DELAYS = { cloudMapOperationMs: 200, ecsTaskStartMs: 500, ecsTaskStopMs: 500, loadBalancerProvisioningMs: 300 };
const { vpcId, subnetIds } = createLocalCloud().defaultNetwork();
const plan = colorMesh({ ...exampleParams, vpcId, privateSubnets: subnetIds.slice(0, 2), publicSubnets: subnetIds.slice(2, 4) }).plan();
const cloud = createLocalCloud({ faults: { latencyMs: 50 }, delays: DELAYS });
const start = new Map<string, number>();
const cost = new Map<string, number>();
await apply(plan, { clients: cloud.clients({ maxAttempts: 1 }), pollIntervalMs: 50, concurrency: 1, onEvent: (e) => {
  const t = performance.now();
  if (e.type === 'start' && !start.has(e.id)) start.set(e.id, t);
  if (e.type === 'finish') cost.set(e.result.id, t - (start.get(e.result.id) ?? t));
}});
const deps = new Map<string, string[]>();
for (const r of plan.resources) for (const d of r.dependsOn) deps.set(d, [...(deps.get(d) ?? []), r.id]);
function chain(w: (id: string) => number) {
  const m = new Map<string, number>();
  const f = (id: string): number => {
    const k = m.get(id); if (k !== undefined) return k;
    const v = w(id) + Math.max(0, ...(deps.get(id) ?? []).map(f)); m.set(id, v); return v;
  };
  return f;
}
function simulate(prio: (id: string) => number, c = 8) {
  const order = new Map(plan.resources.map((r, i) => [r.id, i]));
  const waiting = new Map(plan.resources.map((r) => [r.id, r.dependsOn.length]));
  let ready = plan.resources.filter((r) => r.dependsOn.length === 0).map((r) => r.id);
  const running: { id: string; end: number }[] = [];
  let now = 0;
  while (ready.length || running.length) {
    ready.sort((a, b) => prio(b) - prio(a) || (order.get(a)! - order.get(b)!));
    while (running.length < c && ready.length) { const id = ready.shift()!; running.push({ id, end: now + cost.get(id)! }); }
    running.sort((a, b) => a.end - b.end);
    const done = running.shift()!; now = done.end;
    for (const d of deps.get(done.id) ?? []) { const l = waiting.get(d)! - 1; waiting.set(d, l); if (l === 0) ready.push(d); }
  }
  return now;
}
const cp = Math.max(...plan.resources.map((r) => chain((id) => cost.get(id)!)(r.id)));
const kindCost = (id: string) => { const k = plan.resources.find((r) => r.id === id)!.kind; return ['cloudMapNamespace', 'ecsService', 'loadBalancer'].includes(k) ? 5 : 1; };
console.log('critical path', Math.round(cp));
console.log('FIFO (plan order)', Math.round(simulate(() => 0)));
console.log('chain length (count)', Math.round(simulate(chain(() => 1))));
console.log('chain by kind estimate (async kinds 5, else 1)', Math.round(simulate(chain(kindCost))));
console.log('chain by measured cost', Math.round(simulate(chain((id) => cost.get(id)!))));
