import {
  MAX_METRIC_POINTS,
  parseDurationMs,
  type MeshSnapshot,
  type MetricsQuery,
  type MetricsResponse,
  type MetricsTargetKind,
} from '@sluice/model';
import type { AuditLog } from '../audit/audit-log';
import { AppError } from '../errors/app-error';
import type { TrafficSource } from '../traffic/traffic-source';
import { markersFor } from './markers';
import { selectionsFor } from './selections';
import { seriesOf } from './series';

/** GET .../{services|workloads}/:name/metrics: the target's selections, read over the range, as series with markers. */
export async function getMetrics(
  deps: { snapshot: MeshSnapshot; traffic: TrafficSource; audit?: AuditLog | undefined },
  target: { kind: MetricsTargetKind; namespace: string; name: string },
  query: MetricsQuery,
): Promise<MetricsResponse> {
  const { stepSeconds, points } = checkRange(query);
  const sel = selectionsFor(deps.snapshot, target.kind, target.namespace, target.name);
  if (!deps.traffic.history)
    throw new AppError('unavailable', 'this metrics backend keeps no history: metrics over time cannot be shown', 503);
  const answer = await deps.traffic.history({
    namespaces: [target.namespace],
    selections: sel.selections,
    stepSeconds,
    points,
  });
  const timestamps = answer.timestamps.map((t) => t * 1000);
  const first = timestamps[0] ?? 0;
  const last = timestamps.at(-1) ?? 0;
  return {
    target,
    source: deps.traffic.kind,
    range: query.range,
    step: query.step,
    rateWindow: answer.rateWindow,
    timestamps,
    directions: sel.directions,
    series: seriesOf(
      answer,
      sel.directions.map((d) => d.direction),
    ),
    // From the start of the first step's window to a step past the last: a write made since still shows.
    markers: markersFor(
      deps.audit,
      target.namespace,
      sel.services,
      first - stepSeconds * 1000,
      last + stepSeconds * 1000,
    ),
    ...(answer.note ? { note: answer.note } : {}),
  };
}

function checkRange(query: MetricsQuery) {
  const rangeMs = parseDurationMs(query.range) ?? 0;
  const stepMs = parseDurationMs(query.step) ?? 0;
  const problems: { path: string; code: string; message: string }[] = [];
  if (stepMs < 1000) problems.push({ path: 'query.step', code: 'too_small', message: 'step must be at least 1s' });
  if (rangeMs < stepMs)
    problems.push({
      path: 'query.range',
      code: 'too_small',
      message: `range ${query.range} is shorter than step ${query.step}`,
    });
  const points = stepMs > 0 ? Math.floor(rangeMs / stepMs) : 0;
  if (points > MAX_METRIC_POINTS)
    problems.push({
      path: 'query.step',
      code: 'too_small',
      message: `range ${query.range} / step ${query.step} gives ${points} points; at most ${MAX_METRIC_POINTS}: take a longer step`,
    });
  if (problems.length > 0) throw new AppError('bad_request', problems.map((p) => p.message).join('; '), 400, problems);
  return { stepSeconds: stepMs / 1000, points };
}
