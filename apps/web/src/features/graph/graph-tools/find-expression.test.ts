import type { Graph, GraphEdge, GraphNode } from '@sluice/model';
import { describe, expect, it } from 'vitest';
import { hideMatches, matchGraph, parseFindExpression, type FindExpression } from './find-expression';

const node = (id: string, name: string, version?: string, extra: Partial<GraphNode> = {}): GraphNode => ({
  id,
  kind: version ? 'app' : 'service',
  namespace: 'bookinfo',
  name,
  ...(version ? { app: name, version } : {}),
  flags: {},
  ...extra,
});
const edge = (
  source: string,
  target: string,
  rps: number,
  errorRate = 0,
  extra: Partial<GraphEdge> = {},
): GraphEdge => ({
  id: `${source}->${target}`,
  source,
  target,
  protocol: 'http',
  rps,
  share: 1,
  errorRate,
  responses: {},
  ...extra,
});

const graph = {
  timestamp: '2026-01-01T00:00:00Z',
  window: '30s',
  graphType: 'versionedApp',
  nodes: [
    node('pp', 'productpage', 'v1'),
    node('rev', 'reviews', undefined, { flags: { trafficShifting: true, virtualService: true } }),
    node('r1', 'reviews', 'v1'),
    node('r2', 'reviews', 'v2'),
    node('rat', 'ratings', 'v1'),
  ],
  edges: [
    edge('pp', 'rev', 20, 0.1),
    edge('rev', 'r1', 15, 0.0, { share: 0.75, latencyP95Ms: 40 }),
    edge('rev', 'r2', 5, 0.4, { share: 0.25, latencyP95Ms: 300 }),
    edge('r2', 'rat', 0),
  ],
} as unknown as Graph;

function parsed(text: string): FindExpression {
  const r = parseFindExpression(text);
  if (!r.ok) throw new Error(`${r.message} at ${r.at}`);
  return r.expression;
}
const match = (text: string) => {
  const m = matchGraph(graph, parsed(text));
  return { nodes: [...m.nodes].sort(), edges: [...m.edges].sort() };
};

describe('parseFindExpression', () => {
  it('reads the issue examples', () => {
    expect(parsed('rps > 10')).toEqual([[{ type: 'num', field: 'rps', op: '>', value: 10 }]]);
    expect(parsed('error > 5%')).toEqual([[{ type: 'num', field: 'error', op: '>', value: 0.05 }]]);
    expect(parsed('name = reviews')).toEqual([[{ type: 'text', field: 'name', op: '=', value: 'reviews' }]]);
    expect(parsed('version = v2')).toEqual([[{ type: 'text', field: 'version', op: '=', value: 'v2' }]]);
  });

  it('joins clauses with and / or, and binding tighter', () => {
    expect(parsed('name = reviews and version = v2 or rps >= 1')).toHaveLength(2);
    expect(parsed('name = reviews and version = v2 or rps >= 1')[0]).toHaveLength(2);
    expect(parsed('not idle, fault')).toEqual([
      [
        { type: 'flag', flag: 'idle', negated: true },
        { type: 'flag', flag: 'fault', negated: false },
      ],
    ]);
  });

  it.each([
    ['', 'the expression is empty', 0],
    ['speed > 3', 'unknown field "speed"', 0],
    ['rps 10', 'expected an operator', 4],
    ['rps >', 'expected a value after rps >', 5],
    ['rps > ten', '"ten" is not a number', 6],
    ['error > 5', 'error is a share: write 5% or 0.05', 8],
    ['rps > 5%', 'rps is not a percentage', 6],
    ['name > reviews', 'name compares with = or != only', 5],
    ['name = reviews version = v2', 'expected "and" or "or" before "version"', 15],
    ['rps > 1 and', 'the expression ends after "and"', 11],
    ['not name = x', '"not" goes before idle', 4],
  ])('refuses %j: %s (at %i)', (text, message, at) => {
    const r = parseFindExpression(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain(message);
      expect(r.at).toBe(at);
    }
  });
});

describe('matchGraph', () => {
  it('matches edges and nodes by rate (a node by what flows into it; a node nothing calls, by what it sends)', () => {
    expect(match('rps > 10')).toEqual({ nodes: ['pp', 'r1', 'rev'], edges: ['pp->rev', 'rev->r1'] });
  });

  it('matches by error share, version, name with wildcards, share and p95', () => {
    expect(match('error > 5%').edges).toEqual(['pp->rev', 'rev->r2']);
    expect(match('error > 5%').nodes).toEqual(['pp', 'r2', 'rev']);
    expect(match('version = v2')).toEqual({ nodes: ['r2'], edges: [] });
    expect(match('name = rev*').nodes).toEqual(['r1', 'r2', 'rev']);
    expect(match('share < 50%').edges).toEqual(['rev->r2']);
    expect(match('p95 > 100ms').edges).toEqual(['rev->r2']);
    expect(match('splitting').nodes).toEqual(['rev']);
  });

  it('idle finds the edges and nodes without requests', () => {
    expect(match('idle')).toEqual({ nodes: ['rat'], edges: ['r2->rat'] });
  });
});

describe('hideMatches', () => {
  it('removes the matched nodes with every edge touching them, and the matched edges', () => {
    const hidden = hideMatches(graph, matchGraph(graph, parsed('version = v2')));
    expect(hidden.nodes.map((n) => n.id)).toEqual(['pp', 'rev', 'r1', 'rat']);
    expect(hidden.edges.map((e) => e.id)).toEqual(['pp->rev', 'rev->r1']);
  });
});
