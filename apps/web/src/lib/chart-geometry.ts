/*
 * Geometry of the overview's sparklines, pure so it is tested without a browser: tiny plain SVG
 * lines, y from 0 to a "nice" maximum (the time charts use the same maximum for their value axis;
 * they are drawn by uPlot, decision 0086).
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

/** The smallest "nice" number (1, 2, 2.5, 5 x 10^n) at or above the largest value; 1 when there is none. */
export function chartScale(series: readonly (readonly (number | null)[])[]): number {
  const max = Math.max(0, ...series.flatMap((s) => s.filter((v): v is number => v !== null && Number.isFinite(v))));
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const nice = [1, 2, 2.5, 5, 10].find((m) => m * magnitude >= max) ?? 10;
  return nice * magnitude;
}

function xOf(t: number, [from, to]: [number, number], frame: ChartFrame): number {
  return frame.left + ((t - from) / (to - from)) * (frame.width - frame.left - frame.right);
}

function yOf(v: number, max: number, frame: ChartFrame): number {
  const h = frame.height - frame.top - frame.bottom;
  return frame.top + h - (Math.min(v, max) / max) * h;
}

/** Polyline `points` attributes of one series over numeric times, one per unbroken run (null breaks the line). */
export function seriesPaths(
  times: readonly number[],
  values: readonly (number | null)[],
  max: number,
  range: [number, number],
  frame: ChartFrame,
): string[] {
  const runs: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    const t = times[i];
    if (v === null || !Number.isFinite(v) || t === undefined) {
      if (current.length > 0) runs.push(current.join(' '));
      current = [];
      return;
    }
    current.push(`${xOf(t, range, frame).toFixed(1)},${yOf(v, max, frame).toFixed(1)}`);
  });
  if (current.length > 0) runs.push(current.join(' '));
  return runs;
}
