import { describe, expect, it } from 'vitest';
import { graphSchema } from '@sluice/model';
import { buildGraph } from './build-graph';
import { PP, REVIEWS, bookinfo, both, edge, query, req, virtualService, window } from './test-kit';

/* Reporter choice and mirror detection, with hand-made samples (see ./reporter-choice.ts). */

describe('buildGraph: reporters', () => {
  it('counts a hop reported by both proxies once, with destination numbers', () => {
    const g = buildGraph(
      bookinfo(),
      window([...both({ from: 'productpage-v1', to: 'reviews-v1', svc: 'reviews', rps: 10 })]),
      query(),
    );
    expect(edge(g, PP, REVIEWS)?.rps).toBe(10);
    expect(edge(g, REVIEWS, 'app:bookinfo:reviews:v1')?.rps).toBe(10);
    expect(graphSchema.parse(g)).toBeTruthy();
  });

  it('source numbers (what the client saw) win; attempts the destination served beyond them are retries', () => {
    // Seed 003's gateway route: every request succeeded after retries of 5xx.
    const samples = [
      req({ from: 'productpage-v1', to: 'reviews-v1', svc: 'reviews', reporter: 'source', rps: 3.78 }),
      req({ from: 'productpage-v1', to: 'reviews-v1', svc: 'reviews', reporter: 'destination', rps: 3.78 }),
      req({
        from: 'productpage-v1',
        to: 'reviews-v1',
        svc: 'reviews',
        reporter: 'destination',
        code: '503',
        rps: 0.79,
      }),
    ];
    const g = buildGraph(bookinfo(), window(samples), query());
    for (const e of [edge(g, PP, REVIEWS), edge(g, REVIEWS, 'app:bookinfo:reviews:v1')]) {
      expect(e?.rps).toBeCloseTo(3.78);
      expect(e?.errorRate).toBe(0);
      expect(e?.retries?.rps).toBeCloseTo(0.79);
      expect(e?.retries?.errorRate).toBeCloseTo(1);
    }
  });

  it('a client without a sidecar reports nothing source-side: its hops come from the destination', () => {
    const samples = [
      req({ from: 'unknown', to: 'reviews-v1', svc: 'reviews', reporter: 'destination', rps: 10 }),
      req({ from: 'unknown', to: 'reviews-v1', svc: 'reviews', reporter: 'destination', code: '503', rps: 1 }),
    ];
    const e = edge(buildGraph(bookinfo(), window(samples), query()), 'unknown', REVIEWS);
    expect(e).toMatchObject({ rps: 11 });
    expect(e?.retries).toBeUndefined();
  });

  it('counts injected aborts (FI, source only) as errors on top of what the destination served', () => {
    const samples = [
      ...both({ from: 'productpage-v1', to: 'reviews-v1', svc: 'reviews', rps: 8 }),
      req({ from: 'productpage-v1', to: '', svc: 'reviews', reporter: 'source', code: '555', flags: 'FI', rps: 2 }),
    ];
    const g = buildGraph(bookinfo(), window(samples), query());
    const e = edge(g, PP, REVIEWS);
    expect(e?.rps).toBeCloseTo(10);
    expect(e?.errorRate).toBeCloseTo(0.2);
    expect(e?.responses['555']).toBeCloseTo(2);
    // Aborted requests never reached a version: the version edge carries only what was served.
    expect(edge(g, REVIEWS, 'app:bookinfo:reviews:v1')?.errorRate).toBe(0);
  });

  it('attributes FI with a known destination workload to that version edge', () => {
    const samples = [
      ...both({ from: 'productpage-v1', to: 'reviews-v1', svc: 'reviews', rps: 8 }),
      req({
        from: 'productpage-v1',
        to: 'reviews-v1',
        svc: 'reviews',
        reporter: 'source',
        code: '555',
        flags: 'FI',
        rps: 2,
      }),
    ];
    const e = edge(buildGraph(bookinfo(), window(samples), query()), REVIEWS, 'app:bookinfo:reviews:v1');
    expect(e?.rps).toBeCloseTo(10);
    expect(e?.errorRate).toBeCloseTo(0.2);
  });

  it('replaces the destination count of timed-out requests with the source 504 UT', () => {
    const samples = [
      req({ from: 'productpage-v1', to: 'reviews-v1', svc: 'reviews', reporter: 'source', rps: 7 }),
      req({
        from: 'productpage-v1',
        to: 'reviews-v1',
        svc: 'reviews',
        reporter: 'source',
        code: '504',
        flags: 'UT',
        rps: 3,
      }),
      req({ from: 'productpage-v1', to: 'reviews-v1', svc: 'reviews', reporter: 'destination', rps: 10 }),
    ];
    const e = edge(buildGraph(bookinfo(), window(samples), query()), PP, REVIEWS);
    expect(e?.rps).toBeCloseTo(10);
    expect(e?.responses['504']).toBeCloseTo(3);
    expect(e?.responses['200']).toBeCloseTo(7);
    expect(e?.errorRate).toBeCloseTo(0.3);
  });

  it('uses source numbers for traffic that never reached a workload', () => {
    const samples = [
      req({ from: 'productpage-v1', to: '', svc: 'reviews', reporter: 'source', code: '503', flags: 'UH', rps: 4 }),
    ];
    const g = buildGraph(bookinfo(), window(samples), query());
    expect(edge(g, PP, REVIEWS)).toMatchObject({ rps: 4, errorRate: 1 });
    expect(g.edges).toHaveLength(1);
  });
});

