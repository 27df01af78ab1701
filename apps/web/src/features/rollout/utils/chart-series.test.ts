import { describe, expect, it } from 'vitest';
import type { RolloutPoint } from '@sluice/model';
import { toAlignedData } from '@/components/time-chart/time-chart-data';
import { pointTimes, sideSeries, stepMarkers } from './chart-series';

const T0 = Date.UTC(2026, 0, 1);
const side = (rps: number | null) => ({ rps: rps ?? 0, errorRate: 0, p99Ms: rps });
const point = (s: number, canaryWeight = 10, stable: number | null = 1, canary: number | null = 1): RolloutPoint => ({
  at: new Date(T0 + s * 1000).toISOString(),
  canaryWeight,
  stable: side(stable),
  canary: side(canary),
});

describe('rollout chart series', () => {
  it('keeps the points at their times, so a gap in the points is a gap on the time axis', () => {
    expect(pointTimes([point(0), point(10), point(100)])).toEqual([T0, T0 + 10_000, T0 + 100_000]);
  });

  it('draws stable and canary in their fixed colours, and a missing value as a gap, not a zero', () => {
    const points = [point(0, 10, 5, null), point(10, 10, 4, 2)];
    const series = sideSeries(points, (s) => s.p99Ms);
    expect(series.map((s) => [s.label, s.color])).toEqual([
      ['stable', '#0066cc'],
      ['canary', '#ec7a08'],
    ]);
    expect(toAlignedData(pointTimes(points), series)).toEqual([
      [T0, T0 + 10_000],
      [5, 4],
      [null, 2],
    ]);
  });

  it('marks every change of the canary weight where it happened, with the weights in words', () => {
    const marks = stepMarkers([point(0, 10), point(50, 10), point(60, 25), point(100, 0)]);
    expect(marks.map((m) => [m.at, m.label])).toEqual([
      [T0 + 60_000, 'canary 25%'],
      [T0 + 100_000, 'canary 0%'],
    ]);
    expect(marks[0]?.description).toMatch(/^\d\d:\d\d:\d\d canary weight 10% to 25%$/);
    expect(stepMarkers([point(0), point(5)])).toEqual([]);
  });
});
