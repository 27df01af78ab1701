import { describe, expect, it } from 'vitest';
import { chartScale, seriesPaths, type ChartFrame } from './chart-geometry';

const FRAME: ChartFrame = { width: 110, height: 110, left: 10, right: 0, top: 0, bottom: 10 };

describe('seriesPaths', () => {
  it('places points by time on [range] and by value on [0, max]', () => {
    expect(seriesPaths([0, 50, 100], [0, 5, 10], 10, [0, 100], FRAME)).toEqual(['10.0,100.0 60.0,50.0 110.0,0.0']);
  });

  it('breaks the line where a value is missing, instead of drawing a false zero', () => {
    const runs = seriesPaths([0, 25, 50, 75, 100], [1, null, 2, 3, null], 10, [0, 100], FRAME);
    expect(runs).toHaveLength(2);
    expect(runs[0]?.split(' ')).toHaveLength(1);
    expect(runs[1]?.split(' ')).toHaveLength(2);
  });
});

describe('chartScale', () => {
  it('is a round number at or above the largest value of every series; 1 when there is none', () => {
    expect(
      chartScale([
        [1, 2],
        [4, null],
      ]),
    ).toBe(5);
    expect(chartScale([[0.013]])).toBeCloseTo(0.02);
    expect(chartScale([[0, null]])).toBe(1);
  });
});
