/*
 * Points of a small line chart as SVG coordinates: x by index (points are taken at a steady
 * driver period), y scaled to the larger of both series' maxima so stable and canary compare on
 * one axis. Missing values (no traffic yet) break the line instead of drawing a false zero.
 */

export interface ChartBox {
  width: number;
  height: number;
  pad: number;
}

export function chartScale(series: readonly (readonly (number | null)[])[]): number {
  const max = Math.max(0, ...series.flatMap((s) => s.filter((v): v is number => v !== null && Number.isFinite(v))));
  return max > 0 ? max : 1;
}

/** Polyline `points` attributes, one per unbroken run of values. */
export function linePaths(values: readonly (number | null)[], max: number, box: ChartBox): string[] {
  const n = values.length;
  const x = (i: number) => box.pad + (n <= 1 ? 0 : (i / (n - 1)) * (box.width - 2 * box.pad));
  const y = (v: number) => box.height - box.pad - (Math.min(v, max) / max) * (box.height - 2 * box.pad);
  const runs: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (current.length > 0) runs.push(current.join(' '));
      current = [];
      return;
    }
    current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (current.length > 0) runs.push(current.join(' '));
  return runs;
}
