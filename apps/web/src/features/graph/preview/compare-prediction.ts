import type { Graph, GraphPreview } from '@sluice/model';

/*
 * How close a preview came: its expected edges against the graph observed once a full window has
 * passed since Apply. An edge counts as close when its rate is within 4 Poisson standard deviations
 * over the window (or 10 %), and its error rate within 4 binomial standard deviations (or 1 point):
 * the observed window is one random draw of what the config does.
 */

export interface EdgeComparison {
  id: string;
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
    const rateTol = Math.max(4 * Math.sqrt(Math.max(e.expected.rps, observedRps) / seconds), 0.1 * e.expected.rps);
    const n = Math.max(1, observedRps * seconds);
    const p = Math.min(0.99, Math.max(0.01, e.expected.errorRate));
    const errTol = Math.max(4 * Math.sqrt((p * (1 - p)) / n), 0.01);
    edges.push({
      id: e.id,
      expectedRps: e.expected.rps,
      observedRps,
      expectedErrorRate: e.expected.errorRate,
      observedErrorRate,
      close:
        Math.abs(observedRps - e.expected.rps) <= rateTol &&
        Math.abs(observedErrorRate - e.expected.errorRate) <= errTol,
    });
  }
  const misses = edges.filter((e) => !e.close);
  const worst = [...(misses.length > 0 ? misses : edges)].sort(
    (a, b) =>
      Math.abs(b.observedErrorRate - b.expectedErrorRate) - Math.abs(a.observedErrorRate - a.expectedErrorRate) ||
      Math.abs(b.observedRps - b.expectedRps) - Math.abs(a.observedRps - a.expectedRps),
  )[0];
  return { edges, close: edges.length - misses.length, total: edges.length, ...(worst ? { worst } : {}) };
}
