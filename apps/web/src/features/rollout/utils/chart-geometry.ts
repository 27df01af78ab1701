import type { RolloutPoint } from '@sluice/model';

/*
 * Geometry of the rollout charts, pure so it is tested without a browser: x by time (points are
 * taken by the driver, and a restart or a slow tick leaves gaps that must show as gaps in time),
 * y from 0 to a rounded maximum of both series so stable and canary compare on one axis, ticks
 * for both axes, and a mark wherever the canary's weight changed. Missing values (no traffic yet)
 * break the line instead of drawing a false zero.
 */

export interface ChartFrame {
  width: number;
  height: number;
  /** Room for the value axis labels (left) and the time axis labels (bottom). */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface Tick {
  at: number;
  label: string;
}

export interface StepMark {
  x: number;
  label: string;
}

/** The smallest "nice" number (1, 2, 2.5, 5 x 10^n) at or above the largest value; 1 when there is none. */
export function chartScale(series: readonly (readonly (number | null)[])[]): number {
  const max = Math.max(0, ...series.flatMap((s) => s.filter((v): v is number => v !== null && Number.isFinite(v))));
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const nice = [1, 2, 2.5, 5, 10].find((m) => m * magnitude >= max) ?? 10;
  return nice * magnitude;
}

export function timeRange(points: readonly Pick<RolloutPoint, 'at'>[]): [number, number] {
  const times = points.map((p) => Date.parse(p.at));
  const first = times[0] ?? 0;
  const last = times.at(-1) ?? first;
  return [first, last > first ? last : first + 1000];
}

export function xOf(t: number, [from, to]: [number, number], frame: ChartFrame): number {
  return frame.left + ((t - from) / (to - from)) * (frame.width - frame.left - frame.right);
}

export function yOf(v: number, max: number, frame: ChartFrame): number {
  const h = frame.height - frame.top - frame.bottom;
  return frame.top + h - (Math.min(v, max) / max) * h;
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

/** 0, half and the maximum: enough to read a value off a small chart. */
export function valueTicks(max: number, format: (v: number) => string): Tick[] {
  return [0, max / 2, max].map((v) => ({ at: v, label: format(v) }));
}

/** `count` evenly spaced times across the range, as local hh:mm:ss. */
export function timeTicks(range: [number, number], count: number): Tick[] {
  const [from, to] = range;
  return Array.from({ length: count }, (_, i) => {
    const at = from + ((to - from) * i) / Math.max(1, count - 1);
    return { at, label: new Date(at).toLocaleTimeString([], { hour12: false }) };
  });
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
