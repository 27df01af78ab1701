import type { Graph, GraphPreview } from '@sluice/model';

/*
 * How close a preview came: its expected edges against the graph observed once a full window has
 * passed since Apply. What the preview predicts is what the config does with the demand: the split
 * (share) and the error rate of each edge. An edge counts as close when both are within 4 binomial
 * standard deviations of the observed window (or 2 points): that window is one random draw of what
 * the config does. Rates are shown, not judged: demand itself moves between windows.
 */

export interface EdgeComparison {
  id: string;
  expectedShare: number;
  observedShare: number;
  expectedRps: number;
  observedRps: number;
  expectedErrorRate: number;
  observedErrorRate: number;
  close: boolean;
}

export interface PredictionComparison {
  edges: EdgeComparison[];
  close: number;
  total: number;
  /** The edge the prediction missed most (by error rate, then rate), if any. */
  worst?: EdgeComparison;
}

export function windowSeconds(window: string): number {
  const m = /^(\d+)(s|m|h)$/.exec(window);
  if (!m) return 30;
  return Number(m[1]) * (m[2] === 'h' ? 3600 : m[2] === 'm' ? 60 : 1);
}

export function comparePrediction(preview: GraphPreview, observed: Graph): PredictionComparison {
  const seconds = windowSeconds(observed.window);
  const byId = new Map(observed.edges.map((e) => [e.id, e]));
  const edges: EdgeComparison[] = [];
  for (const e of preview.edges) {
    if (!e.expected) continue;
    const o = byId.get(e.id);
    const observedRps = o?.rps ?? 0;
    const observedErrorRate = o?.errorRate ?? 0;
    const observedShare = o?.share ?? 0;
    const n = Math.max(1, observedRps * seconds);
    const tolerance = (p: number) => {
      const q = Math.min(0.99, Math.max(0.01, p));
      return Math.max(4 * Math.sqrt((q * (1 - q)) / n), 0.02);
    };
    edges.push({
      id: e.id,
      expectedShare: e.expected.share,
      observedShare,
      expectedRps: e.expected.rps,
      observedRps,
      expectedErrorRate: e.expected.errorRate,
      observedErrorRate,
      close:
        Math.abs(observedShare - e.expected.share) <= tolerance(e.expected.share) &&
        Math.abs(observedErrorRate - e.expected.errorRate) <= tolerance(e.expected.errorRate),
    });
  }
  const misses = edges.filter((e) => !e.close);
  const worst = [...(misses.length > 0 ? misses : edges)].sort(
    (a, b) =>
      Math.abs(b.observedErrorRate - b.expectedErrorRate) - Math.abs(a.observedErrorRate - a.expectedErrorRate) ||
      Math.abs(b.observedShare - b.expectedShare) - Math.abs(a.observedShare - a.expectedShare),
  )[0];
  return { edges, close: edges.length - misses.length, total: edges.length, ...(worst ? { worst } : {}) };
}
