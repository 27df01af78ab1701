/*
 * Metrics-over-time benchmark (issue 18), demo source: `npx tsx apps/api/bench/metrics-bench.ts`.
 * Runs the synthetic mesh (default 200 services x 3 versions) for 10 simulated minutes, then times
 * GET .../services/:name/metrics (10m range, 10 s step: 60 steps) and the overview (every namespace,
 * 20 steps) as the use cases compute them, and prints medians. Figures only, no assertions.
 *
 * Options: --services N (200), --versions V (3), --runs R (9).
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { snapshotFromManifests } from '@sluice/model';
import { createSimulator, createStaticConfigSource, syntheticMesh } from '@sluice/mesh-sim';
import { getMetrics } from '../src/metrics/get-metrics';
import { getOverview } from '../src/overview/get-overview';
import { createSimulatorSource } from '../src/traffic/simulator-source';

const { values } = parseArgs({
  options: {
    services: { type: 'string', default: '200' },
    versions: { type: 'string', default: '3' },
    runs: { type: 'string', default: '9' },
  },
});
const runs = Math.max(1, Number(values.runs));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const mesh = syntheticMesh({ services: Number(values.services), versions: Number(values.versions) });
const snapshot = snapshotFromManifests(mesh.manifests);
const sim = createSimulator({
  config: createStaticConfigSource(snapshot),
  profiles: mesh.profiles,
  seed: 7,
  clock: { now: () => 0 },
  batched: true,
});
const t0 = performance.now();
sim.advance(600_000);
console.log(
  `mesh: ${snapshot.services.length} services, ${snapshot.workloads.length} workloads in ${mesh.namespaces.length} namespaces; ` +
    `10 simulated minutes in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
const traffic = createSimulatorSource(sim);
const service = snapshot.services[0];
if (!service) throw new Error('no service in the synthetic mesh');
const target = {
  kind: 'service' as const,
  namespace: service.metadata.namespace ?? 'default',
  name: service.metadata.name,
};

async function time(label: string, f: () => Promise<unknown>) {
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    await f();
    ms.push(performance.now() - start);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  // On a shared machine the CPU figure is the steadier one.
  console.log(`${label}: median ${median(ms).toFixed(1)} ms wall, ${median(cpu).toFixed(1)} ms CPU over ${runs} runs`);
}

await time(`metrics of service ${target.namespace}/${target.name}, 10m / 10s`, () =>
  getMetrics({ snapshot, traffic }, target, { range: '10m', step: '10s' }),
);
await time(`overview of ${mesh.namespaces.length} namespaces, 20 x 30 s`, () => getOverview(snapshot, traffic));
