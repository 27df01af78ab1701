import { describe, expect, it } from 'vitest';
import { sampleBinomial, sampleMultinomial, samplePoisson } from './discrete';
import { createRandom } from './prng';

/* The batched path is only honest if these draws have the right distribution. */

function meanVar(xs: number[]): [number, number] {
  const m = xs.reduce((a, x) => a + x, 0) / xs.length;
  return [m, xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1)];
}

describe('exact discrete draws', () => {
  it('binomial(n, p) has mean np and variance np(1-p), small and large n', () => {
    const rng = createRandom(1);
    for (const [n, p] of [
      [10, 0.3],
      [1000, 0.8],
      [100_000, 0.01],
    ] as const) {
      const [m, v] = meanVar(Array.from({ length: 4000 }, () => sampleBinomial(rng, n, p)));
      expect(Math.abs(m - n * p)).toBeLessThan(5 * Math.sqrt((n * p * (1 - p)) / 4000));
      expect(v / (n * p * (1 - p))).toBeGreaterThan(0.9);
      expect(v / (n * p * (1 - p))).toBeLessThan(1.1);
    }
  });

  it('poisson(lambda) has mean and variance lambda, below and above the recursion threshold', () => {
    const rng = createRandom(2);
    for (const lambda of [0.5, 12, 400]) {
      const [m, v] = meanVar(Array.from({ length: 4000 }, () => samplePoisson(rng, lambda)));
      expect(Math.abs(m - lambda)).toBeLessThan(5 * Math.sqrt(lambda / 4000));
      expect(v / lambda).toBeGreaterThan(0.9);
      expect(v / lambda).toBeLessThan(1.1);
    }
  });

  it('multinomial counts sum to n, skip zero weights and follow the weights', () => {
    const rng = createRandom(3);
    const totals = [0, 0, 0, 0];
    for (let i = 0; i < 200; i++) {
      const c = sampleMultinomial(rng, 1000, [20, 0, 80, 0]);
      expect(c.reduce((a, x) => a + x, 0)).toBe(1000);
      expect(c[1]).toBe(0);
      expect(c[3]).toBe(0);
      c.forEach((x, j) => (totals[j] = (totals[j] ?? 0) + x));
    }
    expect(Math.abs((totals[2] ?? 0) / 200_000 - 0.8)).toBeLessThan(0.005);
  });

  it('is reproducible for a seed', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    expect(Array.from({ length: 5 }, () => sampleBinomial(a, 500, 0.3))).toEqual(
      Array.from({ length: 5 }, () => sampleBinomial(b, 500, 0.3)),
    );
  });
});
