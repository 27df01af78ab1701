import type { ChangeMarker, Direction, MetricName, MetricsResponse } from '@sluice/model';
import { clockTime, type TimeMarker } from '@/components/time-chart/time-chart-data';
import { formatBytes, formatMs, formatPercent, formatRps } from '@/lib/format';

/*
 * What the metrics charts draw for one direction: a chart per metric with a line per version, in a
 * colour fixed by the version's place among all versions of the answer (so v3 is the same colour
 * on every chart and both tabs). Pure, so tested without a browser.
 */

export interface ChartLine {
  version: string;
  color: string;
  values: (number | null)[];
}

export interface ChartSpec {
  id: string;
  title: string;
  format: (v: number) => string;
  lines: ChartLine[];
}

const PALETTE = ['#0066cc', '#ec7a08', '#3e8635', '#8476d1', '#c9190b', '#009596', '#f0ab00', '#6a6e73'];

export const LATENCY_QUANTILES = ['p50', 'p95', 'p99'] as const;
export type LatencyQuantile = (typeof LATENCY_QUANTILES)[number];

const TITLES: Record<MetricName, [string, (v: number) => string]> = {
  requestRate: ['Request rate (req/s)', formatRps],
  errorRate: ['Error rate (4xx, 5xx, no response)', (v) => formatPercent(v, 1)],
  p50: ['Response time p50', (v) => formatMs(v)],
  p95: ['Response time p95', (v) => formatMs(v)],
  p99: ['Response time p99', (v) => formatMs(v)],
  tcpSent: ['TCP bytes sent', formatBytes],
  tcpReceived: ['TCP bytes received', formatBytes],
};

export function versionColors(m: MetricsResponse): Map<string, string> {
  const versions = [...new Set(m.series.map((s) => s.version))].sort();
  return new Map(versions.map((v, i) => [v, PALETTE[i % PALETTE.length] as string]));
}

export function chartsFor(m: MetricsResponse, direction: Direction, quantile: LatencyQuantile): ChartSpec[] {
  const colors = versionColors(m);
  const metrics: MetricName[] = ['requestRate', 'errorRate', quantile, 'tcpSent', 'tcpReceived'];
  return metrics.flatMap((metric) => {
    const lines = m.series
      .filter((s) => s.metric === metric && s.direction === direction)
      .map((s) => ({ version: s.version, color: colors.get(s.version) ?? '#6a6e73', values: s.values }));
    if (lines.length === 0) return [];
    const [title, format] = TITLES[metric];
    return [{ id: metric, title, format, lines }];
  });
}

/** The changes Sluice wrote, as the charts' markers: the short label on the chart, the full sentence for readers. */
export function timeMarkersOf(markers: readonly ChangeMarker[]): TimeMarker[] {
  return markers.flatMap((m) => {
    const at = Date.parse(m.at);
    if (!Number.isFinite(at)) return [];
    const label = m.summary.replace(/^edit: /, '');
    const description = `${clockTime(at)} ${m.kind} ${m.name}: ${m.summary}${m.actor ? ` by ${m.actor}` : ''}`;
    return [{ at, label, description }];
  });
}
