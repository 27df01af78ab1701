import type { ElementDefinition, StylesheetJson } from 'cytoscape';
import type { EdgeTraffic, GraphPreview, PreviewEdge } from '@sluice/model';
import { formatPercent, formatRps } from '@/lib/format';
import { edgeHealth, edgeWidth, nodeBadges } from '../utils/graph-model';

/*
 * The preview as cytoscape elements: every edge labelled "now -> expected", edges that appear drawn
 * dashed blue, edges that disappear dotted grey, the blast radius (nodes whose callers would see new
 * errors, and those caller edges) outlined red. Pure, so the table view and tests share it.
 */

export type PreviewLabelMode = 'share' | 'rps' | 'errors';

const text = (t: EdgeTraffic | undefined, mode: PreviewLabelMode): string => {
  if (!t) return '—';
  if (mode === 'rps') return formatRps(t.rps);
  if (mode === 'errors') return formatPercent(t.errorRate, 1);
  return formatPercent(t.share);
};

export function previewEdgeLabel(e: PreviewEdge, mode: PreviewLabelMode): string {
  const now = text(e.now, mode);
  const expected = text(e.expected, mode);
  if (e.change === 'appears') return `new: ${expected}`;
  if (e.change === 'disappears') return `gone (was ${now})`;
  return now === expected ? now : `${now} → ${expected}`;
}

export function toPreviewElements(
  preview: GraphPreview,
  mode: PreviewLabelMode,
): { nodes: ElementDefinition[]; edges: ElementDefinition[] } {
  const blast = new Set(preview.blastRadius.map((b) => b.node));
  const nodes = preview.nodes.map((n) => ({
    group: 'nodes' as const,
    data: {
      id: n.id,
      label: [
        n.name,
        n.version,
        nodeBadges(n.flags)
          .map((b) => b.glyph)
          .join(' · '),
      ]
        .filter(Boolean)
        .join('\n'),
      namespace: n.namespace,
    },
    classes: [n.kind, blast.has(n.id) ? 'blast' : ''].filter(Boolean).join(' '),
  }));
  const edges = preview.edges.map((e) => {
    const shown = e.expected ?? e.now;
    return {
      group: 'edges' as const,
      data: {
        id: e.id,
        source: e.source,
        target: e.target,
        label: previewEdgeLabel(e, mode),
        width: edgeWidth(shown?.rps ?? 0),
      },
      classes: [
        e.protocol,
        edgeHealth({ rps: shown?.rps ?? 0, errorRate: shown?.errorRate ?? 0 }),
        e.mirrored ? 'mirrored' : '',
        `change-${e.change}`,
        e.inBlastRadius ? 'blast' : '',
      ]
        .filter(Boolean)
        .join(' '),
    };
  });
  return { nodes, edges };
}

/** What the overlay adds to the graph's stylesheet. */
export const PREVIEW_STYLE: StylesheetJson = [
  {
    selector: 'edge.change-appears',
    style: { 'line-style': 'dashed', 'line-color': '#0066cc', 'target-arrow-color': '#0066cc' },
  },
  { selector: 'edge.change-disappears', style: { 'line-style': 'dotted', 'line-color': '#8a8d90', opacity: 0.6 } },
  { selector: 'edge.change-changed', style: { 'font-weight': 'bold' } },
  { selector: 'edge.blast', style: { 'line-color': '#c9190b', 'target-arrow-color': '#c9190b', width: 4 } },
  {
    selector: 'node.blast',
    style: { 'border-color': '#c9190b', 'border-width': 5, 'background-color': '#fef0ef' },
  },
];
