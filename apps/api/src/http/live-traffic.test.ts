import { bookinfoProfile, createSimulator, demoappProfile, type ScenarioProfile } from '@sluice/mesh-sim';
import { graphSchema, type Graph } from '@sluice/model';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createDemoStore } from '../cluster/demo-store';
import { createSimulatorSource } from '../traffic/simulator-source';
import { testApp } from './test-kit';
import { reviewsWeights } from '../test-kit/reviews-weights';

/*
 * End to end through the HTTP API: a write goes into the demo store, the simulator (subscribed to that
 * store, exactly as in demo mode) routes by it, and the graph shows the effect. Simulated time is
 * advanced by hand, so "within 30 s" costs milliseconds and a fixed seed makes every run the same.
 */

const START = Date.UTC(2026, 0, 1);

function liveApp(profiles: ScenarioProfile[]) {
  const store = createDemoStore();
  // The simulator reads the same store the API writes, as in demo mode.
  const sim = createSimulator({ config: store, profiles, seed: 11, clock: { now: () => START } });
  return { app: testApp({ store, traffic: createSimulatorSource(sim) }).app, sim };
}

async function graph(app: ReturnType<typeof liveApp>['app'], namespace: string, window = '30s'): Promise<Graph> {
  const res = await request(app).get(`/api/graph?namespaces=${namespace}&window=${window}`).expect(200);
  return graphSchema.parse(res.body);
}

const edge = (g: Graph, source: string, target: string, mirrored = false) =>
  g.edges.find((e) => e.source === source && e.target === target && Boolean(e.mirrored) === mirrored);

async function edit(app: ReturnType<typeof liveApp>['app'], namespace: string, name: string, edits: unknown[]) {
  const path = `/api/namespaces/${namespace}/virtualservices/${name}`;
  const rv = (await request(app).get(path).expect(200)).body.metadata.resourceVersion as string;
  await request(app).post(`${path}/edits`).send({ resourceVersion: rv, edits }).expect(200);
}

/** Only in-mesh clients on one path, so one hop carries one route's traffic. */
function meshOnly(profile: ScenarioProfile, path: string, rps: number): ScenarioProfile {
  return {
    ...profile,
    generators: profile.generators
      .filter((g) => g.entry.kind === 'mesh')
      .map((g) => ({ ...g, rps, mix: [{ weight: 1, path }] })),
  };
}

describe('live traffic through the API (demo store + simulator)', () => {
  it('setWeights 20/80 on bookinfo reviews: the reviews -> v3 edge carries 0.8 +- 0.05 within 30 s', async () => {
    const { app, sim } = liveApp([bookinfoProfile]);
    sim.advance(30_000);
    expect(edge(await graph(app, 'bookinfo'), 'service:bookinfo:reviews', 'app:bookinfo:reviews:v1')?.share).toBe(1);

    await edit(app, 'bookinfo', 'reviews', [reviewsWeights(20, 80)]);
    sim.advance(30_000);
    const after = await graph(app, 'bookinfo');
    expect(
      Math.abs((edge(after, 'service:bookinfo:reviews', 'app:bookinfo:reviews:v3')?.share ?? 0) - 0.8),
    ).toBeLessThanOrEqual(0.05);
  });

  it('setFault abort 20% 555 on demoapp canary: errorRate ~0.2 with 555 responses; clearing it brings it back to ~0', async () => {
    const { app, sim } = liveApp([meshOnly(demoappProfile, '/canary', 40)]);
    const canary = { kind: 'http', name: 'canary' };
    const intoDemoapp = (g: Graph) => g.edges.filter((e) => e.target === 'service:demoapp:demoapp' && !e.mirrored);

    await edit(app, 'demoapp', 'demoapp', [
      { op: 'setFault', route: canary, fault: { abort: { percent: 20, httpStatus: 555 } } },
    ]);
    sim.advance(60_000);
    const faulty = intoDemoapp(await graph(app, 'demoapp'));
    expect(faulty).toHaveLength(1);
    expect(faulty[0]!.errorRate).toBeGreaterThan(0.15);
    expect(faulty[0]!.errorRate).toBeLessThan(0.25);
    expect(faulty[0]!.responses['555']).toBeGreaterThan(0);

    await edit(app, 'demoapp', 'demoapp', [{ op: 'setFault', route: canary, fault: null }]);
    sim.advance(60_000);
    const healed = intoDemoapp(await graph(app, 'demoapp'));
    expect(healed[0]!.errorRate).toBeLessThan(0.02);
    expect(healed[0]!.responses['555'] ?? 0).toBe(0);
  });

  it('setMirror to v11: a mirrored edge to demoapp v11 appears and the live shares stay as they were', async () => {
    const { app, sim } = liveApp([meshOnly(demoappProfile, '/', 40)]);
    sim.advance(60_000);
    const before = await graph(app, 'demoapp', '60s');
    // Subsets v10/v11 select the version labels v1.0/v1.1, which name the graph's nodes.
    const liveShare = (g: Graph, version: string) =>
      edge(g, 'service:demoapp:demoapp', `app:demoapp:demoapp:${version}`)?.share ?? 0;
    expect(liveShare(before, 'v1.0')).toBeGreaterThan(0.85);

    await edit(app, 'demoapp', 'demoapp', [
      {
        op: 'setMirror',
        route: { kind: 'http', name: 'default' },
        mirror: { destination: { host: 'demoapp', subset: 'v11' }, percent: 100 },
      },
    ]);
    sim.advance(60_000);
    const after = await graph(app, 'demoapp', '60s');
    const mirrored = after.edges.filter((e) => e.mirrored && e.target === 'app:demoapp:demoapp:v1.1');
    expect(mirrored.length).toBeGreaterThan(0);
    expect(mirrored[0]!.rps).toBeGreaterThan(0);
    expect(Math.abs(liveShare(after, 'v1.0') - liveShare(before, 'v1.0'))).toBeLessThan(0.05);
    expect(Math.abs(liveShare(after, 'v1.1') - liveShare(before, 'v1.1'))).toBeLessThan(0.05);
    // Mirrored requests are never counted into the live edges' shares.
    const live = after.edges.filter((e) => e.source === 'service:demoapp:demoapp' && !e.mirrored);
    expect(live.reduce((sum, e) => sum + e.share, 0)).toBeCloseTo(1, 5);
  });
});
