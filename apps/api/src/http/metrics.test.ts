import { bookinfoProfile, createSimulator, type Simulator } from '@sluice/mesh-sim';
import {
  appDetailSchema,
  metricsResponseSchema,
  overviewSchema,
  workloadDetailSchema,
  type MetricsResponse,
} from '@sluice/model';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createDemoStore } from '../cluster/demo-store';
import { createSimulatorSource } from '../traffic/simulator-source';
import { reviewsWeights } from '../test-kit/reviews-weights';
import { testApp } from './test-kit';

/*
 * Metrics over time and the overview against the simulator's ground truth (issue 18). The demo store
 * is the simulator's config, as in demo mode; the API's clock is the simulator's, so the change
 * markers and the series share one time axis. Simulated time moves by hand, aligned to the step.
 */

const START = Date.UTC(2026, 0, 1);
const NS = 'bookinfo';

function liveApp() {
  const store = createDemoStore();
  const sim = createSimulator({ config: store, profiles: [bookinfoProfile], seed: 7, clock: { now: () => START } });
  const { app } = testApp({ store, traffic: createSimulatorSource(sim), clock: () => sim.now() });
  return { app, sim };
}

type App = ReturnType<typeof liveApp>['app'];

async function metrics(app: App, path: string, query = 'range=5m&step=10s'): Promise<MetricsResponse> {
  const res = await request(app).get(`/api/namespaces/${NS}/${path}/metrics?${query}`).expect(200);
  return metricsResponseSchema.parse(res.body);
}

async function shiftReviews(app: App, v1: number, v3: number, dryRun = false) {
  const path = `/api/namespaces/${NS}/virtualservices/reviews`;
  const rv = (await request(app).get(path).expect(200)).body.metadata.resourceVersion as string;
  await request(app)
    .post(`${path}/edits${dryRun ? '?dryRun=true' : ''}`)
    .send({ resourceVersion: rv, edits: [reviewsWeights(v1, v3)] })
    .expect(200);
}

function values(m: MetricsResponse, metric: string, direction: string, version: string): (number | null)[] {
  const s = m.series.find((x) => x.metric === metric && x.direction === direction && x.version === version);
  if (!s)
    throw new Error(
      `no ${metric} ${direction} ${version} series in ${m.series.map((x) => `${x.metric}/${x.direction}/${x.version}`).join(' ')}`,
    );
  return s.values;
}

/** The simulator's own rate of requests into reviews at `version`, over the `seconds` ending now (reporter=source). */
function truth(sim: Simulator, version: string, seconds: number): number {
  return sim
    .query(seconds, [NS])
    .requests.filter(
      (r) =>
        r.reporter === 'source' && r.destinationServiceName === 'reviews' && r.destinationCanonicalRevision === version,
    )
    .reduce((a, r) => a + r.rps, 0);
}

describe('GET /api/namespaces/:ns/services/:name/metrics (simulator ground truth)', () => {
  it('a weight shift v1 -> v3 shows in the per-version rate series within one step, with its marker', async () => {
    const { app, sim } = liveApp();
    sim.advance(120_000);
    await shiftReviews(app, 0, 100);
    const writtenAt = sim.now();
    sim.advance(60_000);

    const m = await metrics(app, 'services/reviews');
    expect(m.source).toBe('simulated');
    expect(m.rateWindow).toBe('10s');
    expect(m.timestamps).toHaveLength(30);
    expect(m.timestamps.at(-1)).toBe(sim.now());
    expect(m.directions.map((d) => [d.direction, d.reporter])).toEqual([
      ['inbound', 'source'],
      ['outbound', 'source'],
    ]);

    const v1 = values(m, 'requestRate', 'inbound', 'v1');
    const v3 = values(m, 'requestRate', 'inbound', 'v3');
    const writeStep = m.timestamps.findIndex((t) => t >= writtenAt);
    m.timestamps.forEach((t, i) => {
      if (t <= START) {
        // Before the simulator started: no data, never a zero.
        expect(v1[i]).toBeNull();
        return;
      }
      if (i < writeStep) {
        expect(v3[i]).toBe(0);
        expect(v1[i]).toBeGreaterThan(0);
      }
      // Every step starting after the write (config applies within one tick) is all v3.
      if (i > writeStep) {
        expect(v1[i]).toBe(0);
        expect(v3[i]).toBeGreaterThan(0);
      }
    });
    // The last step is exactly the simulator's own 10 s window.
    expect(v3.at(-1)).toBeCloseTo(truth(sim, 'v3', 10), 9);
    expect(values(m, 'p95', 'inbound', 'v3').at(-1)).toBeGreaterThan(0);
    expect(values(m, 'errorRate', 'inbound', 'v3').at(-1)).toBe(0);
    // reviews calls ratings from v2/v3 only: v3's outbound rate appears after the shift.
    expect(values(m, 'requestRate', 'outbound', 'v3').at(-1)).toBeGreaterThan(0);

    expect(m.markers).toHaveLength(1);
    expect(m.markers[0]).toMatchObject({
      action: 'edit',
      kind: 'VirtualService',
      name: 'reviews',
      summary: 'edit: setWeights',
    });
    expect(Date.parse(m.markers[0]?.at ?? '')).toBe(writtenAt);
  });

  it('markers are real writes only: a dry run leaves none, and another service does not see them', async () => {
    const { app, sim } = liveApp();
    sim.advance(30_000);
    await shiftReviews(app, 50, 50, true);
    sim.advance(10_000);
    expect((await metrics(app, 'services/reviews')).markers).toEqual([]);
    await shiftReviews(app, 50, 50);
    sim.advance(10_000);
    expect((await metrics(app, 'services/reviews')).markers).toHaveLength(1);
    expect((await metrics(app, 'services/ratings')).markers).toEqual([]);
    // The workloads behind reviews see the write to the VirtualService of their service.
    expect((await metrics(app, 'workloads/reviews-v3')).markers).toHaveLength(1);
  });

  it('workload metrics: inbound from its own sidecar, outbound to ratings', async () => {
    const { app, sim } = liveApp();
    await shiftReviews(app, 0, 100);
    sim.advance(60_000);
    const m = await metrics(app, 'workloads/reviews-v3', 'range=1m&step=15s');
    expect(m.directions.map((d) => d.reporter)).toEqual(['destination', 'source']);
    expect(values(m, 'requestRate', 'inbound', 'v3').at(-1)).toBeGreaterThan(0);
    expect(values(m, 'requestRate', 'outbound', 'v3').at(-1)).toBeGreaterThan(0);
    expect(m.series.every((s) => s.version === 'v3')).toBe(true);
  });

  it('bad ranges and unknown targets are refused, naming what is wrong', async () => {
    const { app } = liveApp();
    const bad = async (query: string) =>
      (await request(app).get(`/api/namespaces/${NS}/services/reviews/metrics?${query}`).expect(400)).body.error;
    expect((await bad('range=ten')).details[0].path).toBe('query.range');
    expect((await bad('range=1h&step=1s')).message).toMatch(/3600 points; at most 720/);
    expect((await bad('range=10s&step=1m')).details[0].path).toBe('query.range');
    await request(app).get(`/api/namespaces/${NS}/services/nope/metrics`).expect(404);
    await request(app).get(`/api/namespaces/${NS}/workloads/nope/metrics`).expect(404);
  });
});

