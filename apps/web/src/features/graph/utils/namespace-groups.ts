import type { ElementDefinition } from 'cytoscape';
import { formatRps } from '@/lib/format';
import { edgeHealth } from './graph-model';

/*
 * Namespace boxes for large graphs (cytoscape compound nodes). An expanded namespace is a parent
 * node around its nodes; a collapsed one is a single node standing for all of them, with the
 * traffic to and from it summed per neighbour (edges inside it are hidden). Above COLLAPSE_TOTAL
 * nodes, namespaces bigger than COLLAPSE_NAMESPACE start collapsed; the user expands one by
 * tapping it and collapses it again by tapping its box.
 */

export const COLLAPSE_TOTAL = 1500;
export const COLLAPSE_NAMESPACE = 60;

export const nsNodeId = (ns: string) => `ns:${ns}`;

export interface Elements {
  nodes: ElementDefinition[];
  edges: ElementDefinition[];
}

/** Namespaces collapsed by default for a graph of this size (namespace -> node count). */
export function defaultCollapsed(sizes: ReadonlyMap<string, number>, total: number): Set<string> {
  if (total <= COLLAPSE_TOTAL) return new Set();
  return new Set([...sizes].filter(([, n]) => n > COLLAPSE_NAMESPACE).map(([ns]) => ns));
}

export function namespaceSizes(nodes: readonly ElementDefinition[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const n of nodes) {
    const ns = String(n.data.namespace ?? '');
    sizes.set(ns, (sizes.get(ns) ?? 0) + 1);
  }
  return sizes;
}

export function groupByNamespace(elements: Elements, collapsed: ReadonlySet<string>): Elements {
  const sizes = namespaceSizes(elements.nodes);
  const owner = new Map<string, string>();
  const nodes: ElementDefinition[] = [];
  for (const ns of [...sizes.keys()].sort()) {
    const size = sizes.get(ns) ?? 0;
    nodes.push(
      collapsed.has(ns)
        ? {
            group: 'nodes',
            data: { id: nsNodeId(ns), namespace: ns, label: `${ns}\n${size} nodes\ntap to expand`, kind: 'namespace' },
            classes: 'namespace collapsed',
          }
        : {
            group: 'nodes',
            data: { id: nsNodeId(ns), namespace: ns, label: ns, kind: 'namespace' },
            classes: 'namespace',
          },
    );
  }
  for (const n of elements.nodes) {
    const ns = String(n.data.namespace ?? '');
    if (collapsed.has(ns)) owner.set(n.data.id as string, nsNodeId(ns));
    else nodes.push({ ...n, data: { ...n.data, parent: nsNodeId(ns) } });
  }
  const edges: ElementDefinition[] = [];
  const merged = new Map<string, { source: string; target: string; rps: number; errors: number }>();
  for (const e of elements.edges) {
    const source = owner.get(e.data.source as string);
    const target = owner.get(e.data.target as string);
    if (source === undefined && target === undefined) {
      edges.push(e);
      continue;
    }
    const s = source ?? (e.data.source as string);
    const t = target ?? (e.data.target as string);
    if (s === t) continue;
    const key = `${s}->${t}`;
    const m = merged.get(key) ?? { source: s, target: t, rps: 0, errors: 0 };
    const rps = Number(e.data.rps ?? 0);
    m.rps += rps;
    m.errors += rps * Number(e.data.errorRate ?? 0);
    merged.set(key, m);
  }
  for (const [key, m] of merged) {
    const errorRate = m.rps > 0 ? m.errors / m.rps : 0;
    edges.push({
      group: 'edges',
      data: {
        id: `agg:${key}`,
        source: m.source,
        target: m.target,
        label: `${formatRps(m.rps)} rps`,
        width: Math.min(8, 1 + Math.log10(1 + m.rps)),
        rps: m.rps,
        errorRate,
      },
      classes: `aggregate ${edgeHealth({ rps: m.rps, errorRate })}`,
    });
  }
  return { nodes, edges };
}
