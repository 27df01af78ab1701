/*
 * Quantiles from one query of bucket rates (`sum by (le, ...) (rate(..._bucket[w]))`), computed here
 * instead of in Prometheus: one evaluation gives p50, p95 and p99, where `histogram_quantile` would
 * scan the buckets once per quantile. Same rules as PromQL's histogram_quantile so the numbers match
 * what Prometheus (and Kiali) would show: buckets sorted by `le`, cumulative counts made monotonic,
 * linear interpolation inside the bucket holding the rank, the first bucket starting at 0, a rank in
 * the +Inf bucket answering the highest finite bound.
 */

export interface Bucket {
  le: number;
  /** Cumulative rate of observations <= le. */
  count: number;
}

export function bucketQuantile(q: number, buckets: readonly Bucket[]): number | undefined {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const last = sorted[sorted.length - 1];
  if (!last || last.le !== Number.POSITIVE_INFINITY || sorted.length < 2) return undefined;
  // Rates of separately scraped buckets can dip by float noise; PromQL forces them monotonic too.
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] as Bucket;
    const cur = sorted[i] as Bucket;
    if (cur.count < prev.count) sorted[i] = { le: cur.le, count: prev.count };
  }
  const total = (sorted[sorted.length - 1] as Bucket).count;
  if (!(total > 0)) return undefined;
  const rank = q * total;
  let i = sorted.findIndex((b) => b.count >= rank);
  if (i < 0) i = sorted.length - 1;
  if (i === sorted.length - 1) return (sorted[sorted.length - 2] as Bucket).le;
  const upper = sorted[i] as Bucket;
  if (i === 0 && upper.le <= 0) return upper.le;
  const lower = i === 0 ? { le: 0, count: 0 } : (sorted[i - 1] as Bucket);
  const inBucket = upper.count - lower.count;
  if (inBucket <= 0) return upper.le;
  return lower.le + (upper.le - lower.le) * ((rank - lower.count) / inBucket);
}
