import { useEffect, useRef, type ComponentType, type RefObject } from 'react';
import type { Core } from 'cytoscape';
import { Button } from '@patternfly/react-core';
import {
  CompressIcon,
  ExpandIcon,
  ExpandArrowsAltIcon,
  SearchMinusIcon,
  SearchPlusIcon,
  TableIcon,
} from '@patternfly/react-icons';
import type { Graph } from '@sluice/model';
import { useCytoscape, type Selection } from '../hooks/use-cytoscape';
import { graphSummary, type EdgeLabelMode } from '../utils/graph-model';
import { MINIMAP_MIN_NODES } from '../graph-tools/minimap-threshold';

interface Props {
  graph: Graph | undefined;
  mode: EdgeLabelMode;
  selected: Selection;
  stale: boolean;
  onSelect: (s: Selection) => void;
  /** The canvas is not keyboard-operable: the same graph as tables, one keypress away. */
  onViewTable: () => void;
  /** Ids the graph tools' Find matched: drawn with a halo. */
  highlighted?: ReadonlySet<string> | undefined;
  /** The graph tools' minimap, drawn in the corner of large graphs. */
  minimap?: ComponentType<{ cy: RefObject<Core | null> }> | undefined;
}

/**
 * The cytoscape canvas. Screen-reader and keyboard users get the same data from the table view. Large
 * graphs draw namespaces as boxes: tap a collapsed one to open it, tap a box to close it, or use the
 * expand/collapse-all buttons.
 */
export function GraphCanvas({
  graph,
  mode,
  selected,
  stale,
  onSelect,
  onViewTable,
  highlighted,
  minimap: Minimap,
}: Props) {
  const container = useRef<HTMLDivElement>(null);
  const { cy, boxes } = useCytoscape(container, graph, mode, selected, onSelect);
  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    c.batch(() => {
      c.elements('.found').removeClass('found');
      highlighted?.forEach((id) => c.getElementById(id).addClass('found'));
    });
  }, [cy, graph, highlighted]);
  const zoom = (factor: number) => {
    const c = cy.current;
    if (c) c.zoom({ level: c.zoom() * factor, renderedPosition: { x: c.width() / 2, y: c.height() / 2 } });
  };
  return (
    <div className={`sluice-graph-wrap${stale ? ' is-stale' : ''}`}>
      <div
        ref={container}
        className="sluice-graph"
        role="img"
        aria-label={`${graph ? graphSummary(graph, stale) : 'Service graph loading'}. Use "View as table" for every node and edge.`}
        data-testid="graph-canvas"
        data-found={highlighted?.size ?? 0}
      />
      {Minimap && graph && graph.nodes.length >= MINIMAP_MIN_NODES && <Minimap cy={cy} />}
      <div className="sluice-graph-zoom">
        <Button
          variant="secondary"
          size="sm"
          onClick={onViewTable}
          icon={<TableIcon />}
          data-testid="canvas-view-table"
        >
          View as table
        </Button>
        <Button variant="plain" aria-label="Zoom in" onClick={() => zoom(1.25)} icon={<SearchPlusIcon />} />
        <Button variant="plain" aria-label="Zoom out" onClick={() => zoom(0.8)} icon={<SearchMinusIcon />} />
        <Button
          variant="plain"
          aria-label="Fit to screen"
          onClick={() => cy.current?.fit(undefined, 30)}
          icon={<ExpandIcon />}
        />
        {boxes && boxes.total > 0 && (
          <>
            <Button
              variant="plain"
              aria-label="Expand all namespaces"
              title={`Expand all namespaces (${boxes.collapsed} of ${boxes.total} collapsed)`}
              onClick={boxes.expandAll}
              isDisabled={boxes.collapsed === 0}
              icon={<ExpandArrowsAltIcon />}
              data-testid="expand-namespaces"
            />
            <Button
              variant="plain"
              aria-label="Collapse all namespaces"
              onClick={boxes.collapseAll}
              isDisabled={boxes.collapsed === boxes.total}
              icon={<CompressIcon />}
              data-testid="collapse-namespaces"
            />
          </>
        )}
      </div>
    </div>
  );
}
