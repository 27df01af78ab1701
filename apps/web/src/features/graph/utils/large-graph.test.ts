import { describe, expect, it } from 'vitest';
import type { Graph, GraphEdge, GraphNode } from '@sluice/model';
import { toCyElements } from './cy-elements';
import { gridLayout } from './grid-layout';
import { defaultCollapsed, groupByNamespace, namespaceSizes, nsNodeId } from './namespace-groups';

/* Large graphs: namespace boxes, collapsing, and a layout shaped like the canvas (issue 12). */

/** Units of a service and two versions in 10 namespaces; each version calls two later services. */
function syntheticGraph(nodeCount: number): Graph {
  const units = Math.ceil(nodeCount / 3);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const ns = (i: number) => `ns-${i % 10}`;
  const svc = (i: number) => `service:${ns(i)}:svc-${i}`;
  const edge = (source: string, target: string, rps: number): GraphEdge => ({
    id: `${source}->${target}`,
    source,
    target,
    protocol: 'http',
    rps,
    share: 1,
    errorRate: 0,
    responses: { '200': rps },
  });
  for (let i = 0; i < units; i++) {
    nodes.push({ id: svc(i), kind: 'service', namespace: ns(i), name: `svc-${i}`, flags: {} });
    for (const v of ['v1', 'v2']) {
      const id = `app:${ns(i)}:svc-${i}:${v}`;
      nodes.push({ id, kind: 'app', namespace: ns(i), name: `svc-${i}`, app: `svc-${i}`, version: v, flags: {} });
      edges.push(edge(svc(i), id, v === 'v1' ? 9 : 1));
      for (const j of [i + 10, i + 20]) if (j < units) edges.push(edge(id, svc(j), 2));
    }
  }
  return { timestamp: '2026-11-29T00:00:00Z', window: '30s', graphType: 'versionedApp', nodes, edges };
}

describe('gridLayout', () => {
  const g = syntheticGraph(4000);
  const nodes = g.nodes.map((n) => ({ id: n.id, group: n.namespace }));
  const edges = g.edges.map((e) => ({ source: e.source, target: e.target }));

  it.each([16 / 9, 1, 0.6])('fills a canvas of aspect %f instead of a thin band', (aspect) => {
    const pos = gridLayout(nodes, edges, aspect);
    expect(pos.size).toBe(nodes.length);
    const xs = [...pos.values()].map((p) => p.x);
    const ys = [...pos.values()].map((p) => p.y);
    const shape = (Math.max(...xs) - Math.min(...xs) + 190) / (Math.max(...ys) - Math.min(...ys) + 80);
    expect(shape / aspect).toBeGreaterThan(0.5);
    expect(shape / aspect).toBeLessThan(2);
    expect(new Set([...pos.values()].map((p) => `${p.x},${p.y}`)).size).toBe(nodes.length);
  });

  it('puts a caller left of what it calls within a namespace, and is the same for the same graph', () => {
    const a = gridLayout(nodes, edges, 16 / 9);
    const b = gridLayout(nodes, edges, 16 / 9);
    expect([...a]).toEqual([...b]);
    const ns = new Map(g.nodes.map((n) => [n.id, n.namespace]));
    const sameNs = g.edges.filter((e) => ns.get(e.source) === ns.get(e.target));
    const leftToRight = sameNs.filter((e) => (a.get(e.source)?.x ?? 0) < (a.get(e.target)?.x ?? 0));
    expect(leftToRight.length / sameNs.length).toBeGreaterThan(0.9);
  });
});

describe('namespace boxes', () => {
  it('collapses big namespaces by default only in graphs above 1,500 nodes', () => {
    const small = toCyElements(syntheticGraph(1000), 'share');
    expect(defaultCollapsed(namespaceSizes(small.nodes), small.nodes.length).size).toBe(0);
    const big = toCyElements(syntheticGraph(4000), 'share');
    expect(defaultCollapsed(namespaceSizes(big.nodes), big.nodes.length).size).toBe(10);
  });

  it('a collapsed namespace is one node; traffic to and from it is summed per neighbour', () => {
    const graph = syntheticGraph(300);
    const flat = toCyElements(graph, 'share');
    const grouped = groupByNamespace(flat, new Set(['ns-1']));
    const inNs1 = new Set(graph.nodes.filter((n) => n.namespace === 'ns-1').map((n) => n.id));
    expect(grouped.nodes.some((n) => inNs1.has(n.data.id as string))).toBe(false);
    expect(grouped.nodes.find((n) => n.data.id === nsNodeId('ns-1'))?.classes).toContain('collapsed');
    // Nodes of expanded namespaces sit in their namespace's box.
    const other = grouped.nodes.find((n) => n.data.namespace === 'ns-2' && !String(n.classes).includes('namespace'));
    expect(other?.data.parent).toBe(nsNodeId('ns-2'));
    // Every request into ns-1 from outside is still there, summed onto the box.
    const into = graph.edges.filter((e) => inNs1.has(e.target) && !inNs1.has(e.source));
    const aggregated = grouped.edges.filter((e) => e.data.target === nsNodeId('ns-1'));
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(aggregated.map((e) => Number(e.data.rps)))).toBeCloseTo(sum(into.map((e) => e.rps)), 6);
    expect(grouped.edges.some((e) => e.data.source === nsNodeId('ns-1') && e.data.target === nsNodeId('ns-1'))).toBe(
      false,
    );
  });
});
