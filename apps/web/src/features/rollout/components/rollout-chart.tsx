import type { RolloutPoint } from '@sluice/model';
import { TimeChart } from '@/components/time-chart/time-chart';
import { pointTimes, sideSeries, stepMarkers } from '../utils/chart-series';

interface RolloutChartProps {
  title: string;
  points: readonly RolloutPoint[];
  value: (side: RolloutPoint['stable']) => number | null;
  format: (v: number) => string;
  testId: string;
}

/**
 * One metric, stable against canary, over the rollout, with a dashed mark wherever the canary's
 * weight changed. The same uPlot chart as the metrics panel (decision 0086); the numbers and the
 * weight at each point are in the table under the charts.
 */
export function RolloutChart({ title, points, value, format, testId }: RolloutChartProps) {
  return (
    <TimeChart
      title={title}
      times={pointTimes(points)}
      series={sideSeries(points, value)}
      markers={stepMarkers(points)}
      format={format}
      testId={testId}
    />
  );
}
