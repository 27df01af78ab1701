import type { RolloutPoint } from '@sluice/model';
import { clockTime, type TimeMarker, type TimeSeries } from '@/components/time-chart/time-chart-data';

/*
 * What the rollout charts draw, pure so it is tested without a browser: the points' times (taken by
 * the driver; a restart or a slow tick leaves a gap in time that stays a gap), stable and canary as
 * two lines, and a marker wherever the canary's weight changed. Missing values (no traffic yet) stay
 * null, so the line breaks instead of drawing a false zero.
 */

export const ROLLOUT_COLORS = { stable: '#0066cc', canary: '#ec7a08' } as const;

export function pointTimes(points: readonly Pick<RolloutPoint, 'at'>[]): number[] {
  return points.map((p) => Date.parse(p.at));
}

export function sideSeries(
  points: readonly RolloutPoint[],
  value: (side: RolloutPoint['stable']) => number | null,
): TimeSeries[] {
  return (['stable', 'canary'] as const).map((side) => ({
    label: side,
    color: ROLLOUT_COLORS[side],
    values: points.map((p) => value(p[side])),
  }));
}

/** Where the canary's weight changed between two points: the step (or rollback) is marked there. */
export function stepMarkers(points: readonly RolloutPoint[]): TimeMarker[] {
  const marks: TimeMarker[] = [];
  for (let i = 1; i < points.length; i++) {
    const prev = points[i - 1];
    const p = points[i];
    if (!prev || !p || prev.canaryWeight === p.canaryWeight) continue;
    const at = Date.parse(p.at);
    marks.push({
      at,
      label: `canary ${p.canaryWeight}%`,
      description: `${clockTime(at)} canary weight ${prev.canaryWeight}% to ${p.canaryWeight}%`,
    });
  }
  return marks;
}
