import type { ElementDefinition } from 'cytoscape';
import type { Graph } from '@sluice/model';
import {
  edgeHealth,
  edgeLabel,
  edgeWidth,
  nodeBadges,
  scopedShareLabel,
  splitEdgeIds,
  type EdgeLabelMode,
} from './graph-model';

/* The graph as cytoscape element data. Classes carry what the stylesheet keys on. */

export function toCyElements(
  graph: Graph,
  mode: EdgeLabelMode,
): { nodes: ElementDefinition[]; edges: ElementDefinition[] } {
  // Inbound rate and errors per node in one pass (a 1,000-node graph must not cost nodes x edges).
  const inbound = new Map<string, { rps: number; errorRate: number }>();
  for (const e of graph.edges) {
    if (e.mirrored) continue;
    const cur = inbound.get(e.target) ?? { rps: 0, errorRate: 0 };
    const rps = cur.rps + e.rps;
    inbound.set(e.target, { rps, errorRate: rps > 0 ? (cur.rps * cur.errorRate + e.rps * e.errorRate) / rps : 0 });
  }
  const nodes = graph.nodes.map((n) => {
    const health = edgeHealth(inbound.get(n.id) ?? { rps: 0, errorRate: 0 });
    const badges = nodeBadges(n.flags);
    return {
      group: 'nodes' as const,
      data: {
        id: n.id,
        label: [n.name, n.version, badges.map((b) => b.glyph).join(' · ')].filter(Boolean).join('\n'),
        kind: n.kind,
        namespace: n.namespace,
      },
      classes: [
        n.kind,
        badges.length ? 'has-badges' : '',
        n.flags.virtualService ? 'routed' : '',
        health === 'failing' || health === 'degraded' ? `node-${health}` : '',
      ]
        .filter(Boolean)
        .join(' '),
    };
  });
  const splits = splitEdgeIds(graph);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const label = (e: Graph['edges'][number]) =>
    (mode === 'share' && !e.mirrored && scopedShareLabel(byId.get(e.source), byId.get(e.target))) ||
    edgeLabel(e, mode, splits.has(e.id));
  const edges = graph.edges.map((e) => ({
    group: 'edges' as const,
    data: {
      id: e.id,
      source: e.source,
      target: e.target,
      label: label(e),
      width: edgeWidth(e.rps),
      // For namespace boxes: a collapsed namespace's edges are sums (./namespace-groups).
      rps: e.rps,
      errorRate: e.errorRate,
    },
    classes: [e.protocol, edgeHealth(e), e.mirrored ? 'mirrored' : ''].filter(Boolean).join(' '),
  }));
  return { nodes, edges };
}
