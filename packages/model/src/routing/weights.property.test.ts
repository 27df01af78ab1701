import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveRoute } from './resolve';
import { config, httpVs, meshRequest, seededRandom } from './test-kit';
import { expectedShares, pickWeighted } from './weights';

/*
 * The statistical contract the simulator and the graph rely on: routing many requests by a
 * decision's weights reproduces the configured split. Tolerance is 4.5 binomial standard
 * deviations per destination (false alarm odds ~1e-5 per check) with a seeded PRNG, so a
 * failure is a bug, not bad luck, and reruns are reproducible.
 */

const weightVector = fc
  .array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 5 })
  .filter((ws) => ws.some((w) => w > 0));

const requestMix = fc.record({
  path: fc.constantFrom('/', '/index.html', '/api/v1/items?x=1', '/static/app.js'),
  user: fc.constantFrom(undefined, 'jason', 'bob'),
});

function vsWithWeights(weights: number[]) {
  return httpVs('ns', 'svc', [
    // A match route ahead of the weighted default: sampled requests must never leak into it.
    {
      name: 'debug',
      match: [{ headers: { 'x-debug': {} } }],
      route: [{ destination: { host: 'svc', subset: 'debug' } }],
    },
    { name: 'split', route: weights.map((weight, i) => ({ destination: { host: 'svc', subset: `v${i}` }, weight })) },
  ]);
}

describe('weighted routing reproduces configured weights', () => {
  it('within 4.5 sigma over sampled requests', () => {
    const samples = 2000;
    fc.assert(
      fc.property(
        weightVector,
        fc.array(requestMix, { minLength: 1, maxLength: 8 }),
        fc.integer(),
        (weights, mix, seed) => {
          const c = config({ virtualServices: [vsWithWeights(weights)] });
          const random = seededRandom(seed);
          const counts = new Map<string, number>();
          for (let i = 0; i < samples; i++) {
            const r = mix[i % mix.length] ?? { path: '/', user: undefined };
            const headers: Record<string, string> = r.user ? { 'end-user': r.user } : {};
            const decision = resolveRoute(c, meshRequest('ns', 'svc', { path: r.path, headers }));
            const subset = pickWeighted(decision.destinations, random)?.destination.subset ?? 'none';
            counts.set(subset, (counts.get(subset) ?? 0) + 1);
          }
          const total = weights.reduce((a, b) => a + b, 0);
          weights.forEach((w, i) => {
            const p = w / total;
            const observed = counts.get(`v${i}`) ?? 0;
            const sigma = Math.sqrt(samples * p * (1 - p));
            expect(Math.abs(observed - samples * p)).toBeLessThanOrEqual(4.5 * sigma + 1);
            if (w === 0) expect(observed).toBe(0);
          });
          expect(counts.get('debug')).toBeUndefined();
          expect(counts.get('none')).toBeUndefined();
        },
      ),
      { seed: 20261121, numRuns: 40 },
    );
  });
});

describe('expectedShares and pickWeighted', () => {
  it('shares sum to 1 and follow the weights', () => {
    fc.assert(
      fc.property(weightVector, (weights) => {
        const d = resolveRoute(config({ virtualServices: [vsWithWeights(weights)] }), meshRequest('ns', 'svc'));
        const shares = expectedShares(d);
        const total = weights.reduce((a, b) => a + b, 0);
        expect(shares.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 9);
        shares.forEach((s, i) => expect(s.share).toBeCloseTo((weights[i] ?? 0) / total, 9));
        expect(d.destinations.reduce((a, t) => a + t.weight, 0)).toBeCloseTo(100, 9);
      }),
      { seed: 7, numRuns: 100 },
    );
  });
  it('merges repeated destinations and gives nothing for redirects', () => {
    const shares = expectedShares({
      destinations: [
        { destination: { host: 'a', subset: 'v1' }, weight: 30 },
        { destination: { host: 'a', subset: 'v1' }, weight: 20 },
        { destination: { host: 'a', subset: 'v2' }, weight: 50 },
      ],
    });
    expect(shares.map((s) => s.share)).toEqual([0.5, 0.5]);
    expect(expectedShares({ destinations: [] })).toEqual([]);
  });
  it('pickWeighted respects edges of the random range and skips zero weights', () => {
    const targets = [
      { destination: { host: 'a' }, weight: 0 },
      { destination: { host: 'b' }, weight: 60 },
      { destination: { host: 'c' }, weight: 40 },
    ];
    expect(pickWeighted(targets, () => 0)?.destination.host).toBe('b');
    expect(pickWeighted(targets, () => 0.5999)?.destination.host).toBe('b');
    expect(pickWeighted(targets, () => 0.6)?.destination.host).toBe('c');
    expect(pickWeighted(targets, () => 0.999999999)?.destination.host).toBe('c');
    expect(pickWeighted([], () => 0.5)).toBeUndefined();
    expect(pickWeighted([{ destination: { host: 'a' }, weight: 0 }], () => 0.5)).toBeUndefined();
  });
});
