import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import type { Graph } from '@sluice/model';
import { toCyElements } from '../utils/cy-elements';
import { CY_STYLE } from '../utils/cy-style';
import type { EdgeLabelMode } from '../utils/graph-model';
import { gridLayout } from '../utils/grid-layout';
import { defaultCollapsed, groupByNamespace, namespaceSizes, type Elements } from '../utils/namespace-groups';

export type Selection = { type: 'node' | 'edge'; id: string } | null;

/** The namespace boxes of a large graph, for the canvas's expand/collapse-all controls. */
export interface NamespaceBoxes {
  total: number;
  collapsed: number;
  expandAll(): void;
  collapseAll(): void;
}

// Past a few hundred nodes the graph gets namespace boxes and a layout folded to the canvas's shape
// (../utils/grid-layout; bench/graph-render-bench.ts); below, a plain layered drawing.
const LARGE = 300;

/**
 * Applies new element data in place: existing elements keep their positions and only change labels,
 * widths and classes, so live updates never make the graph jump. Layout runs only when the set of
 * nodes changes. Returns whether a layout ran.
 */
function syncElements(cy: Core, next: Elements): boolean {
  const wanted = new Set([...next.nodes, ...next.edges].map((e) => e.data.id as string));
  let nodesChanged = false;
  const added: ElementDefinition[] = [];
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
        // A node moving into or out of a namespace box is a change of structure: move it, lay out again.
        const parent = (def.data.parent as string | undefined) ?? null;
        if (el.isNode() && ((el.data('parent') as string | undefined) ?? null) !== parent) {
          el.move({ parent });
          nodesChanged = true;
        }
        el.data(def.data);
        el.classes(def.classes ?? '');
      } else {
        if (def.group === 'nodes') nodesChanged = true;
        added.push(def);
      }
    }
    // One add for everything new (the whole graph on first render): far cheaper than one per element.
    if (added.length > 0) cy.add(added);
  });
  if (nodesChanged) runLayout(cy);
  return nodesChanged;
}

function runLayout(cy: Core): void {
  const leaves = cy.nodes().filter((n) => !n.isParent());
  const boxes = cy.nodes('.namespace').nonempty();
  const positions = gridLayout(
    leaves.map((n) => ({
      id: n.id(),
      group: !boxes ? '' : n.hasClass('collapsed') ? n.id() : String(n.data('namespace') ?? ''),
    })),
    cy.edges().map((e) => ({ source: e.source().id(), target: e.target().id() })),
    cy.width() / Math.max(1, cy.height()),
    boxes,
  );
  cy.layout({
    name: 'preset',
    positions: Object.fromEntries(positions),
    fit: true,
    padding: 30,
    animate: false,
  }).run();
}

export function useCytoscape(
  container: RefObject<HTMLDivElement | null>,
  graph: Graph | undefined,
  mode: EdgeLabelMode,
  selected: Selection,
  onSelect: (s: Selection) => void,
): { cy: RefObject<Core | null>; boxes: NamespaceBoxes | undefined } {
  const cyRef = useRef<Core | null>(null);
  // Namespace boxes the user opened or closed; the rest follow the size rule (./namespace-groups).
  const [overrides, setOverrides] = useState<ReadonlyMap<string, boolean>>(new Map());
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
    // One handler on the core: taps on a node inside a namespace box bubble to the box too.
    cy.on('tap', (e) => {
      const t = e.target as cytoscape.SingularElementReturnValue | Core;
      if (t === cy) return onSelectRef.current(null);
      const el = t as cytoscape.SingularElementReturnValue;
      if (el.hasClass('namespace')) {
        const ns = String(el.data('namespace'));
        setOverrides((m) => new Map(m).set(ns, !el.hasClass('collapsed')));
        return;
      }
      if (el.hasClass('aggregate')) return;
      onSelectRef.current({ type: el.isNode() ? 'node' : 'edge', id: el.id() });
    });
    cyRef.current = cy;
    return () => {
      cy.destroy();
      cyRef.current = null;
    };
  }, [container, large]);

  const { elements, namespaces, collapsedCount } = useMemo(() => {
    if (!graph) return { elements: undefined, namespaces: [], collapsedCount: 0 };
    const flat = toCyElements(graph, mode);
    if (!large) return { elements: flat, namespaces: [], collapsedCount: 0 };
    const sizes = namespaceSizes(flat.nodes);
    const collapsed = defaultCollapsed(sizes, flat.nodes.length);
    for (const [ns, closed] of overrides) {
      if (closed) collapsed.add(ns);
      else collapsed.delete(ns);
    }
    return {
      elements: groupByNamespace(flat, collapsed),
      namespaces: [...sizes.keys()],
      collapsedCount: collapsed.size,
    };
  }, [graph, mode, large, overrides]);

  const renderedOnce = useRef(false);
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !elements) return;
    const start = performance.now();
    syncElements(cy, elements);
    // Marks for bench/graph-render-bench.ts: sync + layout + the first frame cytoscape draws.
    const name = renderedOnce.current ? 'sluice:graph-update' : 'sluice:graph-first-render';
    renderedOnce.current = true;
    cy.one('render', () => performance.measure(name, { start }));
  }, [elements]);

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

  const boxes = useMemo<NamespaceBoxes | undefined>(
    () =>
      large
        ? {
            total: namespaces.length,
            collapsed: collapsedCount,
            expandAll: () => setOverrides(new Map(namespaces.map((ns) => [ns, false]))),
            collapseAll: () => setOverrides(new Map(namespaces.map((ns) => [ns, true]))),
          }
        : undefined,
    [large, namespaces, collapsedCount],
  );
  return { cy: cyRef, boxes };
}
