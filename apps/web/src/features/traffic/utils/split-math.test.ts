import { describe, expect, it } from 'vitest';
import { canMove, presetsFor, distribute, isValidSplit, maxFor, rebalance, toPercents } from './split-math';

const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('distribute', () => {
  it('splits points proportionally with largest remainder', () => {
    expect(distribute(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(distribute(30, [30, 20])).toEqual([18, 12]);
    expect(distribute(7, [0, 0])).toEqual([4, 3]);
    expect(distribute(0, [5, 5])).toEqual([0, 0]);
  });

  it('agrees with the model rounding at a total of 100', async () => {
    const { normaliseWeights } = await import('@sluice/model');
    for (const basis of [
      [1, 1, 1],
      [0.755, 0.245],
      [3, 0, 7],
      [0, 0],
    ])
      expect(distribute(100, basis)).toEqual(normaliseWeights(basis));
  });

  it('turns expected shares into integer percents summing to 100', () => {
    expect(toPercents([0.9, 0.1])).toEqual([90, 10]);
    expect(toPercents([1 / 3, 1 / 3, 1 / 3])).toEqual([34, 33, 33]);
    expect(toPercents([0.755, 0.245])).toEqual([76, 24]);
  });
});

describe('rebalance', () => {
  it('moves the other rows proportionally so the total stays 100', () => {
    expect(rebalance([50, 30, 20], [false, false, false], 0, 70)).toEqual([70, 18, 12]);
    expect(rebalance([90, 10], [false, false], 1, 25)).toEqual([75, 25]);
  });

  it('never changes a locked row and clamps to what the locks leave', () => {
    const out = rebalance([50, 30, 20], [false, true, false], 0, 90);
    expect(out).toEqual([70, 30, 0]);
    expect(maxFor([50, 30, 20], [false, true, false], 0)).toBe(70);
  });

  it('spreads freed weight evenly when the other rows are all zero', () => {
    expect(rebalance([100, 0, 0], [false, false, false], 0, 40)).toEqual([40, 30, 30]);
  });

  it('refuses to move a locked row or the only unlocked row', () => {
    expect(rebalance([60, 40], [true, false], 0, 10)).toEqual([60, 40]);
    expect(rebalance([60, 30, 10], [false, true, true], 0, 10)).toEqual([60, 30, 10]);
    expect(canMove([false, true, true], 0)).toBe(false);
    expect(canMove([false, false, true], 0)).toBe(true);
  });

  it('rounds and clamps typed values', () => {
    expect(rebalance([50, 50], [false, false], 0, 33.6)).toEqual([34, 66]);
    expect(rebalance([50, 50], [false, false], 0, 150)).toEqual([100, 0]);
    expect(rebalance([50, 50], [false, false], 0, -5)).toEqual([0, 100]);
    expect(rebalance([50, 50], [false, false], 0, Number.NaN)).toEqual([0, 100]);
  });

  it('keeps a single row at 100', () => {
    expect(rebalance([40], [false], 0, 10)).toEqual([100]);
  });

  it('always yields a valid integer split (exhaustive over small grids)', () => {
    for (let a = 0; a <= 100; a += 7) {
      for (let b = 0; a + b <= 100; b += 11) {
        const start = [a, b, 100 - a - b];
        for (let v = 0; v <= 100; v += 13) {
          for (const locks of [
            [false, false, false],
            [false, true, false],
            [false, false, true],
          ]) {
            const out = rebalance(start, locks, 0, v);
            expect(isValidSplit(out)).toBe(true);
            locks.forEach((l, i) => l && expect(out[i]).toBe(start[i]));
            expect(total(out)).toBe(100);
          }
        }
      }
    }
  });
});

describe('presetsFor', () => {
  it('names the versions: all to each, and 90/10, 50/50 over the first two rows', () => {
    expect(presetsFor(['v1', 'v2', 'v3']).map((p) => [p.text, p.weights])).toEqual([
      ['All to v1', [100, 0, 0]],
      ['All to v2', [0, 100, 0]],
      ['All to v3', [0, 0, 100]],
      ['90 v1 / 10 v2', [90, 10, 0]],
      ['50 v1 / 50 v2', [50, 50, 0]],
    ]);
  });

  it('every preset is a valid split; one row has only "All to"', () => {
    for (const p of presetsFor(['a', 'b', 'c', 'd'])) expect(isValidSplit(p.weights)).toBe(true);
    expect(presetsFor(['v1']).map((p) => p.text)).toEqual(['All to v1']);
  });
});
