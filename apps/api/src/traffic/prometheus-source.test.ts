import { describe, expect, it } from 'vitest';
import { createPrometheusSource } from './prometheus-source';
import { groupQueries, queryGroups, RAW_METRICS, RECORDED_METRICS, REQUEST_LABELS, type QueryGroup } from './promql';

const edge = {
  reporter: 'destination',
  source_workload: 'productpage-v1',
  source_workload_namespace: 'bookinfo',
  source_canonical_service: 'productpage',
  source_canonical_revision: 'v1',
  destination_service: 'reviews.bookinfo.svc.cluster.local',
  destination_service_name: 'reviews',
  destination_service_namespace: 'bookinfo',
  destination_workload: 'reviews-v3',
  destination_workload_namespace: 'bookinfo',
  destination_canonical_service: 'reviews',
  destination_canonical_revision: 'v3',
  request_protocol: 'http',
};

type Row = { metric: Record<string, string>; value: [number, string] };

/**
 * A stand-in for Prometheus's HTTP API: instant queries answered by the first key the query contains,
 * the targets API with the given scrape interval. `calls` counts instant queries. The answers are for
 * the bookinfo group; the outbound group (hops leaving the selection) gets none.
 */
function fakePrometheus(answers: Record<string, Row[]>, scrapeInterval = '1s') {
  const calls: string[] = [];
  const doFetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const path = new URL(String(url)).pathname;
    if (path.endsWith('/targets')) {
      return Response.json({ status: 'success', data: { activeTargets: [{ scrapeInterval }] } });
    }
    if (path.endsWith('/rules')) return Response.json({ status: 'success', data: { groups: [] } });
    const query = new URLSearchParams(String(init?.body)).get('query') ?? '';
    calls.push(query);
    const key = query.includes('destination_service_namespace!~')
      ? undefined
      : Object.keys(answers).find((k) => query.includes(k));
    const result = key ? answers[key] : [];
    return Response.json({ status: 'success', data: { resultType: 'vector', result } });
  }) as typeof fetch;
  return { fetch: doFetch, calls };
}

const bucketRows = (m: Record<string, string>, cumulative: [string, number][]): Row[] =>
  cumulative.map(([le, count]) => ({ metric: { ...m, le }, value: [0, String(count)] }));

