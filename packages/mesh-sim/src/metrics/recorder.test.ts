import { describe, expect, it } from 'vitest';
import { DURATION_BUCKETS_MS, observeValue } from './buckets';
import { UNKNOWN_PEER, type Edge } from './identity';
import { MetricsRecorder } from './recorder';

/* Window rates count whole seconds only, like scrapes a second apart, and filter by namespace. */

const peer = (workload: string, namespace: string) => ({
  ...UNKNOWN_PEER,
  workload,
  namespace,
  app: workload,
  canonicalService: workload,
});
const edge: Edge = {
  reporter: 'destination',
  source: peer('a', 'ns-a'),
  service: { fqdn: 'b.ns-b.svc.cluster.local', name: 'b', namespace: 'ns-b' },
  destination: peer('b-v1', 'ns-b'),
  protocol: 'http',
};

function record(r: MetricsRecorder, atMs: number, count: number, latencyMs = 10): void {
  const obs = observeValue(DURATION_BUCKETS_MS, latencyMs, count);
  r.requests(
    { edge, code: '200', grpc: '', flags: '-', count, duration: obs, requestBytes: obs, responseBytes: obs },
    atMs,
  );
}

describe('MetricsRecorder windows', () => {
  it('rates over whole seconds, ignoring the second still in progress', () => {
    const r = new MetricsRecorder(60);
    record(r, 1500, 10);
    record(r, 2000, 10);
    record(r, 2500, 99); // belongs to (2 s, 3 s], not complete at 2.6 s
    const w = r.window({ windowSeconds: 1, nowMs: 2600, startMs: 1000 });
    expect(w.requests).toHaveLength(1);
    expect(w.requests[0]?.rps).toBe(20);
    expect(w.window).toBe('1s');
  });

  it('averages over the run when the window is longer than the run, from its start', () => {
    const r = new MetricsRecorder(60);
    record(r, 1000, 5); // (0.25 s, 1 s]
    record(r, 2000, 10);
    const w = r.window({ windowSeconds: 30, nowMs: 2000, startMs: 250 });
    expect(w.requests[0]?.rps).toBeCloseTo(15 / 1.75, 10);
  });

  it('keeps only series touching the namespaces asked for, and computes p95 per edge', () => {
    const r = new MetricsRecorder(60);
    record(r, 1000, 100, 3);
    expect(r.window({ windowSeconds: 10, nowMs: 1000, startMs: 0, namespaces: ['elsewhere'] }).requests).toHaveLength(
      0,
    );
    const w = r.window({ windowSeconds: 10, nowMs: 1000, startMs: 0, namespaces: ['ns-b'] });
    expect(w.requests).toHaveLength(1);
    // 100 observations in (1, 5]: p95 interpolates to 1 + 4 * 0.95.
    expect(w.latencies[0]?.p95Ms).toBeCloseTo(4.8, 10);
    expect(w.requests[0]?.sourceWorkload).toBe('a');
    expect(w.requests[0]?.destinationCanonicalRevision).toBe('');
  });
});
