/*
 * Benchmark: the simulator on a synthetic mesh (default 1,000 services x 3 versions), batched.
 * Prints figures; asserts nothing. Run: npx tsx bench/scale.ts [services] [seconds]
 */
import { snapshotFromManifests } from '@sluice/model';
import { createSimulator, createStaticConfigSource } from '../src/index';
import { syntheticMesh } from '../src/scale/synthetic-mesh';

const services = Number(process.argv[2] ?? 1000);
const seconds = Number(process.argv[3] ?? 30);
const ms = (t0: number): string => `${(performance.now() - t0).toFixed(1)} ms`;

let t0 = performance.now();
const mesh = syntheticMesh({ services, seed: 1 });
const snapshot = snapshotFromManifests(mesh.manifests);
console.log(
  `mesh: ${services} services, ${snapshot.workloads.length} workloads, ${snapshot.virtualServices.length} VirtualServices, built in ${ms(t0)}`,
);

const sim = createSimulator({
  config: createStaticConfigSource(snapshot),
  profiles: mesh.profiles,
  seed: 1,
  clock: { now: () => 0 },
  batched: true,
  tickMs: 1000,
  retentionSeconds: 120,
  sizeHistograms: false,
});
t0 = performance.now();
sim.advance(1000);
console.log(`first tick (routing caches cold): ${ms(t0)}`);
t0 = performance.now();
// CPU time as well as wall time: on a shared machine the wall clock mostly measures the neighbours.
const cpu0 = process.cpuUsage();
sim.advance(seconds * 1000);
const cpu = process.cpuUsage(cpu0);
console.log(
  `steady tick: ${((performance.now() - t0) / seconds).toFixed(1)} ms wall, ${((cpu.user + cpu.system) / 1000 / seconds).toFixed(1)} ms CPU per simulated second`,
);
t0 = performance.now();
const w = sim.query(30);
const sourceRps = w.requests.filter((r) => r.reporter === 'source').reduce((a, r) => a + r.rps, 0);
console.log(
  `query(30s): ${ms(t0)}; ${w.requests.length} request samples, ${w.latencies.length} latency samples, ${sourceRps.toFixed(0)} requests/s (source-reported)`,
);
t0 = performance.now();
sim.query(30);
console.log(`query(30s) again in the same tick (memoised): ${ms(t0)}`);
t0 = performance.now();
let bytes = 0;
const server = await sim.serveMetrics({ port: 0 });
const res = await fetch(server.url);
const reader = res.body?.getReader();
for (;;) {
  const chunk = await reader?.read();
  if (!chunk || chunk.done) break;
  bytes += chunk.value.length;
}
await server.close();
console.log(`/metrics scrape: ${(bytes / 1e6).toFixed(1)} MB in ${ms(t0)}`);
console.log(`heap used: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