describe('promql plan', () => {
  it('reads every series once: one group per namespace (inbound) and one for hops leaving the selection', () => {
    const groups = queryGroups(['bookinfo', 'demoapp']);
    expect(groups.map((g) => g.name)).toEqual(['bookinfo', 'demoapp', 'outbound']);
    expect(groups[2]?.matchers).toBe(
      'source_workload_namespace=~"bookinfo|demoapp",destination_service_namespace!~"bookinfo|demoapp"',
    );
    const q = groupQueries(RAW_METRICS, groups[0] as QueryGroup, '30s');
    expect(q.requests).toBe(
      `sum by (${REQUEST_LABELS.join(', ')}) (rate(istio_requests_total{reporter=~"source|destination",destination_service_namespace="bookinfo"}[30s]))`,
    );
    expect(q.latencyBuckets).toMatch(/^sum by \(le, reporter, .*\(rate\(istio_request_duration_milliseconds_bucket\{/);
    expect(q.latencyBuckets).not.toContain('histogram_quantile');
    // Both reporters: the graph reads the caller's latency, rollout gates the destination's.
    expect(q.latencyBuckets).toContain('{reporter=~"source|destination",destination_service_namespace="bookinfo"}');
    expect(q.tcp).toContain('istio_tcp_connections_opened_total');
    expect(groupQueries(RECORDED_METRICS, groups[0] as QueryGroup, '30s').requests).toContain(
      'rate(workload:istio_requests_total{',
    );
  });
});

describe('createPrometheusSource', () => {
  it('maps vectors to samples, tolerating missing and "unknown" labels; p50/p95/p99 from one bucket query', async () => {
    const prom = fakePrometheus({
      'sum by (reporter, source_workload, source_workload_namespace, source_canonical_service, source_canonical_revision, destination_service, destination_service_name, destination_service_namespace, destination_workload, destination_workload_namespace, destination_canonical_service, destination_canonical_revision, request_protocol, response_code':
        [
          { metric: { ...edge, response_code: '200', response_flags: '-' }, value: [0, '8'] },
          {
            metric: {
              reporter: 'source',
              source_workload: 'productpage-v1',
              destination_workload: 'unknown',
              response_code: '555',
              response_flags: 'FI',
            },
            value: [0, '2'],
          },
        ],
      // 10 rps: 5 <= 50 ms, 9 <= 100 ms, all <= 250 ms.
      istio_request_duration_milliseconds_bucket: bucketRows(edge, [
        ['50', 5],
        ['100', 9],
        ['250', 10],
        ['+Inf', 10],
      ]),
      // One combined TCP query; label_replace tags each row with the metric it came from.
      istio_tcp_sent_bytes_total: [
        { metric: { ...edge, request_protocol: 'tcp', sluice_tcp: 'sent' }, value: [0, '100'] },
        { metric: { ...edge, request_protocol: 'tcp', sluice_tcp: 'opened' }, value: [0, '2'] },
      ],
    });
    const source = createPrometheusSource({
      url: 'http://prom.test:9090',
      now: () => new Date('2026-01-01T00:00:00Z'),
      fetch: prom.fetch,
    });
    const w = await source.query(['bookinfo'], '30s');
    expect(w.timestamp).toBe('2026-01-01T00:00:00.000Z');
    expect(w.requests).toHaveLength(2);
    expect(w.requests[0]).toMatchObject({
      reporter: 'destination',
      destinationCanonicalRevision: 'v3',
      responseCode: '200',
      rps: 8,
    });
    expect(w.requests[1]).toMatchObject({
      reporter: 'source',
      destinationWorkload: '',
      sourceWorkloadNamespace: '',
      responseFlags: 'FI',
      requestProtocol: 'http',
    });
    // PromQL's histogram_quantile: rank 5 -> 50; rank 9.5 -> 100 + 150 * 0.5; rank 9.9 -> 100 + 150 * 0.9.
    expect(w.latencies).toEqual([expect.objectContaining({ p50Ms: 50, p95Ms: 175, p99Ms: expect.closeTo(235, 6) })]);
    expect(w.tcp).toEqual([
      expect.objectContaining({ sentBytesPerSec: 100, connectionsOpenedPerSec: 2, requestProtocol: 'tcp' }),
    ]);
    expect(w.partial).toBeUndefined();
  });

  it('shares one evaluation between concurrent requests within a scrape interval', async () => {
    const prom = fakePrometheus({}, '15s');
    const source = createPrometheusSource({ url: 'http://prom.test:9090', fetch: prom.fetch });
    const [a, b] = await Promise.all([source.query(['bookinfo'], '60s'), source.query(['bookinfo'], '60s')]);
    await source.query(['bookinfo'], '1m');
    expect(a).toBe(b);
    // requests + TCP + scrape count + latency, for bookinfo and the outbound group: 7 queries, once.
    expect(prom.calls).toHaveLength(7);
  });

  it('widens a window shorter than 4 scrape intervals and says so', async () => {
    const prom = fakePrometheus({}, '15s');
    const source = createPrometheusSource({ url: 'http://prom.test:9090', fetch: prom.fetch });
    const w = await source.query(['bookinfo'], '30s');
    expect(w.window).toBe('60s');
    expect(w.windowWidenedFrom).toBe('30s');
    expect(w.scrapeIntervalSeconds).toBe(15);
    expect(w.windowNote).toContain('every 15 s');
    expect(prom.calls.every((q) => !q.includes('[30s]'))).toBe(true);
  });

  it('says when the window holds too few scrapes for any rate', async () => {
    const prom = fakePrometheus({ 'count_over_time(up': [{ metric: {}, value: [0, '1'] }] }, '15s');
    const source = createPrometheusSource({ url: 'http://prom.test:9090', fetch: prom.fetch });
    const w = await source.query(['bookinfo'], '60s');
    expect(w.sparse).toMatchObject({ tooFew: true, scrapes: 1 });
    expect(w.sparse?.message).toContain('a rate needs at least 2');
  });

  it('rejects with unavailable when Prometheus cannot be reached, and ping says false', async () => {
    const refuse = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const source = createPrometheusSource({ url: 'http://prom.test:9090', fetch: refuse });
    await expect(source.query(['bookinfo'], '30s')).rejects.toMatchObject({ code: 'unavailable', status: 503 });
    expect(await source.ping()).toBe(false);
  });

  it('reports a Prometheus error answer as unavailable with its message', async () => {
    const bad = (async () =>
      new Response(JSON.stringify({ status: 'error', error: 'parse error' }), { status: 400 })) as typeof fetch;
    const source = createPrometheusSource({ url: 'http://prom.test:9090', fetch: bad, metrics: 'raw' });
    await expect(source.query(['bookinfo'], '30s')).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('parse error'),
    });
  });
});
