import { chartScale, seriesPaths, type ChartFrame } from '@/lib/chart-geometry';
import { formatRps } from '@/lib/format';

const W = 160;
const H = 36;
const FRAME: ChartFrame = { width: W, height: H, left: 2, right: 2, top: 3, bottom: 3 };

/** Inbound req/s per step as a tiny line; the values are in its title for screen readers and hover. */
export function Sparkline({
  values,
  label,
  testId,
}: {
  values: readonly (number | null)[];
  label: string;
  testId: string;
}) {
  const max = chartScale([values]);
  const times = values.map((_, i) => i);
  const text = values.map((v) => (v === null ? '–' : formatRps(v))).join(', ');
  return (
    <svg width={W} height={H} role="img" aria-label={`${label}: ${text}`} data-testid={testId}>
      <title>{`${label}: ${text}`}</title>
      {seriesPaths(times, values, max, [0, Math.max(1, values.length - 1)], FRAME).map((p) => (
        <polyline key={p} points={p} fill="none" stroke="#0066cc" strokeWidth={1.5} />
      ))}
    </svg>
  );
}
