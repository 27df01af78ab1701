import { describe, expect, it } from 'vitest';
import { buildGraph } from './build-graph';
import { PP, REVIEWS, bookinfo, both, edge, query, req, tcp, virtualService, window } from './test-kit';

/* Shares, graph types, topology without traffic and node flags, with hand-made samples. */

describe('buildGraph: shares', () => {
  const samples = [
    ...both({ from: 'productpage-v1', to: 'reviews-v1', svc: 'reviews', rps: 2 }),
    ...both({ from: 'productpage-v1', to: 'reviews-v3', svc: 'reviews', rps: 8 }),
    ...both({ from: 'productpage-v1', to: 'details-v1', svc: 'details', rps: 10 }),
    ...both({ from: 'reviews-v3', to: 'ratings-v1', svc: 'ratings', rps: 8 }),
  ];

  it('sums to 1 per source and protocol', () => {
    const g = buildGraph(bookinfo(), window(samples), query());
    const bySource = new Map<string, number>();
    for (const e of g.edges)
      bySource.set(`${e.source}|${e.protocol}`, (bySource.get(`${e.source}|${e.protocol}`) ?? 0) + e.share);
    for (const total of bySource.values()) expect(total).toBeCloseTo(1);
    expect(edge(g, REVIEWS, 'app:bookinfo:reviews:v3')?.share).toBeCloseTo(0.8);
    expect(edge(g, PP, REVIEWS)?.share).toBeCloseTo(0.5);
  });

  it('shares TCP traffic by connections, with bytes per second', () => {
    const t = [
      tcp({ from: 'productpage-v1', to: 'ratings-v1', svc: 'ratings', rps: 8, bytes: 800, reporter: 'destination' }),
      tcp({ from: 'productpage-v1', to: 'ratings-v2', svc: 'ratings', rps: 2, bytes: 200, reporter: 'destination' }),
      tcp({ from: 'productpage-v1', to: 'ratings-v2', svc: 'ratings', rps: 2, bytes: 200, reporter: 'source' }),
    ];
    const g = buildGraph(bookinfo(), window([], t), query());
    const e = edge(g, 'service:bookinfo:ratings', 'app:bookinfo:ratings:v2');
    expect(e).toMatchObject({ protocol: 'tcp', rps: 2, bytesPerSec: 200 });
    expect(e?.share).toBeCloseTo(0.2);
  });
});

describe('buildGraph: graph types and topology', () => {
  const samples = [
    ...both({ from: 'istio-ingressgateway', to: 'productpage-v1', svc: 'productpage', rps: 5 }),
    ...both({ from: 'productpage-v1', to: 'reviews-v1', svc: 'reviews', rps: 2 }),
    ...both({ from: 'productpage-v1', to: 'reviews-v2', svc: 'reviews', rps: 3 }),
  ];

  it('draws every service and workload from config when there is no traffic', () => {
    const g = buildGraph(bookinfo(), undefined, query());
    expect(g.edges).toEqual([]);
    expect(g.nodes.map((n) => n.id).sort()).toEqual(
      [
        'app:bookinfo:details:v1',
        'app:bookinfo:productpage:v1',
        'app:bookinfo:ratings:v1',
        'app:bookinfo:reviews:v1',
        'app:bookinfo:reviews:v2',
        'app:bookinfo:reviews:v3',
        'service:bookinfo:details',
        'service:bookinfo:productpage',
        'service:bookinfo:ratings',
        'service:bookinfo:reviews',
      ].sort(),
    );
  });

  it('draws the ingress gateway as an ingress node', () => {
    const g = buildGraph(bookinfo(), window(samples), query());
    const ingress = g.nodes.find((n) => n.kind === 'ingress');
    expect(ingress).toMatchObject({ namespace: 'istio-system', name: 'istio-ingressgateway' });
    expect(edge(g, ingress?.id ?? '', 'service:bookinfo:productpage')?.rps).toBe(5);
  });

  it('app graph merges versions', () => {
    const g = buildGraph(bookinfo(), window(samples), query({ graphType: 'app' }));
    expect(edge(g, REVIEWS, 'app:bookinfo:reviews')?.rps).toBe(5);
    expect(g.nodes.filter((n) => n.app === 'reviews' && n.kind === 'app')).toHaveLength(1);
  });

  it('workload graph without service nodes goes straight to workloads', () => {
    const g = buildGraph(bookinfo(), window(samples), query({ graphType: 'workload', injectServiceNodes: false }));
    expect(edge(g, 'workload:bookinfo:productpage-v1', 'workload:bookinfo:reviews-v2')?.share).toBeCloseTo(0.6);
    expect(g.nodes.some((n) => n.kind === 'service')).toBe(false);
  });

  it('service graph draws callers as the services that select them', () => {
    const g = buildGraph(bookinfo(), window(samples), query({ graphType: 'service' }));
    expect(edge(g, 'service:bookinfo:productpage', REVIEWS)?.rps).toBe(5);
    expect(g.nodes.every((n) => n.kind === 'service' || n.kind === 'ingress')).toBe(true);
  });

  it('draws unknown callers as the unknown node', () => {
    const anon = req({ from: 'unknown', to: 'productpage-v1', svc: 'productpage', rps: 1 });
    const g = buildGraph(bookinfo(), window([{ ...anon, sourceWorkloadNamespace: 'unknown' }]), query());
    expect(edge(g, 'unknown', 'service:bookinfo:productpage')?.rps).toBe(1);
  });
});

describe('buildGraph: node flags', () => {
  it('badges the service node from the VirtualServices that apply', () => {
    const vs = virtualService('bookinfo', 'reviews', {
      hosts: ['reviews'],
      http: [
        {
          match: [{ headers: { 'end-user': { exact: 'jason' } } }],
          route: [{ destination: { host: 'reviews', subset: 'v2' } }],
        },
        {
          route: [
            { destination: { host: 'reviews', subset: 'v1' }, weight: 50 },
            { destination: { host: 'reviews', subset: 'v3' }, weight: 50 },
          ],
          fault: { abort: { httpStatus: 555, percentage: { value: 20 } } },
          timeout: '1s',
          retries: { attempts: 3 },
        },
      ],
    });
    const g = buildGraph(bookinfo({ virtualServices: [vs] }), undefined, query());
    expect(g.nodes.find((n) => n.id === REVIEWS)?.flags).toEqual({
      virtualService: true,
      trafficShifting: true,
      faultInjection: true,
      timeout: true,
      retries: true,
      requestRouting: true,
    });
    expect(g.nodes.find((n) => n.id === 'service:bookinfo:details')?.flags).toEqual({});
    const noServices = buildGraph(bookinfo({ virtualServices: [vs] }), undefined, query({ injectServiceNodes: false }));
    expect(noServices.nodes.find((n) => n.id === 'app:bookinfo:reviews:v3')?.flags.trafficShifting).toBe(true);
  });
});
