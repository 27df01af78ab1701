import type { EdgeLabels } from '@sluice/model';
import { DURATION_BUCKETS_MS, type Simulator, type StepRows } from '@sluice/mesh-sim';
import {
  selects,
  stepEnds,
  type HistoryAnswer,
  type HistoryRequest,
  type HistorySelection,
  type StepRowsOf,
} from './history';

/*
 * History in demo mode, straight from the simulator's per-second record: each step is the same
 * window computation the graph's rates use, ending at that step, so a range answer agrees with the
 * simulator's ground truth exactly. The simulator keeps `retentionSeconds` (10 minutes by default):
 * steps before that, or before it started, are null.
 */
export function simulatorHistory(sim: Pick<Simulator, 'stepRows' | 'now'>, req: HistoryRequest): HistoryAnswer {
  const timestamps = stepEnds(Math.floor(sim.now() / 1000), req.stepSeconds, req.points);
  // Only the selected series are summed: a service's history in a big namespace stays cheap.
  const keep = (labels: EdgeLabels) => req.selections.some((s) => selects(s, labels));
  const steps = timestamps.map((t) => {
    const rows = sim.stepRows(req.stepSeconds, t * 1000, req.namespaces, keep);
    return rows ? req.selections.map((s) => rowsOf(s, rows)) : null;
  });
  const missing = steps.filter((s) => s === null).length;
  return {
    timestamps,
    steps,
    rateWindow: `${req.stepSeconds}s`,
    ...(missing > 0
      ? {
          note: `${missing} of ${timestamps.length} steps have no data: the simulator keeps its last 10 minutes, from when it started`,
        }
      : {}),
  };
}

function groupOf(s: HistorySelection, labels: EdgeLabels): string {
  return labels[s.groupBy] || 'unknown';
}

function rowsOf(s: HistorySelection, rows: StepRows): StepRowsOf {
  const requests = rows.requests
    .filter((r) => selects(s, r))
    .map((r) => ({
      group: groupOf(s, r),
      responseCode: r.responseCode,
      ...(r.grpcResponseStatus !== undefined ? { grpcResponseStatus: r.grpcResponseStatus } : {}),
      rps: r.rps,
    }));
  // Per-bucket rates of every selected edge, added per group, then made cumulative (Prometheus's `le`).
  const perGroup = new Map<string, number[]>();
  for (const b of rows.buckets) {
    if (!selects(s, b)) continue;
    const g = groupOf(s, b);
    const acc = perGroup.get(g) ?? new Array<number>(b.rates.length).fill(0);
    b.rates.forEach((v, i) => (acc[i] = (acc[i] ?? 0) + v));
    perGroup.set(g, acc);
  }
  const buckets: StepRowsOf['buckets'] = [];
  for (const [group, rates] of perGroup) {
    let cumulative = 0;
    rates.forEach((v, i) => {
      cumulative += v;
      buckets.push({ group, le: DURATION_BUCKETS_MS[i] ?? Number.POSITIVE_INFINITY, rate: cumulative });
    });
  }
  const tcp = rows.tcp
    .filter((t) => selects(s, t))
    .map((t) => ({
      group: groupOf(s, t),
      sentBytesPerSec: t.sentBytesPerSec,
      receivedBytesPerSec: t.receivedBytesPerSec,
    }));
  return { requests, buckets, tcp };
}
