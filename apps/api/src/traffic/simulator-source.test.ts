import { describe, expect, it } from 'vitest';
import type { Graph } from '@sluice/model';
import { buildGraph } from '../graph/build-graph';
import { buildServiceTraffic } from './service-traffic';
import { createSimulatorSource } from './simulator-source';
import { canaryOnlyProfile, demoappMesh, editRoute, graphQuery } from './sim-test-kit';

const PROXY = 'app:demoapp:proxy:v0.1.1';
const DEMOAPP = 'service:demoapp:demoapp';
const V10 = 'app:demoapp:demoapp:v1.0';
const V11 = 'app:demoapp:demoapp:v1.1';

const find = (g: Graph, source: string, target: string, mirrored = false) =>
  g.edges.find((e) => e.source === source && e.target === target && (e.mirrored ?? false) === mirrored);

async function graphAfter(mesh: ReturnType<typeof demoappMesh>, ms = 60_000): Promise<Graph> {
  mesh.sim.advance(ms);
  const traffic = await createSimulatorSource(mesh.sim).query(['demoapp'], '30s');
  return buildGraph(mesh.config.snapshot(), traffic, graphQuery(['demoapp']));
}

describe('simulator source + buildGraph', () => {
  it('answers windows in the model vocabulary and rejects a bad window', async () => {
    const mesh = demoappMesh();
    mesh.sim.advance(10_000);
    const source = createSimulatorSource(mesh.sim);
    expect(source.kind).toBe('simulated');
    expect(await source.ping()).toBe(true);
    const w = await source.query(['demoapp'], '30s');
    expect(w.requests.length).toBeGreaterThan(0);
    await expect(source.query(['demoapp'], 'soon')).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('abort 20% 555 on the canary route: errorRate ~0.2 and 555 in the responses', async () => {
    const mesh = demoappMesh(canaryOnlyProfile);
    mesh.config.update(
      editRoute('demoapp', 'canary', (r) => ({
        ...r,
        fault: { abort: { httpStatus: 555, percentage: { value: 20 } } },
      })),
    );
    const g = await graphAfter(mesh);
    const e = find(g, PROXY, DEMOAPP);
    expect(e?.errorRate).toBeGreaterThan(0.17);
    expect(e?.errorRate).toBeLessThan(0.23);
    expect(e?.responses['555']).toBeGreaterThan(0);
    // Aborted requests never reach a pod: the version edge carries only what v1.1 served.
    expect(find(g, DEMOAPP, V11)?.errorRate).toBe(0);
    expect(g.nodes.find((n) => n.id === DEMOAPP)?.flags.faultInjection).toBe(true);
    // The traffic view agrees: v1.1 served without errors, the aborts are listed apart (no version).
    const view = buildServiceTraffic(
      mesh.config.snapshot(),
      await createSimulatorSource(mesh.sim).query(['demoapp'], '30s'),
      'demoapp',
      'demoapp',
      '30s',
    );
    const v11 = view.observed.versions.find((v) => v.version === 'v1.1');
    expect(v11?.share).toBeCloseTo(1, 5);
    expect(v11?.errorRate).toBe(0);
    const aborted = view.observed.unrouted?.find((u) => u.reason === 'fault_abort');
    expect(aborted?.errorRate).toBe(1);
    const abortShare = (aborted?.rps ?? 0) / view.observed.rps;
    expect(abortShare).toBeGreaterThan(0.17);
    expect(abortShare).toBeLessThan(0.23);
  });

  it('mirror to v11: a mirrored edge to demoapp v1.1, live shares unchanged', async () => {
    const before = await graphAfter(demoappMesh());
    const mesh = demoappMesh();
    mesh.config.update(
      editRoute('demoapp', 'default', (r) => ({
        ...r,
        mirror: { host: 'demoapp', subset: 'v11' },
        mirrorPercentage: { value: 100 },
      })),
    );
    const after = await graphAfter(mesh);
    const mirrored = find(after, PROXY, V11, true);
    expect(mirrored).toMatchObject({ mirrored: true, share: 0 });
    expect(mirrored?.rps).toBeGreaterThan(0);
    for (const target of [V10, V11]) {
      expect(find(after, DEMOAPP, target)?.share).toBeCloseTo(find(before, DEMOAPP, target)?.share ?? -1, 1);
    }
    const live = after.edges.filter((e) => e.source === DEMOAPP && !e.mirrored).reduce((a, e) => a + e.share, 0);
    expect(live).toBeCloseTo(1);
    expect(after.nodes.find((n) => n.id === DEMOAPP)?.flags.mirroring).toBe(true);
  });

  it('delay 20% 3s: p95 above 3000 ms', async () => {
    const mesh = demoappMesh(canaryOnlyProfile);
    mesh.config.update(
      editRoute('demoapp', 'canary', (r) => ({
        ...r,
        fault: { delay: { fixedDelay: '3s', percentage: { value: 20 } } },
      })),
    );
    const g = await graphAfter(mesh);
    expect(find(g, PROXY, DEMOAPP)?.latencyP95Ms).toBeGreaterThan(3000);
  });
});
