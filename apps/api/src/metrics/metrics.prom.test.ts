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
import type { MetricsResponse } from '@sluice/model';
import { createPrometheusSource } from '../traffic/prometheus-source';
import { getMetrics } from './get-metrics';

/*
 * Metrics over time through Prometheus range queries (Debian's /usr/bin/prometheus scraping the
 * simulator's /metrics every second): reviews goes from all-v1 to all-v3 halfway; the per-version
 * series read with query_range show v1 before and v3 after, and agree with the simulator's own
 * window rates within Prometheus's extrapolation.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const NS = 'bookinfo';

describe('metrics over time from a real Prometheus', () => {
  let mesh: ScenarioSim;
  let metrics: MetricsServer;
  let prom: PrometheusHandle;
  let shiftedAt = 0;

  beforeAll(async () => {
    const busy = { ...bookinfoProfile, generators: bookinfoProfile.generators.map((g) => ({ ...g, rps: 100 })) };
    const route = (v1: number, v3: number) => (spec: Record<string, unknown>) => ({
      ...spec,
      http: [{ name: 'default', route: weightedRoute('reviews', { v1, v3 }) }],
    });
    mesh = scenarioSimulator([NS], {
      profiles: [busy],
      realtime: true,
      clock: { now: () => Date.now() },
      tickMs: 250,
      batched: true,
      edit: (s) => editVirtualService(s, NS, 'reviews', route(100, 0)),
    });
    mesh.sim.start();
    metrics = await mesh.sim.serveMetrics({ host: '127.0.0.1', port: 0 });
    prom = await startPrometheus({ targets: [new URL(metrics.url).host] });
    await prom.waitForTargets();
    await sleep(15_000);
    shiftedAt = Date.now();
    mesh.config.update((s) => editVirtualService(s, NS, 'reviews', route(0, 100)));
    await sleep(16_000);
  }, 90_000);

  afterAll(async () => {
    await prom?.stop();
    await metrics?.close();
    mesh?.sim.stop();
  });

  it('shows the shift v1 -> v3 in the per-version inbound rate of reviews, step by step', async () => {
    const source = createPrometheusSource({ url: prom.url });
    const m: MetricsResponse = await getMetrics(
      { snapshot: mesh.config.snapshot(), traffic: source },
      { kind: 'service', namespace: NS, name: 'reviews' },
      { range: '30s', step: '5s' },
    );
    expect(m.source).toBe('prometheus');
    expect(m.timestamps).toHaveLength(6);
    const series = (metric: string, version: string) =>
      m.series.find((s) => s.metric === metric && s.direction === 'inbound' && s.version === version)?.values ?? [];
    const v1 = series('requestRate', 'v1');
    const v3 = series('requestRate', 'v3');
    const rateWindowMs = Number(m.rateWindow.replace('s', '')) * 1000;
    let before = 0;
    let after = 0;
    m.timestamps.forEach((t, i) => {
      // A step whose whole rate window lies after the shift (plus a scrape and a tick) is all v3.
      if (t - rateWindowMs > shiftedAt + 2000) {
        after++;
        expect(v1[i] ?? 0).toBe(0);
        expect(v3[i]).toBeGreaterThan(0);
        // The simulator's own rate over the same window, within Prometheus's extrapolation.
        const truth = (mesh.sim.stepRows(rateWindowMs / 1000, t, [NS])?.requests ?? [])
          .filter((r) => r.reporter === 'source' && r.destinationServiceName === 'reviews')
          .reduce((a, r) => a + r.rps, 0);
        expect(Math.abs((v3[i] ?? 0) - truth) / truth).toBeLessThan(0.15);
      }
      if (t < shiftedAt - 1000) {
        before++;
        expect(v1[i]).toBeGreaterThan(0);
        expect(v3[i] ?? 0).toBe(0);
      }
    });
    expect(before).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(0);
    expect(series('p95', 'v3').at(-1)).toBeGreaterThan(0);
  });

  it('refuses with unavailable once Prometheus is gone', async () => {
    const source = createPrometheusSource({ url: prom.url, timeoutMs: 2000 });
    await prom.stop();
    await expect(
      getMetrics(
        { snapshot: mesh.config.snapshot(), traffic: source },
        { kind: 'service', namespace: NS, name: 'reviews' },
        { range: '30s', step: '5s' },
      ),
    ).rejects.toMatchObject({ code: 'unavailable', status: 503 });
  });
});
