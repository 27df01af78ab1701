/*
 * Graph build benchmark: `npm run bench:graph` (root). Builds the graph for the simulator's
 * synthetic mesh (default 1,000 services x 3 versions, the mesh-sim `--scale` mesh) from one 30 s
 * window of simulated traffic and prints the median build time over several runs (wall clock and
 * this process's CPU time: on a shared machine the CPU figure is the steadier one) and the heap in
 * use. Figures only, no assertions (DESIGN.md: speed is measured by benchmarks).
 *
 * Options: --services N (default 1000), --versions V (3), --runs R (9), --graph-type T (all four).
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { GraphType } from '@sluice/model';
import { snapshotFromManifests } from '@sluice/model';
import { createSimulator, createStaticConfigSource, syntheticMesh } from '@sluice/mesh-sim';
import { buildGraph } from '../src/graph/build-graph';

const { values } = parseArgs({
  options: {
    services: { type: 'string', default: '1000' },
    versions: { type: 'string', default: '3' },
    runs: { type: 'string', default: '9' },
    'graph-type': { type: 'string' },
  },
});
const services = Number(values.services);
const versions = Number(values.versions);
const runs = Math.max(1, Number(values.runs));
const graphTypes: GraphType[] = values['graph-type']
  ? [values['graph-type'] as GraphType]
  : ['versionedApp', 'app', 'workload', 'service'];

// A collectable heap without a node flag in the npm script: heap figures then mean live data, not garbage.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapUsed = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const setupStart = performance.now();
const mesh = syntheticMesh({ services, versions });
const snapshot = snapshotFromManifests(mesh.manifests);
const sim = createSimulator({
  config: createStaticConfigSource(snapshot),
  profiles: mesh.profiles,
  seed: 7,
  clock: { now: () => 0 },
  batched: true,
});
sim.advance(30_000);
const traffic = sim.query(30, mesh.namespaces);
console.log(
  `mesh: ${services} services x ${versions} versions in ${mesh.namespaces.length} namespaces; ` +
    `${snapshot.workloads.length} workloads, ${snapshot.virtualServices.length} VirtualServices; ` +
    `window: ${traffic.requests.length} request, ${traffic.latencies.length} latency, ${traffic.tcp.length} tcp samples ` +
    `(setup ${((performance.now() - setupStart) / 1000).toFixed(1)} s)`,
);

const baseline = heapUsed();
console.log(`heap used by snapshot + traffic window: ${mb(baseline)}`);

for (const graphType of graphTypes) {
  const query = { namespaces: mesh.namespaces, graphType, window: '30s', injectServiceNodes: true };
  buildGraph(snapshot, traffic, query); // warm-up: JIT, inline caches
  const wall: number[] = [];
  const cpu: number[] = [];
  let graph = buildGraph(snapshot, traffic, query);
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    graph = buildGraph(snapshot, traffic, query);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const retained = heapUsed() - baseline;
  const t0 = performance.now();
  const json = JSON.stringify(graph);
  const serialiseMs = performance.now() - t0;
  console.log(
    `${graphType.padEnd(12)} build median ${median(wall).toFixed(1)} ms wall (min ${Math.min(...wall).toFixed(1)}), ` +
      `${median(cpu).toFixed(1)} ms CPU (min ${Math.min(...cpu).toFixed(1)}), ${runs} runs; ` +
      `${graph.nodes.length} nodes, ${graph.edges.length} edges; heap +${mb(retained)} over the baseline with the last graph alive; ` +
      `JSON ${mb(json.length)} in ${serialiseMs.toFixed(1)} ms`,
  );
}
console.log(`process: heap used ${mb(heapUsed())}, rss ${mb(process.memoryUsage().rss)}`);