describe('GET /api/namespaces/:ns/workloads/:name', () => {
  it('gives the workload with its version, replicas, services and the versions of its app', async () => {
    const { app } = liveApp();
    const res = await request(app).get(`/api/namespaces/${NS}/workloads/reviews-v3`).expect(200);
    const w = workloadDetailSchema.parse(res.body);
    expect(w).toMatchObject({ app: 'reviews', version: 'v3', services: ['reviews'] });
    expect(w.replicas).toBeGreaterThan(0);
    expect(w.siblings.map((x) => x.version)).toEqual(['v1', 'v2', 'v3']);
    await request(app).get(`/api/namespaces/${NS}/workloads/nope`).expect(404);
  });
});

describe('GET /api/namespaces/:ns/apps/:app', () => {
  it('lists the workloads of an app, one per version, and the services selecting them', async () => {
    const { app } = liveApp();
    const a = appDetailSchema.parse((await request(app).get(`/api/namespaces/${NS}/apps/reviews`).expect(200)).body);
    expect(a.workloads.map((w) => [w.name, w.version])).toEqual([
      ['reviews-v1', 'v1'],
      ['reviews-v2', 'v2'],
      ['reviews-v3', 'v3'],
    ]);
    expect(a.services).toEqual(['reviews']);
    await request(app).get(`/api/namespaces/${NS}/apps/nope`).expect(404);
  });
});

describe('GET /api/overview', () => {
  it('a card per namespace with counts and the inbound rate; a fault makes its namespace failing and first', async () => {
    const { app, sim } = liveApp();
    sim.advance(60_000);
    const before = overviewSchema.parse((await request(app).get('/api/overview').expect(200)).body);
    const bookinfo = before.namespaces.find((n) => n.name === NS);
    expect(bookinfo).toMatchObject({ services: 4, health: 'healthy', faults: [] });
    expect(bookinfo?.inboundRps).toBeGreaterThan(0);
    expect(bookinfo?.sparkline).toHaveLength(20);
    // Namespaces without traffic in this simulation are idle, never "healthy".
    expect(before.namespaces.find((n) => n.name === 'demoapp')?.health).toBe('idle');

    const path = `/api/namespaces/${NS}/virtualservices/reviews`;
    const rv = (await request(app).get(path).expect(200)).body.metadata.resourceVersion as string;
    await request(app)
      .post(`${path}/edits`)
      .send({
        resourceVersion: rv,
        edits: [
          { op: 'setFault', route: { kind: 'http', index: 0 }, fault: { abort: { percent: 50, httpStatus: 503 } } },
        ],
      })
      .expect(200);
    sim.advance(60_000);
    const after = overviewSchema.parse((await request(app).get('/api/overview').expect(200)).body);
    expect(after.namespaces[0]).toMatchObject({ name: NS, health: 'failing', faults: ['reviews'] });
    expect(after.namespaces[0]?.errorRate).toBeGreaterThan(0.05);
  });
});
