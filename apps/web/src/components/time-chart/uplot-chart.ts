import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import {
  clockTime,
  latest,
  placeMarkers,
  toAlignedData,
  valueRange,
  type TimeMarker,
  type TimeSeries,
} from './time-chart-data';

/*
 * The one place Sluice touches uPlot (decision 0086). This module and uPlot's CSS are a chunk of
 * their own, imported by TimeChart once a chart is on screen, so no page's first load carries them.
 * uPlot styles its elements through element.style (CSSOM), which the console's CSP allows; it injects
 * no <style>. The canvas is drawn in device pixels, so the marker plugin scales by uPlot.pxRatio.
 */

const GRID = '#d2d2d2';
const TEXT = '#6a6e73';
const AXIS_FONT = '11px system-ui, sans-serif';

export interface ChartInput {
  times: readonly number[];
  series: readonly TimeSeries[];
  markers: readonly TimeMarker[];
  format: (v: number) => string;
}

export interface ChartCallbacks {
  /** Told whenever the time axis is zoomed in (true) or shows all the data (false). */
  onZoom: (zoomed: boolean) => void;
  /** Told how many markers the last draw put on the chart. */
  onMarkersDrawn: (count: number) => void;
}

/** Dashed vertical lines with a short label at each change marker, drawn over the series. */
function markerPlugin(getInput: () => ChartInput, onDrawn: (n: number) => void): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const { min, max } = u.scales.x ?? {};
        if (min === undefined || max === undefined) return;
        const { markers, times } = getInput();
        const placed = placeMarkers(markers, times, [min, max]);
        const px = uPlot.pxRatio;
        const { ctx, bbox } = u;
        ctx.save();
        ctx.strokeStyle = TEXT;
        ctx.fillStyle = TEXT;
        ctx.lineWidth = px;
        ctx.setLineDash([4 * px, 3 * px]);
        ctx.font = `${10 * px}px system-ui, sans-serif`;
        ctx.textBaseline = 'bottom';
        for (const { t, marker } of placed) {
          const x = Math.round(u.valToPos(t, 'x', true));
          ctx.beginPath();
          ctx.moveTo(x, bbox.top);
          ctx.lineTo(x, bbox.top + bbox.height);
          ctx.stroke();
          // Near the right edge the label goes to the line's left, so it is not cut off.
          const width = ctx.measureText(marker.label).width;
          const right = x + 3 * px + width <= bbox.left + bbox.width;
          ctx.textAlign = right ? 'left' : 'right';
          ctx.fillText(marker.label, right ? x + 3 * px : x - 3 * px, bbox.top - 2 * px);
        }
        ctx.restore();
        onDrawn(placed.length);
      },
    },
  };
}

export interface Chart {
  update(input: ChartInput): void;
  setWidth(width: number): void;
  resetZoom(): void;
  destroy(): void;
}

/** A uPlot chart in `el`: a line per series, the live legend (values at the cursor, click to hide a line), drag to zoom. */
export function createChart(el: HTMLElement, input: ChartInput, width: number, height: number, cb: ChartCallbacks) {
  let current = input;
  let zoomed = false;
  const dataRange = (): [number, number] => [current.times[0] ?? 0, current.times.at(-1) ?? 0];
  const opts: uPlot.Options = {
    width,
    height,
    ms: 1,
    padding: [18, 12, 0, 0],
    cursor: { drag: { x: true, y: false, setScale: true } },
    legend: { live: true },
    scales: {
      x: { time: true },
      y: { range: () => valueRange(current.series) },
    },
    axes: [
      { stroke: TEXT, font: AXIS_FONT, grid: { stroke: GRID, width: 1 }, ticks: { stroke: GRID, width: 1 } },
      {
        stroke: TEXT,
        font: AXIS_FONT,
        size: 64,
        grid: { stroke: GRID, width: 1 },
        ticks: { stroke: GRID, width: 1 },
        values: (_u, splits) => splits.map((v) => current.format(v)),
      },
    ],
    series: [
      // The legend's first cell says which time the values are from.
      { label: 'Time', value: (_u, v) => (v === null ? 'hover for values' : clockTime(v)) },
      ...input.series.map((s, i): uPlot.Series => ({
        label: s.label,
        stroke: s.color,
        width: 2,
        spanGaps: false,
        points: { show: false },
        // Off the chart, the legend shows each line's latest value; on it, the value at the cursor.
        value: (_u, v, _si, idx) => {
          const shown = idx === null ? latest(current.series[i]?.values ?? []) : v;
          return shown === null || shown === undefined ? '–' : current.format(shown);
        },
      })),
    ],
    hooks: {
      setScale: [
        (u, key) => {
          if (key !== 'x') return;
          const [first, last] = dataRange();
          const { min, max } = u.scales.x ?? {};
          const now = min !== undefined && max !== undefined && (min > first || max < last);
          if (now !== zoomed) {
            zoomed = now;
            cb.onZoom(now);
          }
        },
      ],
    },
    plugins: [markerPlugin(() => current, cb.onMarkersDrawn)],
  };
  const plot = new uPlot(opts, toAlignedData(input.times, input.series) as uPlot.AlignedData, el);
  const chart: Chart = {
    update(next) {
      // The lines themselves are fixed at creation (TimeChart makes a new chart when they change).
      current = next;
      // While zoomed in, new samples must not throw the operator's zoom away.
      plot.setData(toAlignedData(next.times, next.series) as uPlot.AlignedData, !zoomed);
    },
    setWidth(w) {
      plot.setSize({ width: w, height });
    },
    resetZoom() {
      const [first, last] = dataRange();
      plot.setScale('x', { min: first, max: last });
    },
    destroy() {
      plot.destroy();
    },
  };
  return chart;
}
