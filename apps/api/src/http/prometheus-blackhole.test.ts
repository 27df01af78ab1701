import { bookinfoProfile, createSimulator, type MetricsServer, type Simulator } from '@sluice/mesh-sim';
import { startPrometheus, type PrometheusHandle } from '@sluice/mesh-sim/testing';
import { graphSchema, healthSchema, type Graph } from '@sluice/model';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SluiceApp } from '../app';
import { createDemoStore } from '../cluster/demo-store';
import { startBlackholeRelay, type BlackholeRelay } from '../test-kit/blackhole-relay';
import { withCircuitBreaker, type BrokenCircuit } from '../traffic/circuit-breaker';
import { createPrometheusSource } from '../traffic/prometheus-source';
import { testApp } from './test-kit';

/*
 * A Prometheus that accepts connections and never answers (issue 14: every graph request waited the
 * full 10 s for the whole outage). A real Prometheus scrapes the simulator; the API reads it through a
 * relay that is turned into a black hole. With the circuit breaker the graph answers at once with the
 * last good edges and a metricsError saying why; the background probe closes the circuit when
 * Prometheus answers again. The durations are printed; the assertion is the bound (1 s).
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a black-holed Prometheus', () => {
  let sim: Simulator;
  let metrics: MetricsServer;
  let prom: PrometheusHandle;
  let relay: BlackholeRelay;
  let traffic: BrokenCircuit;
  let app: SluiceApp;

  beforeAll(async () => {
    const store = createDemoStore();
    sim = createSimulator({ config: store, profiles: [bookinfoProfile], seed: 5, realtime: true, tickMs: 250 });
    sim.start();
    metrics = await sim.serveMetrics({ host: '127.0.0.1', port: 0 });
    prom = await startPrometheus({ targets: [new URL(metrics.url).host] });
    await prom.waitForTargets();
    relay = await startBlackholeRelay(new URL(prom.url));
    // The production deadline of a rate query is 30 s; 10 s is the figure the issue measured.
    traffic = withCircuitBreaker(createPrometheusSource({ url: relay.url, timeoutMs: 10_000 }), {
      logger: pino({ level: 'silent' }),
      probeIntervalMs: 1_000,
      probeTimeoutMs: 500,
    });
    app = testApp({ store, traffic }).app;
  }, 60_000);

  afterAll(async () => {
    app?.shutdown();
    traffic?.stop();
    await relay?.close();
    await prom?.stop();
    await metrics?.close();
    sim?.stop();
  });

  const timedGraph = async (): Promise<{ ms: number; graph: Graph }> => {
    const started = performance.now();
    const res = await request(app).get('/api/graph?namespaces=bookinfo&window=10s').expect(200);
    return { ms: performance.now() - started, graph: graphSchema.parse(res.body) };
  };

  it('answers at once with the last good edges and says why; recovers when Prometheus answers again', async () => {
    let good: Graph | undefined;
    for (let i = 0; i < 30 && !(good && good.edges.length > 0); i++) {
      good = (await timedGraph()).graph;
      if (good.edges.length === 0) await sleep(1000);
    }
    expect(good?.edges.length).toBeGreaterThan(0);
    expect(good?.metricsError).toBeUndefined();

    relay.blackhole(true);
    const holeAt = performance.now();
    // The probe notices within an interval plus its deadline; requests meanwhile may still wait.
    while (traffic.openSince() === undefined && performance.now() - holeAt < 10_000) await sleep(100);
    const openedAfterMs = Math.round(performance.now() - holeAt);
    expect(traffic.openSince()).toBeDefined();

    const during: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { ms, graph } = await timedGraph();
      during.push(Math.round(ms));
      expect(graph.edges.map((e) => e.id).sort()).toEqual(good!.edges.map((e) => e.id).sort());
      expect(graph.metricsError).toMatch(/not answering since .*showing traffic from/);
      await sleep(300);
    }
    const health = healthSchema.parse((await request(app).get('/api/healthz').expect(200)).body);
    expect(health.metricsReachable).toBe(false);
    console.log(
      `black hole: circuit open after ${openedAfterMs} ms; graph answers during the outage: ${during.join(', ')} ms`,
    );
    expect(Math.max(...during)).toBeLessThan(1000);

    relay.blackhole(false);
    const healedAt = performance.now();
    let after: Graph | undefined;
    while (performance.now() - healedAt < 15_000) {
      after = (await timedGraph()).graph;
      if (!after.metricsError) break;
      await sleep(200);
    }
    console.log(`black hole ended: live graph again after ${Math.round(performance.now() - healedAt)} ms`);
    expect(after?.metricsError).toBeUndefined();
    expect(after?.edges.length).toBeGreaterThan(0);
  }, 90_000);
});
