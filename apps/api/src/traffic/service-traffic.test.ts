import { describe, expect, it } from 'vitest';
import { serviceTrafficSchema } from '@sluice/model';
import { buildGraph } from '../graph/build-graph';
import { PP, REVIEWS, bookinfo, both, edge, query, req, virtualService, window } from '../graph/test-kit';
import { buildServiceTraffic } from './service-traffic';

const reviewsVs = virtualService('bookinfo', 'reviews', {
  hosts: ['reviews'],
  http: [
    {
      match: [{ headers: { 'end-user': { exact: 'jason' } } }],
      route: [{ destination: { host: 'reviews', subset: 'v2' } }],
    },
    {
      route: [
        { destination: { host: 'reviews', subset: 'v1' }, weight: 20 },
        { destination: { host: 'reviews', subset: 'v3' }, weight: 80 },
      ],
      mirror: { host: 'reviews', subset: 'v2' },
      mirrorPercentage: { value: 50 },
    },
  ],
});

describe('buildServiceTraffic', () => {
  const snapshot = bookinfo({ virtualServices: [reviewsVs] });
  const samples = [
    ...both({ from: 'productpage-v1', to: 'reviews-v1', svc: 'reviews', rps: 2 }),
    ...both({ from: 'productpage-v1', to: 'reviews-v3', svc: 'reviews', rps: 7 }),
    req({
      from: 'productpage-v1',
      to: 'reviews-v3',
      svc: 'reviews',
      reporter: 'source',
      code: '555',
      flags: 'FI',
      rps: 1,
    }),
    req({ from: 'productpage-v1', to: 'reviews-v2', svc: 'reviews', reporter: 'destination', rps: 5 }),
  ];

  it('shows subsets, routes with expected shares, and the observed split without mirrors', () => {
    const view = serviceTrafficSchema.parse(
      buildServiceTraffic(snapshot, window(samples), 'bookinfo', 'reviews', '30s'),
    );
    expect(view.versions).toEqual(['v1', 'v2', 'v3']);
    expect(view.subsets.map((s) => [s.name, s.workloads, s.version])).toEqual([
      ['v1', ['reviews-v1'], 'v1'],
      ['v2', ['reviews-v2'], 'v2'],
      ['v3', ['reviews-v3'], 'v3'],
    ]);
    const [vs] = view.virtualServices;
    expect(vs?.routes[0]?.matchSummary).toEqual(['headers.end-user exact "jason"']);
    expect(vs?.routes[1]?.expected.map((e) => [e.destination.subset, e.share])).toEqual([
      ['v1', 0.2],
      ['v3', 0.8],
    ]);
    expect(vs?.routes[1]?.mirrors).toEqual([{ destination: { host: 'reviews', subset: 'v2' }, percent: 50 }]);
    expect(view.observed.rps).toBeCloseTo(10);
    const v3 = view.observed.versions.find((v) => v.version === 'v3');
    expect(v3).toMatchObject({ subset: 'v3', rps: 8 });
    expect(v3?.share).toBeCloseTo(0.8);
    expect(v3?.errorRate).toBeCloseTo(1 / 8);
    expect(view.observed.versions.some((v) => v.version === 'v2')).toBe(false);
    expect(view.observed.bySource).toEqual([
      expect.objectContaining({ source: 'productpage-v1', sourceNamespace: 'bookinfo', rps: 10 }),
    ]);
  });

  it('keeps requests that reached no version apart, by why, as the graph does (aborts are not charged to a version)', () => {
    const faulty = virtualService('bookinfo', 'reviews', {
      hosts: ['reviews'],
      http: [
        {
          name: 'jason',
          match: [{ headers: { 'end-user': { exact: 'jason' } } }],
          route: [{ destination: { host: 'reviews', subset: 'v2' } }],
        },
        {
          name: 'canary',
          route: [{ destination: { host: 'reviews', subset: 'v3' } }],
          fault: { abort: { httpStatus: 555, percentage: { value: 20 } } },
        },
      ],
    });
    const traffic = window([
      ...both({ from: 'productpage-v1', to: 'reviews-v2', svc: 'reviews', rps: 5 }),
      ...both({ from: 'productpage-v1', to: 'reviews-v3', svc: 'reviews', rps: 8 }),
      req({ from: 'productpage-v1', to: '', svc: 'reviews', reporter: 'source', code: '555', flags: 'FI', rps: 2 }),
      req({ from: 'productpage-v1', to: '', svc: 'reviews', reporter: 'source', code: '503', flags: 'UH', rps: 1 }),
      req({ from: 'productpage-v1', to: '', svc: 'reviews', reporter: 'source', code: '301', rps: 0.5 }),
    ]);
    const view = buildServiceTraffic(bookinfo({ virtualServices: [faulty] }), traffic, 'bookinfo', 'reviews', '30s');
    const by = Object.fromEntries(view.observed.versions.map((v) => [v.version, v]));
    expect(Object.keys(by)).toEqual(['v2', 'v3']);
    expect(by.v3).toMatchObject({ rps: 8, errorRate: 0 });
    expect(by.v3?.share).toBeCloseTo(8 / 13);
    expect(view.observed.unrouted).toEqual([
      { reason: 'fault_abort', rps: 2, errorRate: 1 },
      { reason: 'local_reply', rps: 0.5, errorRate: 0 },
      { reason: 'no_upstream', rps: 1, errorRate: 1 },
    ]);
    expect(view.observed.rps).toBeCloseTo(16.5);
    // The graph shows the same: aborts on the client -> service edge, none on the version edges.
    const g = buildGraph(bookinfo({ virtualServices: [faulty] }), traffic, query());
    expect(edge(g, PP, REVIEWS)?.responses['555']).toBeCloseTo(2);
    expect(edge(g, REVIEWS, 'app:bookinfo:reviews:v3')?.errorRate).toBe(0);
  });

  it('reports findings from the model and controller ownership', () => {
    const broken = virtualService('bookinfo', 'reviews', {
      hosts: ['reviews'],
      http: [{ route: [{ destination: { host: 'reviews', subset: 'v9' } }] }],
    });
    broken.metadata.annotations = { 'flagger.app/primary': 'reviews' };
    const view = buildServiceTraffic(bookinfo({ virtualServices: [broken] }), undefined, 'bookinfo', 'reviews', '30s');
    expect(view.virtualServices[0]?.managedBy).toBe('Flagger');
    expect(
      view.findings.some((f) => f.path.includes('subset') && f.message.includes('VirtualService bookinfo/reviews')),
    ).toBe(true);
    expect(view.observed).toEqual({ window: '30s', rps: 0, versions: [], bySource: [] });
  });

  it('throws not_found for an unknown service', () => {
    expect(() => buildServiceTraffic(snapshot, undefined, 'bookinfo', 'nope', '30s')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });
});
