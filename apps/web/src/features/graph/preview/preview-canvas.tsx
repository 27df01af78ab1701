import { useEffect, useRef } from 'react';
import cytoscape from 'cytoscape';
import type { GraphPreview } from '@sluice/model';
import { CY_STYLE } from '../utils/cy-style';
import { gridLayout } from '../utils/grid-layout';
import { PREVIEW_STYLE, toPreviewElements, type PreviewLabelMode } from './preview-elements';

/**
 * The preview drawn with the graph's own stylesheet plus the overlay's (./preview-elements). Read-only:
 * the table view below carries the same numbers for keyboard and screen-reader users.
 */
export function PreviewCanvas({ preview, mode }: { preview: GraphPreview; mode: PreviewLabelMode }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const { nodes, edges } = toPreviewElements(preview, mode);
    const cy = cytoscape({
      container: container.current,
      style: [...CY_STYLE, ...PREVIEW_STYLE],
      elements: [...nodes, ...edges],
      minZoom: 0.1,
      maxZoom: 3,
      boxSelectionEnabled: false,
      autoungrabify: true,
    });
    const positions = gridLayout(
      cy.nodes().map((n) => ({ id: n.id(), group: '' })),
      cy.edges().map((e) => ({ source: e.source().id(), target: e.target().id() })),
      cy.width() / Math.max(1, cy.height()),
      false,
    );
    cy.layout({ name: 'preset', positions: Object.fromEntries(positions), fit: true, padding: 30 }).run();
    return () => cy.destroy();
  }, [preview, mode]);
  return (
    <div className="sluice-graph-wrap">
      <div
        ref={container}
        className="sluice-graph"
        role="img"
        aria-label={`Preview graph: ${preview.edges.length} edges, ${preview.blastRadius.length} nodes in the blast radius. The table below lists every edge.`}
        data-testid="preview-canvas"
      />
    </div>
  );
}
