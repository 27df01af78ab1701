import { chartScale } from '@/lib/chart-geometry';

/*
 * What a time chart draws, pure so it is tested without a browser or a canvas (decision 0086): the
 * series as uPlot's column-aligned data, the y range (0 to a "nice" maximum of every series, so lines
 * compare on one axis), where each change marker goes, and the words that say the same to a screen
 * reader. uPlot itself is loaded only when a chart is on screen (uplot-chart.ts).
 */

export interface TimeSeries {
  /** The legend's name of the line (a version, or "stable"/"canary"). */
  label: string;
  color: string;
  /** One value per time; null is "no data" and draws as a gap, never as a zero. */
  values: readonly (number | null)[];
}

export interface TimeMarker {
  /** Epoch milliseconds. */
  at: number;
  /** Short text drawn beside the line. */
  label: string;
  /** The full sentence for the accessible name and the table view. */
  description: string;
}

/** uPlot's AlignedData: the times (epoch ms, uPlot runs with `ms: 1`), then a column per series. */
export type AlignedColumns = [number[], ...(number | null)[][]];

/** Times and series as uPlot columns; anything that is not a finite number (undefined, NaN) becomes a gap. */
export function toAlignedData(times: readonly number[], series: readonly TimeSeries[]): AlignedColumns {
  return [
    [...times],
    ...series.map((s) =>
      times.map((_, i) => {
        const v = s.values[i];
        return typeof v === 'number' && Number.isFinite(v) ? v : null;
      }),
    ),
  ];
}

/** The value axis: from 0 to the smallest nice number at or above every value (1 when there is none). */
export function valueRange(series: readonly TimeSeries[]): [number, number] {
  return [0, chartScale(series.map((s) => s.values))];
}

/**
 * Where a marker's line goes, or null when it is not drawn. A change newer than the last step (the
 * write just happened, the next sample is not in yet) or older than the first is pinned to that edge
 * of the data, so it shows at once; after zooming, markers outside the view are not drawn.
 */
export function markerTime(at: number, data: readonly [number, number], view: readonly [number, number]) {
  const t = Math.min(Math.max(at, data[0]), data[1]);
  return t < view[0] || t > view[1] ? null : t;
}

/** The markers that land in the view, with where they go. */
export function placeMarkers(
  markers: readonly TimeMarker[],
  times: readonly number[],
  view: readonly [number, number],
): { t: number; marker: TimeMarker }[] {
  const first = times[0];
  const last = times.at(-1);
  if (first === undefined || last === undefined) return [];
  return markers.flatMap((marker) => {
    const t = markerTime(marker.at, [first, last], view);
    return t === null ? [] : [{ t, marker }];
  });
}

/** The chart's accessible name: what it shows, its scale, and every change marked on it. */
export function chartDescription(
  title: string,
  series: readonly TimeSeries[],
  format: (v: number) => string,
  markers: readonly TimeMarker[],
): string {
  const [, max] = valueRange(series);
  const lines = series.map((s) => s.label).join(', ');
  const changes =
    markers.length === 0
      ? 'no changes marked'
      : `${markers.length} change${markers.length === 1 ? '' : 's'} marked: ${markers.map((m) => m.description).join('; ')}`;
  return `${title}, a line each for ${lines || 'nothing'}, up to ${format(max)}; ${changes}`;
}

/** The latest value of a line that is not null (the "now" beside the title). */
export function latest(values: readonly (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== null && v !== undefined) return v;
  }
  return null;
}

export const clockTime = (ms: number) => new Date(ms).toLocaleTimeString([], { hour12: false });
