/*
 * The graph's layout. dagre needed seconds past a few hundred nodes (and ~40 KB gzip with lodash),
 * and cytoscape's breadth-first layering put thousands of nodes in a few very long rows (a
 * 4,000-node graph became a ~20 px band once fitted). This one is linear in nodes + edges:
 * - each namespace is a block: nodes in columns by call depth (longest path from the block's entry
 *   points), each column ordered by its callers' positions (one barycentre sweep, fewer crossings),
 *   a column taller than the block's row budget wraps into several, and a chain of columns wider
 *   than the block should be folds into bands stacked top to bottom;
 * - the row budget is picked so the block's shape is close to the canvas's, and the blocks are
 *   packed in shelves whose width is picked the same way, so "fit" fills the canvas.
 * Positions are a pure function of the graph, so the same graph always lands in the same place.
 */

export interface LayoutNode {
  id: string;
  /** Block the node belongs to (its namespace, or its own id for a collapsed namespace). */
  group: string;
}
export interface LayoutEdge {
  source: string;
  target: string;
}
export type Positions = Map<string, { x: number; y: number }>;

const DX = 190;
const DY = 80;
const BLOCK_GAP = 140;
const BAND_GAP = 60;

interface Block {
  group: string;
  width: number;
  height: number;
  /** Node positions relative to the block's top-left corner. */
  local: Positions;
}

function ranks(ids: readonly string[], succ: Map<string, string[]>): Map<string, number> {
  const indeg = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const id of ids) for (const t of succ.get(id) ?? []) indeg.set(t, (indeg.get(t) ?? 0) + 1);
  const rank = new Map<string, number>();
  const queue = ids.filter((id) => indeg.get(id) === 0);
  for (const id of queue) rank.set(id, 0);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    const r = rank.get(id) ?? 0;
    for (const t of succ.get(id) ?? []) {
      rank.set(t, Math.max(rank.get(t) ?? 0, r + 1));
      const d = (indeg.get(t) ?? 0) - 1;
      indeg.set(t, d);
      if (d === 0) queue.push(t);
    }
  }
  // Nodes on a cycle never reach in-degree 0: they keep the depth of their deepest placed caller.
  for (const id of ids) if (!rank.has(id)) rank.set(id, 0);
  return rank;
}

