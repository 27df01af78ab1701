import { describe, expect, it } from 'vitest';
import { scenarioSimulator } from '../testing/scenario-sim';

/* /metrics looks like a sidecar's: Istio's names, labels, reporter semantics and histogram layout. */

function lines(text: string, metric: string): string[] {
  return text.split('\n').filter((l) => l.startsWith(`${metric}{`));
}

function label(line: string, name: string): string | undefined {
  return new RegExp(`[{,]${name}="([^"]*)"`).exec(line)?.[1];
}

describe('Prometheus exposition', () => {
  const { sim } = scenarioSimulator(['bookinfo', 'istio-io-tcp-traffic-shift']);
  sim.advance(20_000);
  const text = sim.metricsText();

  it('declares every Istio metric with HELP and TYPE', () => {
    for (const [name, type] of [
      ['istio_requests_total', 'counter'],
      ['istio_request_duration_milliseconds', 'histogram'],
      ['istio_request_bytes', 'histogram'],
      ['istio_response_bytes', 'histogram'],
      ['istio_tcp_sent_bytes_total', 'counter'],
      ['istio_tcp_received_bytes_total', 'counter'],
      ['istio_tcp_connections_opened_total', 'counter'],
      ['istio_tcp_connections_closed_total', 'counter'],
    ]) {
      expect(text).toContain(`# TYPE ${name} ${type}\n`);
      expect(text).toContain(`# HELP ${name} `);
    }
  });

  it('labels request series the way Istio does, by reporter', () => {
    const series = lines(text, 'istio_requests_total');
    expect(series.length).toBeGreaterThan(0);
    for (const l of series) {
      const reporter = label(l, 'reporter');
      expect(['source', 'destination']).toContain(reporter);
      expect(label(l, 'connection_security_policy')).toBe(reporter === 'destination' ? 'mutual_tls' : 'unknown');
      expect(label(l, 'response_flags')).toBe('-');
      expect(label(l, 'request_protocol')).toBe('http');
      expect(label(l, 'grpc_response_status')).toBe('');
    }
    const gateway = series.find((l) => label(l, 'source_workload') === 'istio-ingressgateway');
    expect(gateway && label(gateway, 'source_workload_namespace')).toBe('istio-system');
    expect(gateway && label(gateway, 'destination_service')).toBe('productpage.bookinfo.svc.cluster.local');
    expect(gateway && label(gateway, 'destination_canonical_revision')).toBe('v1');
  });

  it('writes cumulative histogram buckets ending in +Inf = _count', () => {
    const buckets = lines(text, 'istio_request_duration_milliseconds_bucket');
    const first = buckets[0] ?? '';
    const series = first.slice(0, first.indexOf(',le='));
    const mine = buckets.filter((l) => l.startsWith(series + ',le='));
    expect(mine).toHaveLength(20);
    const values = mine.map((l) => Number(l.split(' ').pop()));
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(label(mine[19] ?? '', 'le')).toBe('+Inf');
    const count = lines(text, 'istio_request_duration_milliseconds_count').find((l) =>
      l.startsWith(series.replace('_bucket{', '_count{')),
    );
    expect(Number(count?.split(' ').pop())).toBe(values[19]);
  });

  it('counts TCP connections and bytes on both sides', () => {
    const opened = lines(text, 'istio_tcp_connections_opened_total');
    expect(opened.map((l) => label(l, 'reporter')).sort()).toContain('destination');
    expect(opened.every((l) => label(l, 'request_protocol') === 'tcp')).toBe(true);
    expect(lines(text, 'istio_tcp_connections_closed_total').length).toBe(opened.length);
  });

  it('agrees with the in-process query: counters / run time = rates', () => {
    // The window is longer than the 20 s run, so the rates are averaged over the run.
    const w = sim.query(600);
    for (const r of w.requests.slice(0, 10)) {
      const line = lines(text, 'istio_requests_total').find(
        (l) =>
          label(l, 'reporter') === r.reporter &&
          label(l, 'source_workload') === (r.sourceWorkload || 'unknown') &&
          label(l, 'destination_workload') === (r.destinationWorkload || 'unknown') &&
          label(l, 'destination_service') === (r.destinationService || 'unknown') &&
          label(l, 'response_code') === r.responseCode &&
          label(l, 'response_flags') === r.responseFlags,
      );
      expect(Number(line?.split(' ').pop())).toBeCloseTo(r.rps * 20, 6);
    }
  });
});
