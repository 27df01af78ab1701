import { z } from 'zod';
import { reporterSchema } from '../traffic/samples';

/*
 * Metrics over time of one service or workload (issue 18): series per direction and version on one
 * shared time axis, and the configuration changes Sluice wrote in that time (from its audit log) as
 * markers. Every value covers the `rateWindow` ending at its timestamp; a null is "no data"
 * (before the metrics start, or past what the backend keeps), never a quiet zero.
 */

const DURATION = /^\d+(s|m|h)$/;
export const metricsQuerySchema = z.object({
  range: z.string().regex(DURATION, 'range must look like 10m, 1h or 30s').default('10m'),
  step: z.string().regex(DURATION, 'step must look like 15s or 1m').default('15s'),
});
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;

/** At most this many points per series: a range/step pair asking for more is refused (400). */
export const MAX_METRIC_POINTS = 720;

export const metricsTargetKindSchema = z.enum(['service', 'workload']);
export type MetricsTargetKind = z.infer<typeof metricsTargetKindSchema>;

export const directionSchema = z.enum(['inbound', 'outbound']);
export type Direction = z.infer<typeof directionSchema>;

export const metricNameSchema = z.enum(['requestRate', 'errorRate', 'p50', 'p95', 'p99', 'tcpSent', 'tcpReceived']);
export type MetricName = z.infer<typeof metricNameSchema>;

/** Units per metric: req/s, a 0..1 share, milliseconds, bytes/s. */
export const METRIC_UNITS: Record<MetricName, 'rps' | 'ratio' | 'ms' | 'bytesPerSec'> = {
  requestRate: 'rps',
  errorRate: 'ratio',
  p50: 'ms',
  p95: 'ms',
  p99: 'ms',
  tcpSent: 'bytesPerSec',
  tcpReceived: 'bytesPerSec',
};

export const metricSeriesSchema = z.object({
  metric: metricNameSchema,
  direction: directionSchema,
  /** The version (canonical revision) the series is of: the destination's inbound, the source's outbound. */
  version: z.string(),
  /** One value per entry of `timestamps`; null where there is no data (errorRate: no requests). */
  values: z.array(z.number().nullable()),
});
export type MetricSeries = z.infer<typeof metricSeriesSchema>;

export const directionScopeSchema = z.object({
  direction: directionSchema,
  /** Whose proxy reported the figures: inbound to a service the callers' (what they saw, injected faults included). */
  reporter: reporterSchema,
  /** Which requests, in words, e.g. "requests to service reviews.bookinfo". */
  covers: z.string(),
});

export const changeMarkerSchema = z.object({
  /** ISO time of the write. */
  at: z.string(),
  action: z.string(),
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  /** What changed, for the marker's label, e.g. "setWeights" or "replace". */
  summary: z.string(),
  actor: z.string().optional(),
});
export type ChangeMarker = z.infer<typeof changeMarkerSchema>;

export const metricsResponseSchema = z.object({
  target: z.object({ kind: metricsTargetKindSchema, namespace: z.string(), name: z.string() }),
  source: z.enum(['simulated', 'prometheus']),
  range: z.string(),
  step: z.string(),
  /** The window each rate is taken over (the step, or wider when Prometheus scrapes less often). */
  rateWindow: z.string(),
  /** End of each step, epoch milliseconds, oldest first. */
  timestamps: z.array(z.number()),
  directions: z.array(directionScopeSchema),
  series: z.array(metricSeriesSchema),
  markers: z.array(changeMarkerSchema),
  /** Why part of the range holds no data (e.g. the simulator keeps 10 minutes), when it does not. */
  note: z.string().optional(),
});
export type MetricsResponse = z.infer<typeof metricsResponseSchema>;
