import type { RolloutPoint } from '@sluice/model';
import { xOf, yOf, type ChartFrame } from '@/lib/chart-geometry';

export { chartScale, timeTicks, valueTicks, xOf, yOf, type ChartFrame } from '@/lib/chart-geometry';

/*
 * Geometry of the rollout charts, pure so it is tested without a browser: x by time (points are
 * taken by the driver, and a restart or a slow tick leaves gaps that must show as gaps in time),
 * y from 0 to a rounded maximum of both series so stable and canary compare on one axis, ticks
 * for both axes, and a mark wherever the canary's weight changed. Missing values (no traffic yet)
 * break the line instead of drawing a false zero.
 */

export interface StepMark {
  x: number;
  label: string;
}

export function timeRange(points: readonly Pick<RolloutPoint, 'at'>[]): [number, number] {
  const times = points.map((p) => Date.parse(p.at));
  const first = times[0] ?? 0;
  const last = times.at(-1) ?? first;
  return [first, last > first ? last : first + 1000];
}

/** Polyline `points` attributes, one per unbroken run of values. */
export function linePaths(
  points: readonly Pick<RolloutPoint, 'at'>[],
  values: readonly (number | null)[],
  max: number,
  frame: ChartFrame,
): string[] {
  const range = timeRange(points);
  const runs: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    const at = points[i]?.at;
    if (v === null || !Number.isFinite(v) || at === undefined) {
      if (current.length > 0) runs.push(current.join(' '));
      current = [];
      return;
    }
    current.push(`${xOf(Date.parse(at), range, frame).toFixed(1)},${yOf(v, max, frame).toFixed(1)}`);
  });
  if (current.length > 0) runs.push(current.join(' '));
  return runs;
}

/** Where the canary's weight changed between two points: the step (or rollback) is drawn there. */
export function stepMarks(points: readonly RolloutPoint[], frame: ChartFrame): StepMark[] {
  const range = timeRange(points);
  const marks: StepMark[] = [];
  for (let i = 1; i < points.length; i++) {
    const prev = points[i - 1];
    const p = points[i];
    if (!prev || !p || prev.canaryWeight === p.canaryWeight) continue;
    marks.push({ x: xOf(Date.parse(p.at), range, frame), label: `${p.canaryWeight}%` });
  }
  return marks;
}
