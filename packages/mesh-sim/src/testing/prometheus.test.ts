import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../engine/simulator';
import type { MetricsServer } from '../metrics/serve-metrics';
import { bookinfoProfile } from '../scenarios/profiles';
import { startPrometheus, type PrometheusHandle } from './prometheus';
import { editVirtualService, scenarioSimulator, weightedRoute } from './scenario-sim';

/*
 * A real Prometheus scrapes the simulator's /metrics every second, and the PromQL Kiali and
 * Flagger use returns the configured split. Bounded to ~20 s: a 10 s rate window after the
 * first scrapes.
 */

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('a real Prometheus reads the configured split from /metrics', () => {
  let sim: Simulator;
  let server: MetricsServer;
  let prom: PrometheusHandle;

  beforeAll(async () => {
    ({ sim } = scenarioSimulator(['bookinfo'], {
      realtime: true,
      tickMs: 200,
      clock: { now: () => Date.now() },
      profiles: [{ ...bookinfoProfile, generators: bookinfoProfile.generators.map((g) => ({ ...g, rps: 150 })) }],
      edit: (s) =>
        editVirtualService(s, 'bookinfo', 'reviews', (spec) => ({
          ...spec,
          http: [{ route: weightedRoute('reviews', { v1: 20, v3: 80 }) }],
        })),
    }));
    sim.start();
    server = await sim.serveMetrics({ host: '127.0.0.1', port: 0 });
    prom = await startPrometheus({ targets: [new URL(server.url).host] });
    await prom.waitForTargets();
  }, 40_000);

  afterAll(async () => {
    sim?.stop();
    await prom?.stop();
    await server?.close();
  });

  it('sum by (destination_canonical_revision) (rate(istio_requests_total{reporter="destination",destination_service_name="reviews"}[10s])) is 20/80', async () => {
    await sleep(11_000);
    const result = await prom.query(
      'sum by (destination_canonical_revision) (rate(istio_requests_total{reporter="destination",destination_service_name="reviews"}[10s]))',
    );
    const byRevision = new Map(result.map((s) => [s.metric.destination_canonical_revision, s.value]));
    expect([...byRevision.keys()].sort()).toEqual(['v1', 'v3']);
    const total = (byRevision.get('v1') ?? 0) + (byRevision.get('v3') ?? 0);
    expect(total).toBeGreaterThan(100);
    expect(Math.abs((byRevision.get('v3') ?? 0) / total - 0.8)).toBeLessThan(0.05);

    // The duration histogram has Istio's shape: histogram_quantile works on it.
    const [p95] = await prom.query(
      'histogram_quantile(0.95, sum by (le) (rate(istio_request_duration_milliseconds_bucket{reporter="destination",destination_service_name="reviews"}[10s])))',
    );
    expect(p95?.value).toBeGreaterThan(1);
    expect(p95?.value).toBeLessThan(250);
  }, 30_000);
});
