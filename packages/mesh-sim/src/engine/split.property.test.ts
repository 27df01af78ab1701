import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookinfoProfile } from '../scenarios/profiles';
import { editVirtualService, scenarioSimulator, weightedRoute } from '../testing/scenario-sim';
import { sumBy, withinBinomial } from '../testing/samples';

/*
 * For any weights an operator can set on reviews (integers summing to 100), the destination-side
 * counters split within binomial tolerance of them, and a 0 weight gets nothing.
 */

const weights = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })).map(([a, b]) => {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  return { v1: lo, v2: hi - lo, v3: 100 - hi };
});

describe('traffic split property', () => {
  it('observed shares follow any reviews weights', () => {
    fc.assert(
      fc.property(weights, fc.integer({ min: 1, max: 1_000_000 }), (w, seed) => {
        const { sim } = scenarioSimulator(['bookinfo'], {
          seed,
          batched: true,
          profiles: [{ ...bookinfoProfile, generators: bookinfoProfile.generators.map((g) => ({ ...g, rps: 200 })) }],
          edit: (s) =>
            editVirtualService(s, 'bookinfo', 'reviews', (spec) => ({
              ...spec,
              http: [{ route: weightedRoute('reviews', w) }],
            })),
        });
        sim.advance(20_000);
        const reviews = sim
          .query(600)
          .requests.filter((r) => r.reporter === 'destination' && r.destinationServiceName === 'reviews');
        const by = sumBy(
          reviews,
          (r) => r.destinationCanonicalRevision,
          (r) => r.rps * 20,
        );
        const n = [...by.values()].reduce((a, b) => a + b, 0);
        for (const [rev, weight] of Object.entries(w)) {
          const observed = (by.get(rev) ?? 0) / n;
          if (weight === 0) expect(observed).toBe(0);
          else expect(withinBinomial(observed, weight / 100, n, 5)).toBe(true);
        }
      }),
      { numRuns: 15, seed: 4242 },
    );
  });
});
