import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsServer } from '@sluice/mesh-sim';
import { bookinfoProfile } from '@sluice/mesh-sim';
import {
  editVirtualService,
  scenarioSimulator,
  startPrometheus,
  weightedRoute,
  type PrometheusHandle,
  type ScenarioSim,
} from '@sluice/mesh-sim/testing';
import { buildGraph } from '../graph/build-graph';
import { createPrometheusSource } from './prometheus-source';
import { graphQuery } from './sim-test-kit';

/*
 * The Prometheus source against a real Prometheus (Debian's /usr/bin/prometheus) scraping the
 * simulator's /metrics every second: the same PromQL a real Istio needs. Reviews is set to 20/80
 * v1/v3; the graph's reviews -> v3 edge must carry 0.8 +- 0.05. Load is raised to 200 users/s so a
 * 15 s window holds thousands of requests and the tolerance is statistical, not luck.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Prometheus source (real Prometheus)', () => {
  let mesh: ScenarioSim;
  let metrics: MetricsServer;
  let prom: PrometheusHandle;

  beforeAll(async () => {
    const busy = { ...bookinfoProfile, generators: bookinfoProfile.generators.map((g) => ({ ...g, rps: 200 })) };
    mesh = scenarioSimulator(['bookinfo'], {
      profiles: [busy],
      realtime: true,
      clock: { now: () => Date.now() },
      tickMs: 250,
      batched: true,
      edit: (s) =>
        editVirtualService(s, 'bookinfo', 'reviews', (spec) => ({
          ...spec,
          http: [{ name: 'default', route: weightedRoute('reviews', { v1: 20, v3: 80 }) }],
        })),
    });
    mesh.sim.start();
    metrics = await mesh.sim.serveMetrics({ host: '127.0.0.1', port: 0 });
    prom = await startPrometheus({ targets: [new URL(metrics.url).host] });
    await prom.waitForTargets();
    await sleep(16_000);
  }, 60_000);

  afterAll(async () => {
    await prom?.stop();
    await metrics?.close();
    mesh?.sim.stop();
  });

  it('gives the reviews -> v3 edge a share of 0.8 +- 0.05', async () => {
    const source = createPrometheusSource({ url: prom.url });
    expect(await source.ping()).toBe(true);
    const traffic = await source.query(['bookinfo'], '15s');
    expect(traffic.requests.some((s) => s.reporter === 'source')).toBe(true);
    expect(traffic.latencies.length).toBeGreaterThan(0);
    const graph = buildGraph(mesh.config.snapshot(), traffic, graphQuery(['bookinfo']));
    const v3 = graph.edges.find(
      (e) => e.source === 'service:bookinfo:reviews' && e.target === 'app:bookinfo:reviews:v3',
    );
    expect(v3?.share).toBeGreaterThan(0.75);
    expect(v3?.share).toBeLessThan(0.85);
    expect(v3?.latencyP95Ms).toBeGreaterThan(0);
  });

  it('rejects with unavailable once Prometheus is stopped, and ping is false', async () => {
    const source = createPrometheusSource({ url: prom.url, timeoutMs: 2000 });
    await prom.stop();
    await expect(source.query(['bookinfo'], '15s')).rejects.toMatchObject({ code: 'unavailable', status: 503 });
    expect(await source.ping()).toBe(false);
  });
});
