import type { EdgeLabels, Reporter } from '@sluice/model';

/*
 * Metrics over time (issue 18): what a TrafficSource answers for a range. A selection names the
 * requests of one direction of one service or workload (equality on edge labels, a list meaning any
 * of), whose proxy reports them and which label names the series (a version). Both sources answer
 * with the same rows per step: request rates by response code, duration histogram bucket rates (so
 * hops add up before a quantile is taken, as `histogram_quantile(sum by (le) ...)` does) and TCP bytes.
 */

export type SelectionLabel = Exclude<keyof EdgeLabels, 'reporter' | 'requestProtocol'>;

export interface HistorySelection {
  reporter: Reporter;
  match: Partial<Record<SelectionLabel, string | readonly string[]>>;
  groupBy: SelectionLabel;
}

export interface HistoryRequest {
  /** Namespaces whose traffic holds the selections (narrows what the simulator scans). */
  namespaces: readonly string[];
  selections: readonly HistorySelection[];
  /** Steps are `stepSeconds` apart, `points` of them, the last ending at the source's latest aligned step. */
  stepSeconds: number;
  points: number;
}

export interface StepRowsOf {
  requests: { group: string; responseCode: string; grpcResponseStatus?: string; rps: number }[];
  /** Cumulative bucket rates (observations <= le per second), +Inf included. */
  buckets: { group: string; le: number; rate: number }[];
  tcp: { group: string; sentBytesPerSec: number; receivedBytesPerSec: number }[];
}

export interface HistoryAnswer {
  /** Step ends, epoch seconds, oldest first. */
  timestamps: number[];
  /** Per timestamp: per selection (same order), its rows; null where the source has no data for that step. */
  steps: (StepRowsOf[] | null)[];
  /** The window each rate covers, e.g. "15s". */
  rateWindow: string;
  note?: string;
}

/** Step ends aligned to the step (so refreshes line up), oldest first. */
export function stepEnds(endSec: number, stepSeconds: number, points: number): number[] {
  const last = Math.floor(endSec / stepSeconds) * stepSeconds;
  return Array.from({ length: points }, (_, i) => last - (points - 1 - i) * stepSeconds);
}

/** True when an edge's labels satisfy the selection (reporter and every match). */
export function selects(selection: HistorySelection, labels: EdgeLabels): boolean {
  if (labels.reporter !== selection.reporter) return false;
  for (const [key, want] of Object.entries(selection.match)) {
    const have = labels[key as SelectionLabel];
    if (typeof want === 'string' ? have !== want : !(want as readonly string[]).includes(have)) return false;
  }
  return true;
}