describe('buildGraph: mirrors', () => {
  const mirrorVs = virtualService('bookinfo', 'reviews', {
    hosts: ['reviews'],
    http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }], mirror: { host: 'reviews', subset: 'v2' } }],
  });
  const samples = [
    ...both({ from: 'productpage-v1', to: 'reviews-v1', svc: 'reviews', rps: 10 }),
    req({ from: 'productpage-v1', to: 'reviews-v2', svc: 'reviews', reporter: 'destination', rps: 10 }),
  ];

  it('draws destination-only traffic to a configured mirror target as a separate mirrored edge', () => {
    const g = buildGraph(bookinfo({ virtualServices: [mirrorVs] }), window(samples), query());
    const mirrored = edge(g, PP, 'app:bookinfo:reviews:v2', true);
    expect(mirrored).toMatchObject({ rps: 10, share: 0, mirrored: true });
    expect(edge(g, REVIEWS, 'app:bookinfo:reviews:v1')?.share).toBe(1);
    expect(edge(g, REVIEWS, 'app:bookinfo:reviews:v2')).toBeUndefined();
    expect(edge(g, PP, REVIEWS)?.rps).toBe(10);
    expect(g.nodes.find((n) => n.id === REVIEWS)?.flags.mirroring).toBe(true);
  });

  it('splits a mirror target that also takes live traffic by the source-reported live part', () => {
    const withLive = [...samples, ...both({ from: 'productpage-v1', to: 'reviews-v2', svc: 'reviews', rps: 5 })];
    const g = buildGraph(bookinfo({ virtualServices: [mirrorVs] }), window(withLive), query());
    expect(edge(g, PP, 'app:bookinfo:reviews:v2', true)?.rps).toBeCloseTo(10);
    expect(edge(g, REVIEWS, 'app:bookinfo:reviews:v2')?.rps).toBeCloseTo(5);
    expect(edge(g, REVIEWS, 'app:bookinfo:reviews:v1')?.share).toBeCloseTo(10 / 15);
  });

  it('destination-only traffic from a sidecar client that config mirrors nowhere is retried attempts, not requests', () => {
    const g = buildGraph(bookinfo(), window(samples), query());
    expect(g.edges.some((e) => e.mirrored)).toBe(false);
    const v2 = edge(g, REVIEWS, 'app:bookinfo:reviews:v2');
    expect(v2?.rps).toBe(0);
    expect(v2?.retries?.rps).toBe(10);
    expect(edge(g, REVIEWS, 'app:bookinfo:reviews:v1')?.share).toBe(1);
  });
});
