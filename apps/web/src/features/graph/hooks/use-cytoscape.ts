import { useEffect, useRef, type RefObject } from 'react';
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import type { Graph } from '@sluice/model';
import { toCyElements } from '../utils/cy-elements';
import { CY_STYLE } from '../utils/cy-style';
import type { EdgeLabelMode } from '../utils/graph-model';

cytoscape.use(dagre);

export type Selection = { type: 'node' | 'edge'; id: string } | null;

const DAGRE = {
  name: 'dagre',
  rankDir: 'LR',
  nodeSep: 36,
  rankSep: 110,
  edgeSep: 12,
  animate: false,
  fit: true,
  padding: 30,
} as const;
// dagre's crossing minimisation grows much faster than linear: past a few hundred nodes it takes
// seconds, so big meshes get cytoscape's linear breadth-first layering instead (bench/graph-render-bench.ts).
const LARGE = 300;
const BREADTHFIRST = {
  name: 'breadthfirst',
  directed: true,
  spacingFactor: 1.1,
  animate: false,
  fit: true,
  padding: 30,
} as const;

/**
 * Applies new element data in place: existing elements keep their positions and only change labels,
 * widths and classes, so live updates never make the graph jump. Layout runs only when the set of
 * nodes changes. Returns whether a layout ran.
 */
function syncElements(cy: Core, next: { nodes: ElementDefinition[]; edges: ElementDefinition[] }): boolean {
  const wanted = new Set([...next.nodes, ...next.edges].map((e) => e.data.id as string));
  let nodesChanged = false;
  cy.batch(() => {
    cy.elements().forEach((el) => {
      if (!wanted.has(el.id())) {
        if (el.isNode()) nodesChanged = true;
        el.remove();
      }
    });
    for (const def of [...next.nodes, ...next.edges]) {
      const el = cy.getElementById(def.data.id as string);
      if (el.nonempty()) {
        el.data(def.data);
        el.classes(def.classes ?? '');
      } else {
        if (def.group === 'nodes') nodesChanged = true;
        cy.add(def);
      }
    }
  });
  if (nodesChanged) cy.layout(cy.nodes().length > LARGE ? BREADTHFIRST : DAGRE).run();
  return nodesChanged;
}

export function useCytoscape(
  container: RefObject<HTMLDivElement | null>,
  graph: Graph | undefined,
  mode: EdgeLabelMode,
  selected: Selection,
  onSelect: (s: Selection) => void,
): RefObject<Core | null> {
  const cyRef = useRef<Core | null>(null);
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  // Big graphs trade a little fidelity for smooth pan and wheel-zoom: a cached bitmap, no edges, while
  // the viewport moves. These are creation options, so crossing the threshold recreates the canvas.
  const large = (graph?.nodes.length ?? 0) > LARGE;
  useEffect(() => {
    if (!container.current) return;
    const cy = cytoscape({
      container: container.current,
      style: CY_STYLE,
      minZoom: 0.05,
      maxZoom: 3,
      boxSelectionEnabled: false,
      textureOnViewport: large,
      hideEdgesOnViewport: large,
    });
    cy.on('tap', 'node', (e) => onSelectRef.current({ type: 'node', id: e.target.id() }));
    cy.on('tap', 'edge', (e) => onSelectRef.current({ type: 'edge', id: e.target.id() }));
    cy.on('tap', (e) => e.target === cy && onSelectRef.current(null));
    cyRef.current = cy;
    return () => {
      cy.destroy();
      cyRef.current = null;
    };
  }, [container, large]);

  const renderedOnce = useRef(false);
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !graph) return;
    const start = performance.now();
    syncElements(cy, toCyElements(graph, mode));
    // Marks for bench/graph-render-bench.ts: sync + layout + the first frame cytoscape draws.
    const name = renderedOnce.current ? 'sluice:graph-update' : 'sluice:graph-first-render';
    renderedOnce.current = true;
    cy.one('render', () => performance.measure(name, { start }));
  }, [graph, mode, large]);

  const selKey = selected ? `${selected.type}:${selected.id}` : '';
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.elements(':selected').unselect();
    if (!selected) return;
    const el = cy.getElementById(selected.id);
    if (el.nonempty()) el.select();
    // selKey stands for `selected`; graph is a dependency so a deep-linked element is selected once it arrives.
  }, [selKey, graph, large]); // eslint-disable-line react-hooks/exhaustive-deps

  return cyRef;
}
