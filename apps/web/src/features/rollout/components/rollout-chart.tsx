import type { RolloutPoint } from '@sluice/model';
import { chartScale, linePaths } from '../utils/chart-geometry';

const BOX = { width: 240, height: 64, pad: 4 };

interface RolloutChartProps {
  title: string;
  points: readonly RolloutPoint[];
  value: (side: RolloutPoint['stable']) => number | null;
  format: (v: number) => string;
  testId: string;
}

/** One metric, stable against canary, over the rollout: a plain inline SVG (no chart library for two lines). */
export function RolloutChart({ title, points, value, format, testId }: RolloutChartProps) {
  const stable = points.map((p) => value(p.stable));
  const canary = points.map((p) => value(p.canary));
  const max = chartScale([stable, canary]);
  const last = (s: (number | null)[]) => {
    const v = [...s].reverse().find((x) => x !== null);
    return v === undefined || v === null ? '–' : format(v);
  };
  return (
    <figure className="sluice-rollout-chart" data-testid={testId} data-points={points.length}>
      <figcaption>
        <strong>{title}</strong> · stable <span data-testid={`${testId}-stable`}>{last(stable)}</span> · canary{' '}
        <span data-testid={`${testId}-canary`}>{last(canary)}</span>
      </figcaption>
      <svg
        width={BOX.width}
        height={BOX.height}
        viewBox={`0 0 ${BOX.width} ${BOX.height}`}
        role="img"
        aria-label={`${title}: stable and canary over the rollout, up to ${format(max)}`}
      >
        <rect
          x={0}
          y={0}
          width={BOX.width}
          height={BOX.height}
          fill="none"
          stroke="var(--pf-t--global--border--color--default, #ccc)"
        />
        {linePaths(stable, max, BOX).map((p) => (
          <polyline
            key={`s${p}`}
            points={p}
            fill="none"
            stroke="var(--pf-t--global--color--nonstatus--blue--default, #0066cc)"
            strokeWidth={1.5}
          />
        ))}
        {linePaths(canary, max, BOX).map((p) => (
          <polyline
            key={`c${p}`}
            points={p}
            fill="none"
            stroke="var(--pf-t--global--color--nonstatus--orange--default, #ec7a08)"
            strokeWidth={1.5}
          />
        ))}
      </svg>
    </figure>
  );
}