function layoutBlock(
  group: string,
  ids: readonly string[],
  edges: readonly LayoutEdge[],
  aspect: number,
  compact: boolean,
): Block {
  const inBlock = new Set(ids);
  const succ = new Map<string, string[]>();
  const pred = new Map<string, string[]>();
  for (const e of edges) {
    if (!inBlock.has(e.source) || !inBlock.has(e.target) || e.source === e.target) continue;
    (succ.get(e.source) ?? succ.set(e.source, []).get(e.source))?.push(e.target);
    (pred.get(e.target) ?? pred.set(e.target, []).get(e.target))?.push(e.source);
  }
  const rank = ranks(ids, succ);
  const columns: string[][] = [];
  for (const id of ids) (columns[rank.get(id) ?? 0] ??= []).push(id);
  const order = new Map<string, number>();
  for (const col of columns) {
    if (!col) continue;
    const bary = (id: string) => {
      const ps = (pred.get(id) ?? []).map((p) => order.get(p)).filter((v): v is number => v !== undefined);
      return ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : Number.POSITIVE_INFINITY;
    };
    const keyed = col.map((id, i) => ({ id, b: bary(id), i }));
    keyed.sort((a, b) => a.b - b.b || a.i - b.i);
    keyed.forEach((k, i) => order.set(k.id, i));
    col.splice(0, col.length, ...keyed.map((k) => k.id));
  }
  const cols = columns.filter((c): c is string[] => Boolean(c?.length));
  const tallest = Math.max(1, ...cols.map((c) => c.length));
  // Pick the row budget (tall columns wrap) and the number of bands (a deep call chain folds into
  // several bands stacked top to bottom) whose block shape is closest to the canvas's.
  let best = { rows: tallest, bands: 1, score: Number.POSITIVE_INFINITY };
  for (let rows = tallest; compact && rows >= 1; rows = rows > 8 ? Math.floor(rows * 0.8) : rows - 1) {
    const subColumns = cols.reduce((w, c) => w + Math.ceil(c.length / rows), 0);
    const bandHeight = Math.min(rows, tallest) * DY;
    const ideal = Math.sqrt((subColumns * DX) / (bandHeight * aspect));
    for (const bands of new Set([Math.max(1, Math.floor(ideal)), Math.max(1, Math.ceil(ideal))])) {
      const width = Math.ceil(subColumns / bands) * DX;
      const height = bands * bandHeight + (bands - 1) * BAND_GAP;
      const score = Math.abs(Math.log(width / height / aspect));
      if (score < best.score) best = { rows, bands, score };
    }
  }
  const subColumns = cols.reduce((w, c) => w + Math.ceil(c.length / best.rows), 0);
  const perBand = Math.ceil(subColumns / best.bands);
  const bandHeight = Math.min(best.rows, tallest) * DY + BAND_GAP;
  const local: Positions = new Map();
  let x = 0;
  for (const col of cols) {
    col.forEach((id, i) => {
      const sub = x + Math.floor(i / best.rows);
      const band = Math.floor(sub / perBand);
      // Small graphs: a short column is centred on the tallest, as a layered (dagre-like) drawing.
      const offset = compact ? 0 : ((tallest - col.length) * DY) / 2;
      local.set(id, { x: (sub % perBand) * DX, y: band * bandHeight + (i % best.rows) * DY + offset });
    });
    x += Math.ceil(col.length / best.rows);
  }
  return {
    group,
    width: Math.max(1, Math.min(perBand, subColumns)) * DX,
    height: best.bands * bandHeight - BAND_GAP,
    local,
  };
}

/**
 * Positions for every node; `aspect` is the canvas's width / height. `compact` (large graphs) wraps
 * and folds blocks to the canvas's shape; without it each block is a plain layered drawing, left to
 * right by call depth.
 */
export function gridLayout(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  aspect: number,
  compact = true,
): Positions {
  const safeAspect = Number.isFinite(aspect) && aspect > 0 ? aspect : 16 / 9;
  const groups = new Map<string, string[]>();
  for (const n of nodes) (groups.get(n.group) ?? groups.set(n.group, []).get(n.group))?.push(n.id);
  const blocks = [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, ids]) => layoutBlock(group, ids, edges, safeAspect, compact));
  // Shelf packing: try shelf widths around the one that would make the whole a canvas-shaped rectangle.
  const area = blocks.reduce((a, b) => a + (b.width + BLOCK_GAP) * (b.height + BLOCK_GAP), 0);
  const widest = Math.max(...blocks.map((b) => b.width + BLOCK_GAP));
  let bestPlan: { origins: { x: number; y: number }[]; score: number } | undefined;
  for (const f of [0.5, 0.7, 0.85, 1, 1.2, 1.4, 1.7, 2]) {
    const limit = Math.max(widest, Math.sqrt(area * safeAspect) * f);
    const origins: { x: number; y: number }[] = [];
    let x = 0;
    let y = 0;
    let shelf = 0;
    let width = 0;
    for (const b of blocks) {
      if (x > 0 && x + b.width > limit) {
        y += shelf + BLOCK_GAP;
        x = 0;
        shelf = 0;
      }
      origins.push({ x, y });
      x += b.width + BLOCK_GAP;
      width = Math.max(width, x - BLOCK_GAP);
      shelf = Math.max(shelf, b.height);
    }
    const score = Math.abs(Math.log(Math.max(1, width) / Math.max(1, y + shelf) / safeAspect));
    if (!bestPlan || score < bestPlan.score) bestPlan = { origins, score };
  }
  const out: Positions = new Map();
  blocks.forEach((b, i) => {
    const o = bestPlan?.origins[i] ?? { x: 0, y: 0 };
    for (const [id, p] of b.local) out.set(id, { x: o.x + p.x, y: o.y + p.y });
  });
  return out;
}
