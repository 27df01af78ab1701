import type { Direction, MetricName, MetricSeries } from '@sluice/model';
import { isError } from '../samples/reporter-choice';
import { bucketQuantile } from '../traffic/bucket-quantiles';
import type { HistoryAnswer, StepRowsOf } from '../traffic/history';

/*
 * Rows per step -> one series per metric and version, on the answer's time axis. A step the source
 * has no data for is null in every series; a version without requests in a step has rate 0 there and
 * no error rate or latency (null: nothing to take a share or a quantile of).
 */

const HTTP_METRICS: MetricName[] = ['requestRate', 'errorRate', 'p50', 'p95', 'p99'];
const QUANTILES: [MetricName, number][] = [
  ['p50', 0.5],
  ['p95', 0.95],
  ['p99', 0.99],
];

export function seriesOf(answer: HistoryAnswer, directions: readonly Direction[]): MetricSeries[] {
  return directions.flatMap((direction, i) => {
    const steps = answer.steps.map((s) => (s ? (s[i] ?? emptyRows()) : null));
    const httpGroups = groups(steps, (r) => r.requests.map((x) => x.group));
    const tcpGroups = groups(steps, (r) => r.tcp.map((x) => x.group));
    const out: MetricSeries[] = [];
    for (const version of httpGroups) {
      const values = Object.fromEntries(HTTP_METRICS.map((m) => [m, [] as (number | null)[]]));
      for (const rows of steps) {
        const point = rows ? httpPoint(rows, version) : undefined;
        for (const m of HTTP_METRICS) values[m]?.push(point ? point[m] : null);
      }
      for (const m of HTTP_METRICS) out.push({ metric: m, direction, version, values: values[m] ?? [] });
    }
    for (const version of tcpGroups) {
      const sent = steps.map((rows) => (rows ? sum(rows.tcp, version, (t) => t.sentBytesPerSec) : null));
      const received = steps.map((rows) => (rows ? sum(rows.tcp, version, (t) => t.receivedBytesPerSec) : null));
      out.push({ metric: 'tcpSent', direction, version, values: sent });
      out.push({ metric: 'tcpReceived', direction, version, values: received });
    }
    return out;
  });
}

function emptyRows(): StepRowsOf {
  return { requests: [], buckets: [], tcp: [] };
}

function groups(steps: (StepRowsOf | null)[], of: (rows: StepRowsOf) => string[]): string[] {
  return [...new Set(steps.flatMap((s) => (s ? of(s) : [])))].sort();
}

function sum<T extends { group: string }>(rows: readonly T[], group: string, value: (r: T) => number): number {
  let total = 0;
  for (const r of rows) if (r.group === group) total += value(r);
  return total;
}

function httpPoint(rows: StepRowsOf, version: string): Record<MetricName, number | null> {
  const requests = rows.requests.filter((r) => r.group === version);
  const total = requests.reduce((a, r) => a + r.rps, 0);
  const errors = requests.filter((r) => isError({ ...r, responseFlags: '-' })).reduce((a, r) => a + r.rps, 0);
  const buckets = rows.buckets.filter((b) => b.group === version).map((b) => ({ le: b.le, count: b.rate }));
  const point: Record<MetricName, number | null> = {
    requestRate: total,
    errorRate: total > 0 ? errors / total : null,
    p50: null,
    p95: null,
    p99: null,
    tcpSent: null,
    tcpReceived: null,
  };
  for (const [m, q] of QUANTILES) point[m] = bucketQuantile(q, buckets) ?? null;
  return point;
}
