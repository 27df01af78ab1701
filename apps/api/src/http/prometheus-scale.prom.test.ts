import { createServer, request as httpRequest, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { bookinfoProfile, createSimulator, type MetricsServer, type Simulator } from '@sluice/mesh-sim';
import { startPrometheus, type PrometheusHandle } from '@sluice/mesh-sim/testing';
import { graphSchema, type Graph } from '@sluice/model';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoStore } from '../cluster/demo-store';
import type { MeshStore } from '../cluster/mesh-store';
import { createPrometheusSource, type PrometheusSourceOptions } from '../traffic/prometheus-source';
import { testApp } from './test-kit';

/*
 * The graph at scale's safety rails against a real Prometheus (Debian's) scraping the simulator every
 * 2 s with Istio's recording rules loaded (deploy/prometheus/istio-recording-rules.yml):
 * - a window shorter than 4 scrape intervals is widened, and the answer says so;
 * - a latency query that does not answer in time gives the graph with rates and `partial`, never an
 *   empty graph, and the latency lands on a later answer (a proxy holds bucket queries for 3 s);
 * - the recording-rule path and the raw path give the same edges on the same data.
 */

const RULES = fileURLToPath(new URL('../../../../deploy/prometheus/istio-recording-rules.yml', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Forwards to Prometheus, holding duration-bucket queries back for `delayMs` (a slow latency query). */
function slowLatencyProxy(target: string, delayMs: number): Promise<{ url: string; server: Server }> {
  const to = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const slow = decodeURIComponent(body.toString()).includes('_bucket');
      setTimeout(
        () => {
          const upstream = httpRequest(
            { host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers },
            (r) => {
              res.writeHead(r.statusCode ?? 502, r.headers);
              r.pipe(res);
            },
          );
          upstream.on('error', () => res.destroy());
          upstream.end(body);
        },
        slow ? delayMs : 0,
      );
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      resolve({ url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`, server });
    }),
  );
}

describe('graph on a real Prometheus: windows, partial latency, recording rules', () => {
  let store: MeshStore;
  let sim: Simulator;
  let metrics: MetricsServer;
  let prom: PrometheusHandle;
  let proxy: { url: string; server: Server };

  beforeAll(async () => {
    store = createDemoStore();
    const busy = { ...bookinfoProfile, generators: bookinfoProfile.generators.map((g) => ({ ...g, rps: 100 })) };
    sim = createSimulator({ config: store, profiles: [busy], seed: 5, realtime: true, tickMs: 250, batched: true });
    sim.start();
    metrics = await sim.serveMetrics({ host: '127.0.0.1', port: 0 });
    prom = await startPrometheus({ targets: [new URL(metrics.url).host], scrapeInterval: '2s', ruleFiles: [RULES] });
    await prom.waitForTargets();
    proxy = await slowLatencyProxy(prom.url, 3000);
    // Enough scrapes (and rule evaluations) for a 20 s window.
    await sleep(22_000);
  }, 60_000);

  afterAll(async () => {
    await new Promise((r) => proxy?.server.close(r));
    await prom?.stop();
    await metrics?.close();
    sim?.stop();
  });

  const graphVia = async (o: Omit<PrometheusSourceOptions, 'url'> & { url?: string }, window: string) => {
    const { app } = testApp({ store, traffic: createPrometheusSource({ url: prom.url, ...o }) });
    try {
      const res = await request(app).get(`/api/graph?namespaces=bookinfo&window=${window}`).expect(200);
      return graphSchema.parse(res.body);
    } finally {
      app.shutdown();
    }
  };

  it('widens a 5 s window to 4 scrape intervals (8 s) and says so, with traffic on the edges', async () => {
    const graph = await graphVia({}, '5s');
    expect(graph.window).toBe('8s');
    expect(graph.windowWidenedFrom).toBe('5s');
    expect(graph.scrapeIntervalSeconds).toBe(2);
    expect(graph.windowNote).toMatch(/every 2 s/);
    expect(graph.edges.length).toBeGreaterThan(5);
    expect(graph.emptyReason).toBeUndefined();
  }, 20_000);

  it('serves rates with a partial marker when latency is late, and the latency on a later answer', async () => {
    const source = createPrometheusSource({ url: proxy.url, latencyWaitMs: 500, metrics: 'raw' });
    const { app } = testApp({ store, traffic: source });
    try {
      const get = async (): Promise<Graph> =>
        graphSchema.parse((await request(app).get('/api/graph?namespaces=bookinfo&window=20s').expect(200)).body);
      const first = await get();
      expect(first.partial?.missing).toEqual(['latency']);
      expect(first.partial?.reason).toMatch(/latency/);
      const reviews = first.edges.filter((e) => e.source === 'service:bookinfo:reviews');
      expect(reviews.length).toBeGreaterThan(0);
      expect(reviews.every((e) => e.rps > 0 && e.latencyP95Ms === undefined)).toBe(true);
      await sleep(4000);
      const later = await get();
      expect(later.partial).toBeUndefined();
      expect(later.edges.find((e) => e.source === 'service:bookinfo:reviews')?.latencyP95Ms).toBeGreaterThan(0);
    } finally {
      app.shutdown();
    }
  }, 30_000);

  it('gives the same edges from the recording rules as from the raw metrics', async () => {
    const [raw, recorded] = await Promise.all([
      graphVia({ metrics: 'raw' }, '20s'),
      graphVia({ metrics: 'recorded' }, '20s'),
    ]);
    const ids = (g: Graph) => g.edges.map((e) => e.id).sort();
    expect(ids(raw).length).toBeGreaterThan(5);
    expect(ids(recorded)).toEqual(ids(raw));
    for (const e of raw.edges) {
      const r = recorded.edges.find((x) => x.id === e.id);
      // Rule evaluation and scrapes are not aligned: the same traffic, sampled at slightly other times.
      expect(Math.abs((r?.rps ?? 0) - e.rps)).toBeLessThanOrEqual(Math.max(0.5, 0.15 * e.rps));
      expect(Math.abs((r?.share ?? 0) - e.share)).toBeLessThan(0.08);
    }
  }, 20_000);
});
