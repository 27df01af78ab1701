import type { Random } from './prng';

/*
 * Exact discrete draws, so batched simulation (one cohort of n requests instead of n single ones)
 * gives the same distribution of counts as simulating every request. Large n uses Knuth's
 * gamma/beta recursions (TAOCP 3.4.1), which are exact and O(log n).
 */

/** Gamma(shape, 1), Marsaglia-Tsang. */
export function sampleGamma(rng: Random, shape: number): number {
  if (shape < 1) return sampleGamma(rng, shape + 1) * Math.pow(1 - rng.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function sampleBinomial(rng: Random, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (n < 40) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rng.next() < p) k++;
    return k;
  }
  // Split at the median order statistic of n uniforms: Beta(a, b) with a = 1 + floor(n/2).
  const a = 1 + Math.floor(n / 2);
  const b = n + 1 - a;
  const ga = sampleGamma(rng, a);
  const x = ga / (ga + sampleGamma(rng, b));
  if (x >= p) return sampleBinomial(rng, a - 1, p / x);
  return a + sampleBinomial(rng, b - 1, (p - x) / (1 - x));
}

export function samplePoisson(rng: Random, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda < 30) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let prod = rng.next();
    while (prod > limit) {
      k++;
      prod *= rng.next();
    }
    return k;
  }
  const m = Math.floor((7 / 8) * lambda);
  const x = sampleGamma(rng, m);
  if (x < lambda) return m + samplePoisson(rng, lambda - x);
  return sampleBinomial(rng, m - 1, lambda / x);
}

/** Counts per category for n draws with the given (unnormalised, non-negative) weights. */
export function sampleMultinomial(rng: Random, n: number, weights: readonly number[]): number[] {
  const out = weights.map(() => 0);
  let left = n;
  let rest = weights.reduce((a, w) => a + Math.max(0, w), 0);
  for (let i = 0; i < weights.length && left > 0 && rest > 0; i++) {
    const w = Math.max(0, weights[i] ?? 0);
    // The last positive category takes what is left, so float leftovers never strand a draw.
    const k = w >= rest * (1 - 1e-12) ? left : sampleBinomial(rng, left, w / rest);
    out[i] = k;
    left -= k;
    rest -= w;
  }
  return out;
}
