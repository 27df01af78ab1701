import type { ElementDefinition } from 'cytoscape';
import type { Graph } from '@sluice/model';
import { edgeHealth, edgeLabel, edgeWidth, nodeBadges, splitEdgeIds, type EdgeLabelMode } from './graph-model';

/* The graph as cytoscape element data. Classes carry what the stylesheet keys on. */

export function toCyElements(graph: Graph, mode: EdgeLabelMode): { nodes: ElementDefinition[]; edges: ElementDefinition[] } {
  const nodes = graph.nodes.map((n) => {
    const badges = nodeBadges(n.flags);
    return {
      group: 'nodes' as const,
      data: {
        id: n.id,
        label: [n.name, n.version, badges.map((b) => b.glyph).join(' · ')].filter(Boolean).join('\n'),
        kind: n.kind,
      },
      classes: [n.kind, badges.length ? 'has-badges' : '', n.flags.virtualService ? 'routed' : ''].filter(Boolean).join(' '),
    };
  });
  const splits = splitEdgeIds(graph);
  const edges = graph.edges.map((e) => ({
    group: 'edges' as const,
    data: {
      id: e.id,
      source: e.source,
      target: e.target,
      label: edgeLabel(e, mode, splits.has(e.id)),
      width: edgeWidth(e.rps),
    },
    classes: [e.protocol, edgeHealth(e), e.mirrored ? 'mirrored' : ''].filter(Boolean).join(' '),
  }));
  return { nodes, edges };
}
