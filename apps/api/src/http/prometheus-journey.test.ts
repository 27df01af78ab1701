import { bookinfoProfile, createSimulator, type MetricsServer, type Simulator } from '@sluice/mesh-sim';
import { startPrometheus, type PrometheusHandle } from '@sluice/mesh-sim/testing';
import { graphSchema, healthSchema, type Graph } from '@sluice/model';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SluiceApp } from '../app';
import { createDemoStore } from '../cluster/demo-store';
import { createPrometheusSource } from '../traffic/prometheus-source';
import { testApp } from './test-kit';
import { reviewsWeightsRequest } from '../test-kit/reviews-weights';

/*
 * The Prometheus journey through the HTTP API, as `--demo --prometheus-url` runs it: the demo
 * store, the simulator routing by it in real time and serving /metrics, a real Prometheus (Debian's)
 * scraping every second, and the API reading Prometheus. A setWeights POST must show up in the graph
 * as 0.8 +- 0.05 on reviews -> v3; stopping Prometheus must leave the graph answering (200, topology,
 * metricsError) and healthz reporting it. Load is raised so a 15 s window holds thousands of requests.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('through the API with a real Prometheus', () => {
  let sim: Simulator;
  let metrics: MetricsServer;
  let prom: PrometheusHandle;
  let app: SluiceApp;

  beforeAll(async () => {
    const store = createDemoStore();
    const busy = { ...bookinfoProfile, generators: bookinfoProfile.generators.map((g) => ({ ...g, rps: 200 })) };
    sim = createSimulator({ config: store, profiles: [busy], seed: 5, realtime: true, tickMs: 250, batched: true });
    sim.start();
    metrics = await sim.serveMetrics({ host: '127.0.0.1', port: 0 });
    prom = await startPrometheus({ targets: [new URL(metrics.url).host] });
    await prom.waitForTargets();
    app = testApp({ store, traffic: createPrometheusSource({ url: prom.url, timeoutMs: 2000 }) }).app;
  }, 60_000);

  afterAll(async () => {
    app?.shutdown();
    await prom?.stop();
    await metrics?.close();
    sim?.stop();
  });

  const graph = async (): Promise<Graph> =>
    graphSchema.parse((await request(app).get('/api/graph?namespaces=bookinfo&window=15s').expect(200)).body);

  it('shows a 20/80 setWeights on the reviews -> v3 edge as 0.8 +- 0.05', async () => {
    const path = '/api/namespaces/bookinfo/virtualservices/reviews';
    const rv = (await request(app).get(path).expect(200)).body.metadata.resourceVersion as string;
    await request(app)
      .post(`${path}/edits`)
      .send(reviewsWeightsRequest(rv, 20, 80))
      .expect(200);
    // The 15 s window must hold only traffic routed by the new weights: wait it out plus two scrapes.
    await sleep(18_000);
    const v3 = (await graph()).edges.find(
      (e) => e.source === 'service:bookinfo:reviews' && e.target === 'app:bookinfo:reviews:v3',
    );
    expect(v3?.share).toBeGreaterThan(0.75);
    expect(v3?.share).toBeLessThan(0.85);
  }, 40_000);

  it('keeps answering with topology and metricsError once Prometheus is stopped', async () => {
    await prom.stop();
    // An answer is shared for one scrape interval (1 s here); the next one must find Prometheus gone.
    await sleep(1100);
    const degraded = await graph();
    expect(degraded.metricsError).toBeTruthy();
    expect(degraded.nodes.some((n) => n.id === 'service:bookinfo:reviews')).toBe(true);
    const health = healthSchema.parse((await request(app).get('/api/healthz').expect(200)).body);
    expect(health).toMatchObject({ status: 'degraded', metrics: 'prometheus', metricsReachable: false });
    await request(app).get('/api/namespaces').expect(200);
  }, 20_000);
});
