import { describe, expect, it } from 'vitest';
import type { RolloutPoint } from '@sluice/model';
import { chartScale, linePaths, stepMarks, timeRange, valueTicks } from './chart-geometry';

const frame = { width: 110, height: 60, left: 10, right: 0, top: 0, bottom: 10 };
const T0 = Date.UTC(2026, 0, 1);
const side = { rps: 1, errorRate: 0, p99Ms: 10 };
const point = (s: number, canaryWeight = 10): RolloutPoint => ({
  at: new Date(T0 + s * 1000).toISOString(),
  canaryWeight,
  stable: side,
  canary: side,
});

describe('chart geometry', () => {
  it('scales both series to a round number at or above the larger maximum', () => {
    expect(
      chartScale([
        [1, 2],
        [4, null],
      ]),
    ).toBe(5);
    expect(chartScale([[0.013]])).toBeCloseTo(0.02);
    expect(chartScale([[0, null]])).toBe(1);
    expect(valueTicks(5, String).map((t) => t.label)).toEqual(['0', '2.5', '5']);
  });

  it('places points by time, so a gap in the points is a gap on the axis, and breaks the line at missing values', () => {
    const points = [point(0), point(10), point(100)];
    expect(timeRange(points)).toEqual([T0, T0 + 100_000]);
    expect(linePaths(points, [0, 4, 2], 4, frame)).toEqual(['10.0,50.0 20.0,0.0 110.0,25.0']);
    expect(linePaths(points, [1, null, 2], 2, frame)).toEqual(['10.0,25.0', '110.0,0.0']);
    expect(linePaths([], [], 1, frame)).toEqual([]);
  });

  it('marks every change of the canary weight where it happened', () => {
    const points = [point(0, 10), point(50, 10), point(60, 25), point(100, 0)];
    expect(stepMarks(points, frame)).toEqual([
      { x: 70, label: '25%' },
      { x: 110, label: '0%' },
    ]);
  });
});
