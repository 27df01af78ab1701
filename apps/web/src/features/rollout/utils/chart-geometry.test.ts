import { describe, expect, it } from 'vitest';
import { chartScale, linePaths } from './chart-geometry';

const box = { width: 100, height: 50, pad: 0 };

describe('chart geometry', () => {
  it('scales both series to the larger maximum', () => {
    expect(
      chartScale([
        [1, 2],
        [4, null],
      ]),
    ).toBe(4);
    expect(chartScale([[0, null]])).toBe(1);
  });

  it('maps values to coordinates and breaks the line at missing values', () => {
    expect(linePaths([0, 4], 4, box)).toEqual(['0.0,50.0 100.0,0.0']);
    expect(linePaths([1, null, 2, 2], 2, box)).toEqual(['0.0,25.0', '66.7,0.0 100.0,0.0']);
    expect(linePaths([], 1, box)).toEqual([]);
  });
});
