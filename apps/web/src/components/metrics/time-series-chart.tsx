import type { ChangeMarker } from '@sluice/model';
import { chartScale, seriesPaths, timeTicks, valueTicks, xOf, yOf, type ChartFrame } from '@/lib/chart-geometry';
import { useElementWidth } from '@/lib/use-element-width';
import { latest, type ChartSpec } from './chart-data';

const HEIGHT = 170;
const MARGIN = { left: 64, right: 16, top: 16, bottom: 26 };
const GRID = 'var(--pf-t--global--border--color--default, #d2d2d2)';
const TEXT = 'var(--pf-t--global--text--color--subtle, #6a6e73)';

interface TimeSeriesChartProps {
  spec: ChartSpec;
  timestamps: readonly number[];
  markers: readonly ChangeMarker[];
  testId: string;
}

/**
 * One metric over time, a line per version, with a dashed vertical line at every change Sluice
 * wrote. Plain SVG (decision 0075); the same numbers are in the table under the charts.
 */
export function TimeSeriesChart({ spec, timestamps, markers, testId }: TimeSeriesChartProps) {
  const { ref, width } = useElementWidth<HTMLElement>(480);
  const frame: ChartFrame = { width, height: HEIGHT, ...MARGIN };
  const max = chartScale(spec.lines.map((l) => l.values));
  const first = timestamps[0] ?? 0;
  const last = timestamps.at(-1) ?? first;
  const range: [number, number] = [first, last > first ? last : first + 1000];
  const ticks = timeTicks(range, Math.max(2, Math.min(5, Math.floor(width / 140))));
  const clampX = (t: number) => xOf(Math.min(Math.max(t, range[0]), range[1]), range, frame);
  return (
    <figure className="sluice-rollout-chart" data-testid={testId} ref={ref}>
      <figcaption>
        <strong>{spec.title}</strong>
        {spec.lines.map((l) => {
          const v = latest(l.values);
          return (
            <span key={l.version} data-testid={`${testId}-legend-${l.version}`} data-latest={v ?? ''}>
              {' '}
              · <span style={{ color: l.color }}>■</span> {l.version} {v === null ? '–' : spec.format(v)}
            </span>
          );
        })}
      </figcaption>
      <svg
        width={width}
        height={HEIGHT}
        role="img"
        aria-label={`${spec.title} per version (${spec.lines.map((l) => l.version).join(', ')}), up to ${spec.format(max)}; ${markers.length} configuration change${markers.length === 1 ? '' : 's'} marked`}
      >
        {valueTicks(max, spec.format).map((t) => (
          <g key={`y${t.at}`}>
            <line
              x1={MARGIN.left}
              x2={width - MARGIN.right}
              y1={yOf(t.at, max, frame)}
              y2={yOf(t.at, max, frame)}
              stroke={GRID}
            />
            <text
              x={MARGIN.left - 6}
              y={yOf(t.at, max, frame)}
              textAnchor="end"
              dominantBaseline="middle"
              fontSize={11}
              fill={TEXT}
            >
              {t.label}
            </text>
          </g>
        ))}
        {ticks.map((t) => (
          <text
            key={`x${t.at}`}
            x={xOf(t.at, range, frame)}
            y={HEIGHT - 8}
            textAnchor="middle"
            fontSize={11}
            fill={TEXT}
          >
            {t.label}
          </text>
        ))}
        {markers.map((m) => (
          <g key={`${m.at}-${m.name}-${m.summary}`} data-testid={`${testId}-marker`} data-at={m.at}>
            <title>{`${new Date(m.at).toLocaleTimeString([], { hour12: false })} ${m.kind} ${m.name}: ${m.summary}${m.actor ? ` by ${m.actor}` : ''}`}</title>
            <line
              x1={clampX(Date.parse(m.at))}
              x2={clampX(Date.parse(m.at))}
              y1={MARGIN.top}
              y2={HEIGHT - MARGIN.bottom}
              stroke={TEXT}
              strokeDasharray="4 3"
            />
            <text x={clampX(Date.parse(m.at)) + 3} y={MARGIN.top - 4} fontSize={10} fill={TEXT}>
              {m.summary.replace(/^edit: /, '')}
            </text>
          </g>
        ))}
        {spec.lines.flatMap((l) =>
          seriesPaths(timestamps, l.values, max, range, frame).map((p, i) => (
            <polyline
              key={`${l.version}-${i}`}
              points={p}
              fill="none"
              stroke={l.color}
              strokeWidth={2}
              data-testid={`${testId}-line-${l.version}`}
            />
          )),
        )}
      </svg>
    </figure>
  );
}
