import { describe, expect, it } from 'vitest';
import { DURATION_BUCKETS_MS } from './buckets';
import { histogramQuantile } from './histogram-quantile';

/* Same answers as PromQL's histogram_quantile on the same buckets. */

describe('histogramQuantile', () => {
  const bounds = [1, 5, 10];

  it('interpolates linearly inside the bucket holding the rank', () => {
    // 10 observations in (1,5], 10 in (5,10]: the median is at the top of (1,5], p75 halfway up (5,10].
    expect(histogramQuantile(0.5, bounds, [0, 10, 10, 0])).toBe(5);
    expect(histogramQuantile(0.75, bounds, [0, 10, 10, 0])).toBe(7.5);
  });

  it('starts the first bucket at 0 and answers the highest bound for ranks in +Inf', () => {
    expect(histogramQuantile(0.5, bounds, [4, 0, 0, 0])).toBe(0.5);
    expect(histogramQuantile(0.99, bounds, [1, 0, 0, 99])).toBe(10);
  });

  it('is undefined without observations', () => {
    expect(histogramQuantile(0.95, DURATION_BUCKETS_MS, new Array<number>(20).fill(0))).toBeUndefined();
  });

  it("uses Istio's duration buckets", () => {
    expect(DURATION_BUCKETS_MS).toEqual([
      0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000,
    ]);
  });
});
