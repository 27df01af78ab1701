import type { RolloutPoint } from '@sluice/model';
import { useElementWidth } from '@/lib/use-element-width';
import {
  chartScale,
  linePaths,
  stepMarks,
  timeRange,
  timeTicks,
  valueTicks,
  xOf,
  yOf,
  type ChartFrame,
} from '../utils/chart-geometry';

const HEIGHT = 180;
const MARGIN = { left: 64, right: 16, top: 14, bottom: 26 };
const COLORS = {
  stable: 'var(--pf-t--global--color--nonstatus--blue--default, #0066cc)',
  canary: 'var(--pf-t--global--color--nonstatus--orange--default, #ec7a08)',
  grid: 'var(--pf-t--global--border--color--default, #d2d2d2)',
  text: 'var(--pf-t--global--text--color--subtle, #6a6e73)',
};

interface RolloutChartProps {
  title: string;
  points: readonly RolloutPoint[];
  value: (side: RolloutPoint['stable']) => number | null;
  format: (v: number) => string;
  testId: string;
}

/**
 * One metric, stable against canary, over the rollout: time and value axes, and a dashed mark
 * wherever the canary's weight changed. Plain SVG at the container's width in pixels, so labels
 * stay legible at any width (the data is also in the table under the charts).
 */
export function RolloutChart({ title, points, value, format, testId }: RolloutChartProps) {
  const { ref, width } = useElementWidth<HTMLElement>(720);
  const frame: ChartFrame = { width, height: HEIGHT, ...MARGIN };
  const stable = points.map((p) => value(p.stable));
  const canary = points.map((p) => value(p.canary));
  const max = chartScale([stable, canary]);
  const range = timeRange(points);
  const last = (s: (number | null)[]) => {
    const v = [...s].reverse().find((x) => x !== null);
    return v === undefined || v === null ? '–' : format(v);
  };
  const ticks = timeTicks(range, Math.max(2, Math.min(6, Math.floor(width / 140))));
  return (
    <figure className="sluice-rollout-chart" data-testid={testId} data-points={points.length} ref={ref}>
      <figcaption>
        <strong>{title}</strong> · <span style={{ color: COLORS.stable }}>■</span> stable{' '}
        <span data-testid={`${testId}-stable`}>{last(stable)}</span> · <span style={{ color: COLORS.canary }}>■</span>{' '}
        canary <span data-testid={`${testId}-canary`}>{last(canary)}</span>
      </figcaption>
      <svg
        width={width}
        height={HEIGHT}
        role="img"
        aria-label={`${title}: stable and canary over the rollout, up to ${format(max)}; canary weight changes marked`}
        data-testid={`${testId}-svg`}
      >
        {valueTicks(max, format).map((t) => (
          <g key={`y${t.at}`}>
            <line
              x1={MARGIN.left}
              x2={width - MARGIN.right}
              y1={yOf(t.at, max, frame)}
              y2={yOf(t.at, max, frame)}
              stroke={COLORS.grid}
            />
            <text
              x={MARGIN.left - 6}
              y={yOf(t.at, max, frame)}
              textAnchor="end"
              dominantBaseline="middle"
              fontSize={11}
              fill={COLORS.text}
            >
              {t.label}
            </text>
          </g>
        ))}
        {points.length > 0 &&
          ticks.map((t) => (
            <text
              key={`x${t.at}`}
              x={xOf(t.at, range, frame)}
              y={HEIGHT - 8}
              textAnchor="middle"
              fontSize={11}
              fill={COLORS.text}
            >
              {t.label}
            </text>
          ))}
        {stepMarks(points, frame).map((m) => (
          <g key={`m${m.x}`} data-testid={`${testId}-step-mark`}>
            <line
              x1={m.x}
              x2={m.x}
              y1={MARGIN.top}
              y2={HEIGHT - MARGIN.bottom}
              stroke={COLORS.text}
              strokeDasharray="4 3"
            />
            <text x={m.x + 3} y={MARGIN.top - 3} fontSize={11} fill={COLORS.text}>
              canary {m.label}
            </text>
          </g>
        ))}
        {linePaths(points, stable, max, frame).map((p) => (
          <polyline key={`s${p}`} points={p} fill="none" stroke={COLORS.stable} strokeWidth={2} />
        ))}
        {linePaths(points, canary, max, frame).map((p) => (
          <polyline key={`c${p}`} points={p} fill="none" stroke={COLORS.canary} strokeWidth={2} />
        ))}
      </svg>
    </figure>
  );
}
