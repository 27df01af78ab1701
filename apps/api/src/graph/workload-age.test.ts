import { describe, expect, it } from 'vitest';
import { buildGraph } from './build-graph';
import { PP, REVIEWS, bookinfo, both, edge, query, window } from './test-kit';

/*
 * A workload younger than the window: its counts cover only its age, so dividing them by the whole
 * window reads low. 1 req/s to reviews v3, deployed 50 s before the end of a 1 m window: the source
 * reports 50 requests / 60 s = 0.833 req/s; the graph must say 1.
 */

const END = '2026-01-01T00:01:00.000Z';
const ago = (s: number) => new Date(Date.parse(END) - s * 1000).toISOString();

function snapshotWithV3CreatedAt(createdAt: string) {
  const s = bookinfo();
  return {
    ...s,
    workloads: s.workloads.map((w) => (w.name === 'reviews-v3' ? { ...w, createdAt } : w)),
  };
}

const samples = [
  ...both({ from: 'productpage-v1', to: 'reviews-v1', svc: 'reviews', rps: 1 }),
  ...both({ from: 'productpage-v1', to: 'reviews-v3', svc: 'reviews', rps: 50 / 60 }),
];
const v3 = 'app:bookinfo:reviews:v3';

describe('rates of workloads younger than the window', () => {
  it('are divided by the workload age, not the whole window (Prometheus: rate over the window)', () => {
    const g = buildGraph(
      snapshotWithV3CreatedAt(ago(50)),
      { ...window(samples), timestamp: END, window: '60s' },
      query({ window: '60s' }),
    );
    expect(edge(g, REVIEWS, v3)?.rps).toBeCloseTo(1, 6);
    expect(edge(g, REVIEWS, 'app:bookinfo:reviews:v1')?.rps).toBeCloseTo(1, 6);
    expect(edge(g, REVIEWS, v3)?.share).toBeCloseTo(0.5, 6);
    // The caller's edge into the service sums both hops, each counted over what it covers.
    expect(edge(g, PP, REVIEWS)?.rps).toBeCloseTo(2, 6);
  });

  it('are left alone when the source already divided by less (the simulator 20 s after it started)', () => {
    const g = buildGraph(
      snapshotWithV3CreatedAt(ago(50)),
      { ...window(samples), timestamp: END, window: '60s', coveredSeconds: 20 },
      query({ window: '60s' }),
    );
    expect(edge(g, REVIEWS, v3)?.rps).toBeCloseTo(50 / 60, 6);
  });

  it('a workload older than the window changes nothing', () => {
    const g = buildGraph(
      snapshotWithV3CreatedAt(ago(3600)),
      { ...window(samples), timestamp: END, window: '60s' },
      query({ window: '60s' }),
    );
    expect(edge(g, REVIEWS, v3)?.rps).toBeCloseTo(50 / 60, 6);
  });
});
