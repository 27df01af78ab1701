import { logNormalCdf, type LogNormal, type Random } from '../random/prng';
import { sampleMultinomial } from '../random/discrete';

/* Histogram bucket bounds of Istio's metrics: Envoy's default histogram buckets. */

export const DURATION_BUCKETS_MS = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000,
] as const;

/**
 * istio_request_bytes / istio_response_bytes: Istio sets no buckets of its own for the
 * `istiocustom` histograms, so Envoy's defaults apply to the sizes too (the same bounds, in bytes).
 * (The 1, 10, ... 1e7 series one still reads about was Mixer's, before Istio 1.5.)
 * @alias (the same bounds under the name the size histograms read by; knip: not a duplicate export)
 */
export const BYTES_BUCKETS = DURATION_BUCKETS_MS;

/** Index of the first bucket whose `le` bound holds the value; bounds.length is the +Inf bucket. */
export function bucketIndex(bounds: readonly number[], value: number): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value <= (bounds[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Per-bucket (non-cumulative) counts of n observations, with their sum. */
export interface Observations {
  counts: number[];
  sum: number;
  count: number;
}

export function observeValue(bounds: readonly number[], value: number, n = 1): Observations {
  const counts = new Array<number>(bounds.length + 1).fill(0);
  counts[bucketIndex(bounds, value)] = n;
  return { counts, sum: value * n, count: n };
}

/**
 * n observations of `shift + X`, X ~ lognormal, spread over the buckets with one exact multinomial
 * draw (the batched path: a cohort of requests that share everything but their own latency).
 */
export function observeSpread(
  rng: Random,
  bounds: readonly number[],
  d: LogNormal,
  shift: number,
  n: number,
): Observations {
  if (n === 0) return { counts: new Array<number>(bounds.length + 1).fill(0), sum: 0, count: 0 };
  let prev = 0;
  const probs = bounds.map((b) => {
    const c = logNormalCdf(d, b - shift);
    const p = c - prev;
    prev = c;
    return p;
  });
  probs.push(1 - prev);
  const counts = sampleMultinomial(rng, n, probs);
  const mean = shift + Math.exp(d.mu + (d.sigma * d.sigma) / 2);
  return { counts, sum: mean * n, count: n };
}
