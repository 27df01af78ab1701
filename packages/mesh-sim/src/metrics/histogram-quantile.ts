/*
 * PromQL's histogram_quantile over per-bucket counts: find the bucket holding the rank and
 * interpolate linearly inside it; the first bucket starts at 0; a rank in +Inf answers the highest
 * finite bound. Same rules, so the demo's p95 equals what Kiali would read from Prometheus.
 */
export function histogramQuantile(q: number, bounds: readonly number[], counts: readonly number[]): number | undefined {
  const total = counts.reduce((a, c) => a + c, 0);
  if (total <= 0) return undefined;
  const rank = q * total;
  let cum = 0;
  for (let i = 0; i < bounds.length; i++) {
    const c = counts[i] ?? 0;
    if (cum + c >= rank && c > 0) {
      const lower = i === 0 ? 0 : (bounds[i - 1] as number);
      const upper = bounds[i] as number;
      return lower + (upper - lower) * ((rank - cum) / c);
    }
    cum += c;
  }
  return bounds[bounds.length - 1];
}
