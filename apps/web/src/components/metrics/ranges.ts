/*
 * The time range picker: each range with the step that gives it 60 points, so a chart is as dense
 * at 5 minutes as at 6 hours. The demo simulator keeps 10 minutes; longer ranges say so (note).
 */
export const METRIC_RANGES = [
  { range: '5m', step: '5s', label: 'Last 5 minutes' },
  { range: '10m', step: '10s', label: 'Last 10 minutes' },
  { range: '30m', step: '30s', label: 'Last 30 minutes' },
  { range: '1h', step: '1m', label: 'Last hour' },
  { range: '6h', step: '6m', label: 'Last 6 hours' },
] as const;

export type MetricRange = (typeof METRIC_RANGES)[number];

export function rangeOf(param: string | null): MetricRange {
  return METRIC_RANGES.find((r) => r.range === param) ?? METRIC_RANGES[0];
}
