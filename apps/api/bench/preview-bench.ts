/*
 * Traffic preview benchmark: `npm run bench:preview` (root). On the simulator's synthetic mesh (default
 * 1,000 services x 3 versions) with one 30 s window, previews a weight change on one VirtualService
 * and prints the median time of predictTraffic alone and of the whole preview (two graph builds plus
 * pairing), wall clock and this process's CPU time. Figures only, no assertions.
 *
 * Options: --services N (default 1000), --versions V (3), --runs R (5).
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { observedMix, predictTraffic, snapshotFromManifests, type MeshSnapshot } from '@sluice/model';
import { createSimulator, createStaticConfigSource, syntheticMesh } from '@sluice/mesh-sim';
import { previewGraph } from '../src/preview/graph-preview';

const { values } = parseArgs({
  options: {
    services: { type: 'string', default: '1000' },
    versions: { type: 'string', default: '3' },
    runs: { type: 'string', default: '5' },
  },
});
const services = Number(values.services);
const versions = Number(values.versions);
const runs = Math.max(1, Number(values.runs));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const mesh = syntheticMesh({ services, versions });
const current = snapshotFromManifests(mesh.manifests);
const sim = createSimulator({
  config: createStaticConfigSource(current),
  profiles: mesh.profiles,
  seed: 7,
  clock: { now: () => 0 },
  batched: true,
});
sim.advance(30_000);
const traffic = sim.query(30, mesh.namespaces);

// The candidate: the first VirtualService's first http route sends everything to its last destination.
const [first, ...rest] = current.virtualServices;
if (!first) throw new Error('the synthetic mesh has no VirtualService');
const route = first.spec.http?.[0];
const last = route?.route?.[route.route.length - 1];
const edited = {
  ...first,
  spec: {
    ...first.spec,
    http: [{ ...route, route: last ? [{ ...last, weight: 100 }] : [] }, ...(first.spec.http ?? []).slice(1)],
  },
};
const candidate: MeshSnapshot = { ...current, virtualServices: [edited, ...rest] };
console.log(
  `mesh: ${services} services x ${versions} versions; ${current.virtualServices.length} VirtualServices; ` +
    `window: ${traffic.requests.length} request samples; change: ${first.metadata.namespace}/${first.metadata.name}`,
);

function time(label: string, fn: () => unknown): void {
  fn(); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  console.log(
    `${label.padEnd(16)} median ${median(wall).toFixed(1)} ms wall (min ${Math.min(...wall).toFixed(1)}), ` +
      `${median(cpu).toFixed(1)} ms CPU, ${runs} runs`,
  );
}

const query = {
  namespaces: mesh.namespaces,
  graphType: 'versionedApp' as const,
  window: '30s',
  injectServiceNodes: true,
};
time('predictTraffic', () => predictTraffic({ current, candidate }, observedMix(traffic)));
time('whole preview', () => previewGraph({ current, candidate, traffic, query }));
const p = previewGraph({ current, candidate, traffic, query });
console.log(
  `preview: ${p.edges.length} edges (${p.edges.filter((e) => e.change !== 'same').length} not the same), ` +
    `${p.blastRadius.length} nodes in the blast radius, ${p.assumptions.length} assumptions; ` +
    `heap ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`,
);
const same = previewGraph({ current, candidate: current, traffic, query });
console.log(
  `identical config: ${same.edges.filter((e) => e.change !== 'same').length} of ${same.edges.length} edges flagged, ` +
    `${same.blastRadius.length} nodes in the blast radius (sampling noise only: both should be near 0)`,
);
