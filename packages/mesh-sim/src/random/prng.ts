/*
 * A small seeded PRNG (mulberry32) plus the continuous draws the simulator needs. Seeded so a test
 * run is reproducible; never Math.random inside the simulator.
 */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal. */
  normal(): number;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0 || 0x9e3779b9;
  let spare: number | undefined;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    // Box-Muller; 1 - next() keeps the log argument away from 0.
    const u = 1 - next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return { next, normal };
}

/** Z-score of the 95th percentile: lets profiles speak in median/p95, as operators do. */
const Z95 = 1.6448536269514722;

export interface LogNormal {
  mu: number;
  sigma: number;
}

export function logNormalFrom(medianMs: number, p95Ms: number): LogNormal {
  const median = Math.max(medianMs, 1e-3);
  return { mu: Math.log(median), sigma: Math.max(0, Math.log(Math.max(p95Ms, median) / median) / Z95) };
}

export function sampleLogNormal(rng: Random, d: LogNormal): number {
  return Math.exp(d.mu + d.sigma * rng.normal());
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 erf, |error| < 1.5e-7: plenty for bucket shares). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

export function logNormalCdf(d: LogNormal, x: number): number {
  if (x <= 0) return 0;
  if (d.sigma === 0) return x >= Math.exp(d.mu) ? 1 : 0;
  return normalCdf((Math.log(x) - d.mu) / d.sigma);
}
