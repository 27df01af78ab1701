import { describe, expect, it } from 'vitest';
import { createPrometheusSource } from './prometheus-source';
import { trafficQueries } from './promql';

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

function fakePrometheus(
  answers: Record<string, { metric: Record<string, string>; value: [number, string] }[]>,
): typeof fetch {
  return (async (_url: string | URL | Request, init?: RequestInit) => {
    const query = new URLSearchParams(String(init?.body)).get('query') ?? '';
    const key = Object.keys(answers).find((k) => query.includes(k));
    const result = key ? answers[key] : [];
    return new Response(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
  }) as typeof fetch;
}

describe('promql', () => {
  it('filters on source or destination namespace and keeps both reporters', () => {
    const q = trafficQueries(['bookinfo', 'demoapp'], '30s');
    expect(q.requests).toContain(
      'rate(istio_requests_total{reporter=~"source|destination",source_workload_namespace=~"bookinfo|demoapp"}[30s])',
    );
    expect(q.requests).toContain(' or ');
    expect(q.requests).toContain('destination_service_namespace=~"bookinfo|demoapp"');
    expect(q.requests).toMatch(
      /sum by \(reporter, source_workload, .*response_code, response_flags, grpc_response_status\)/,
    );
    expect(q.p95).toMatch(/^histogram_quantile\(0\.95, sum by \(le, reporter,/);
    expect(q.tcpOpened).toContain('istio_tcp_connections_opened_total');
  });
});

describe('createPrometheusSource', () => {
  it('maps vectors to samples, tolerating missing and "unknown" labels', async () => {
    const source = createPrometheusSource({
      url: 'http://prom.test:9090',
      now: () => new Date('2026-01-01T00:00:00Z'),
      fetch: fakePrometheus({
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
        'histogram_quantile(0.95': [
          { metric: edge, value: [0, '120'] },
          { metric: edge, value: [0, 'NaN'] },
        ],
        istio_tcp_sent_bytes_total: [{ metric: { ...edge, request_protocol: 'tcp' }, value: [0, '100'] }],
      }),
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
    expect(w.latencies).toEqual([expect.objectContaining({ p95Ms: 120 })]);
    expect(w.tcp).toEqual([expect.objectContaining({ sentBytesPerSec: 100, requestProtocol: 'tcp' })]);
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
    const source = createPrometheusSource({ url: 'http://prom.test:9090', fetch: bad });
    await expect(source.query(['bookinfo'], '30s')).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('parse error'),
    });
  });
});
