import { describe, expect, it } from 'vitest';
import { graphSchema } from '@sluice/model';
import { toCyElements } from './cy-elements';
import {
  edgeHealth,
  edgeLabel,
  findServiceNode,
  graphSummary,
  nodeTraffic,
  scopedShareLabel,
  splitEdgeIds,
} from './graph-model';

const graph = graphSchema.parse({
  timestamp: '2026-11-21T23:00:00Z',
  window: '30s',
  graphType: 'versionedApp',
  nodes: [
    {
      id: 'app:b:productpage:v1',
      kind: 'app',
      namespace: 'b',
      name: 'productpage',
      app: 'productpage',
      version: 'v1',
      flags: {},
    },
    {
      id: 'service:b:reviews',
      kind: 'service',
      namespace: 'b',
      name: 'reviews',
      flags: { virtualService: true, trafficShifting: true },
    },
    { id: 'service:b:details', kind: 'service', namespace: 'b', name: 'details', flags: {} },
    { id: 'app:b:reviews:v1', kind: 'app', namespace: 'b', name: 'reviews', app: 'reviews', version: 'v1', flags: {} },
    { id: 'app:b:reviews:v3', kind: 'app', namespace: 'b', name: 'reviews', app: 'reviews', version: 'v3', flags: {} },
  ],
  edges: [
    {
      id: 'e1',
      source: 'app:b:productpage:v1',
      target: 'service:b:reviews',
      protocol: 'http',
      rps: 10,
      share: 0.5,
      errorRate: 0,
      responses: { '200': 10 },
    },
    {
      id: 'e2',
      source: 'app:b:productpage:v1',
      target: 'service:b:details',
      protocol: 'http',
      rps: 10,
      share: 0.5,
      errorRate: 0.2,
      responses: { '200': 8, '555': 2 },
    },
    {
      id: 'e3',
      source: 'service:b:reviews',
      target: 'app:b:reviews:v1',
      protocol: 'http',
      rps: 7.5,
      share: 0.75,
      errorRate: 0,
      responses: { '200': 7.5 },
      latencyP95Ms: 42,
    },
    {
      id: 'e4',
      source: 'service:b:reviews',
      target: 'app:b:reviews:v3',
      protocol: 'http',
      rps: 2.5,
      share: 0.25,
      errorRate: 0.01,
      responses: { '200': 2.45, '503': 0.05 },
    },
    {
      id: 'e5',
      source: 'service:b:reviews',
      target: 'app:b:reviews:v3',
      protocol: 'http',
      rps: 10,
      share: 0,
      errorRate: 0,
      responses: {},
      mirrored: true,
    },
  ],
});

describe('graph model', () => {
  it('labels shares only on version splits, never on a fan-out to different apps', () => {
    expect([...splitEdgeIds(graph)].sort()).toEqual(['e3', 'e4']);
    const { edges } = toCyElements(graph, 'share');
    expect(Object.fromEntries(edges.map((e) => [e.data.id, e.data.label]))).toEqual({
      e1: '',
      e2: '',
      e3: '75%',
      e4: '25%',
      e5: 'mirror',
    });
  });

  it('switches labels to rps and p95', () => {
    const e3 = graph.edges[2]!;
    expect(edgeLabel(e3, 'rps')).toBe('7.50 rps');
    expect(edgeLabel(e3, 'p95')).toBe('42ms');
  });

  it('classes edges by error rate, protocol and mirroring; nodes by kind and routing badges', () => {
    expect(edgeHealth(graph.edges[1]!)).toBe('failing');
    expect(edgeHealth(graph.edges[3]!)).toBe('degraded');
    const { nodes, edges } = toCyElements(graph, 'none');
    expect(edges.find((e) => e.data.id === 'e5')?.classes).toContain('mirrored');
    const reviews = nodes.find((n) => n.data.id === 'service:b:reviews');
    expect(reviews?.classes).toBe('service has-badges routed');
    expect(reviews?.data.label).toBe('reviews\nVS · split');
  });

  it('sums inbound traffic of a node without mirrored requests', () => {
    const t = nodeTraffic(graph, 'app:b:reviews:v3');
    expect(t.inRps).toBe(2.5);
    expect(t.responses).toEqual({ '200': 2.45, '503': 0.05 });
    expect(findServiceNode(graph, 'b/reviews')?.id).toBe('service:b:reviews');
  });

  it('labels a service -> version edge with one share per scope when several scopes call the service', () => {
    const service = {
      id: 's',
      kind: 'service' as const,
      namespace: 'ns',
      name: 'tcp-echo',
      flags: {},
      splits: [
        { scope: 'mesh' as const, rate: 10, unit: 'bytes/s' as const, shares: { v1: 0.5, v2: 0.5 } },
        { scope: 'gateway' as const, rate: 50, unit: 'bytes/s' as const, shares: { v1: 0.8, v2: 0.2 } },
      ],
    };
    const v2 = { id: 'v2', kind: 'app' as const, namespace: 'ns', name: 'tcp-echo', version: 'v2', flags: {} };
    expect(scopedShareLabel(service, v2)).toBe('mesh 50% · gw 20%');
    expect(scopedShareLabel({ ...service, splits: service.splits.slice(1) }, v2)).toBeUndefined();
  });

  it('says in words what the canvas shows (its text equivalent)', () => {
    expect(graphSummary(graph, false)).toMatch(/^Service graph over 30s: \d+ nodes, \d+ edges; /);
    expect(graphSummary(graph, true)).toMatch(/traffic data is stale$/);
    const quiet = { ...graph, edges: graph.edges.map((e) => ({ ...e, rps: 0, errorRate: 0 })) };
    expect(graphSummary(quiet, false)).toContain('no traffic in the window');
  });
});
