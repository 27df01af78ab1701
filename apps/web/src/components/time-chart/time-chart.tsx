import { Button } from '@patternfly/react-core';
import { useEffect, useRef, useState } from 'react';
import { useElementWidth } from '@/lib/use-element-width';
import { chartDescription, latest, type TimeMarker, type TimeSeries } from './time-chart-data';
import type { Chart, ChartInput } from './uplot-chart';

interface TimeChartProps {
  title: string;
  times: readonly number[];
  series: readonly TimeSeries[];
  markers: readonly TimeMarker[];
  format: (v: number) => string;
  testId: string;
  height?: number;
}

type Drawing = 'loading' | 'drawn' | 'failed';

/**
 * A chart over time drawn by uPlot (decision 0086): a line per series, gaps where there is no data,
 * a dashed labelled line at each marker, the values of every line at the hovered time in the legend
 * (click a name to hide its line), drag across to zoom in on a time span. uPlot is imported when the
 * chart mounts, so it is its own chunk. The caption names each line with its latest value; the
 * numbers and the markers are also in the table view the caller renders beside the chart.
 */
export function TimeChart({ title, times, series, markers, format, testId, height = 180 }: TimeChartProps) {
  const { ref, width } = useElementWidth<HTMLElement>(640);
  const plotRef = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);
  const [drawing, setDrawing] = useState<Drawing>('loading');
  const [zoomed, setZoomed] = useState(false);
  const [markersDrawn, setMarkersDrawn] = useState(0);
  // The chart is made once per set of lines; it reads the newest data and width when it is made.
  const latestInput = useRef<ChartInput>({ times, series, markers, format });
  const widthRef = useRef(width);
  useEffect(() => {
    latestInput.current = { times, series, markers, format };
    widthRef.current = width;
  });
  // uPlot fixes its lines (and legend) at creation: a new set of lines is a new chart.
  const lineKey = series.map((s) => `${s.label}:${s.color}`).join('|');

  useEffect(() => {
    const el = plotRef.current;
    if (!el) return;
    let cancelled = false;
    import('./uplot-chart')
      .then(({ createChart }) => {
        if (cancelled) return;
        chart.current = createChart(el, latestInput.current, widthRef.current, height, {
          onZoom: setZoomed,
          onMarkersDrawn: setMarkersDrawn,
        });
        setDrawing('drawn');
      })
      // No canvas (or the chunk failed to load): the caption and the table view still carry the numbers.
      .catch(() => !cancelled && setDrawing('failed'));
    return () => {
      cancelled = true;
      chart.current?.destroy();
      chart.current = null;
      setZoomed(false);
    };
  }, [lineKey, height]);

  useEffect(() => {
    chart.current?.update({ times, series, markers, format });
  }, [times, series, markers, format, drawing]);

  useEffect(() => {
    chart.current?.setWidth(width);
  }, [width, drawing]);

  return (
    <figure
      className="sluice-time-chart"
      data-testid={testId}
      data-points={times.length}
      data-markers={markers.length}
      data-markers-drawn={drawing === 'drawn' ? markersDrawn : undefined}
      data-drawing={drawing}
      ref={ref}
    >
      <figcaption>
        <strong>{title}</strong>
        {series.map((s) => {
          const v = latest(s.values);
          return (
            <span key={s.label} data-testid={`${testId}-legend-${s.label}`} data-latest={v ?? ''}>
              {' '}
              · <span style={{ color: s.color }}>■</span> {s.label} {v === null ? '–' : format(v)}
            </span>
          );
        })}
        {zoomed && (
          <>
            {' '}
            <Button variant="link" isInline onClick={() => chart.current?.resetZoom()} data-testid={`${testId}-reset`}>
              Reset zoom
            </Button>
          </>
        )}
      </figcaption>
      <div
        ref={plotRef}
        role="img"
        aria-label={chartDescription(title, series, format, markers)}
        data-testid={`${testId}-plot`}
      />
      {drawing === 'failed' && (
        <p className="sluice-muted">The chart could not be drawn here; the table has its numbers.</p>
      )}
    </figure>
  );
}
