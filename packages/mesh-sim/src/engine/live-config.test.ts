import { describe, expect, it } from 'vitest';
import { bookinfoProfile, dataProductProfile } from '../scenarios/profiles';
import { editVirtualService, scenarioSimulator, weightedRoute } from '../testing/scenario-sim';
import { sumBy, withinBinomial } from '../testing/samples';

/* Config edits take effect on the next tick; header matches, gateways and replicas behave as in Istio. */

describe('live config and routing details', () => {
  it('applies a weight change within one second of simulated time', () => {
    const { sim, config } = scenarioSimulator(['bookinfo'], {
      profiles: [{ ...bookinfoProfile, generators: bookinfoProfile.generators.map((g) => ({ ...g, rps: 400 })) }],
    });
    sim.advance(5_000);
    const revisions = () =>
      new Set(
        sim
          .query(1)
          .requests.filter((r) => r.reporter === 'destination' && r.destinationServiceName === 'reviews')
          .map((r) => r.destinationCanonicalRevision),
      );
    expect(revisions()).toEqual(new Set(['v1']));
    config.update((s) =>
      editVirtualService(s, 'bookinfo', 'reviews', (spec) => ({
        ...spec,
        http: [{ route: weightedRoute('reviews', { v3: 100 }) }],
      })),
    );
    sim.advance(1_000);
    expect(revisions()).toEqual(new Set(['v3']));
  });

  it('sends end-user: jason to reviews v2 and everyone else to v1', () => {
    const { sim } = scenarioSimulator(['bookinfo'], {
      edit: (s) =>
        editVirtualService(s, 'bookinfo', 'reviews', (spec) => ({
          ...spec,
          http: [
            { match: [{ headers: { 'end-user': { exact: 'jason' } } }], route: weightedRoute('reviews', { v2: 100 }) },
            { route: weightedRoute('reviews', { v1: 100 }) },
          ],
        })),
    });
    sim.advance(120_000);
    const reviews = sim
      .query(120)
      .requests.filter((r) => r.reporter === 'destination' && r.destinationServiceName === 'reviews');
    const byRevision = sumBy(
      reviews,
      (r) => r.destinationCanonicalRevision,
      (r) => r.rps,
    );
    const total = (byRevision.get('v1') ?? 0) + (byRevision.get('v2') ?? 0);
    // Of the mix, 70 + 20 weight load /productpage (which calls reviews) and 20 of those are jason.
    expect(withinBinomial((byRevision.get('v2') ?? 0) / total, 20 / 90, total * 120)).toBe(true);
    expect(byRevision.has('v3')).toBe(false);
  });

  it('spreads business-product load over its 9 pods', () => {
    const { sim } = scenarioSimulator(['data-product'], {
      profiles: [{ ...dataProductProfile, generators: dataProductProfile.generators.map((g) => ({ ...g, rps: 90 })) }],
    });
    sim.advance(100_000);
    const pods = [...sim.podLoad()].filter(([k]) => k.startsWith('data-product/business-product-'));
    expect(pods).toHaveLength(9);
    const total = pods.reduce((a, [, n]) => a + n, 0);
    for (const [, n] of pods) expect(withinBinomial(n / total, 1 / 9, total)).toBe(true);
  });

  it('answers gateway requests for unknown hosts with 404 NR and an unknown destination', () => {
    const { sim } = scenarioSimulator(['front-tomcat'], {
      profiles: [
        {
          namespace: 'front-tomcat',
          behaviours: {},
          generators: [
            {
              name: 'stray',
              rps: 10,
              protocol: 'http',
              entry: {
                kind: 'gateway',
                gateway: 'front-tomcat/front-tomcat-gateway',
                host: 'nobody.example.com',
                port: 80,
              },
            },
          ],
        },
      ],
    });
    sim.advance(10_000);
    const rs = sim.query(10).requests;
    expect(rs.length).toBeGreaterThan(0);
    expect(
      rs.every(
        (r) =>
          r.reporter === 'source' &&
          r.responseCode === '404' &&
          r.responseFlags === 'NR' &&
          r.destinationService === '',
      ),
    ).toBe(true);
  });

  it('tells tick listeners when new samples are ready', () => {
    const { sim } = scenarioSimulator(['bookinfo']);
    const seen: number[] = [];
    const off = sim.onTick((t) => seen.push(t));
    sim.advance(1_500);
    off();
    sim.advance(500);
    expect(seen).toEqual([500, 1000, 1500]);
  });

  it('answers 503 NC for an undefined subset and 503 UH for a subset without pods, source-side only', () => {
    const { sim } = scenarioSimulator(['bookinfo'], {
      edit: (s) => {
        const routed = editVirtualService(s, 'bookinfo', 'reviews', (spec) => ({
          ...spec,
          http: [{ route: weightedRoute('reviews', { v9: 50, v3: 50 }) }],
        }));
        return {
          ...routed,
          workloads: routed.workloads.map((w) => (w.name === 'reviews-v3' ? { ...w, replicas: 0 } : w)),
        };
      },
    });
    sim.advance(30_000);
    const reviews = sim.query(30).requests.filter((r) => r.destinationServiceName === 'reviews');
    expect(reviews.length).toBeGreaterThan(0);
    expect(
      reviews.every((r) => r.reporter === 'source' && r.responseCode === '503' && r.destinationWorkload === ''),
    ).toBe(true);
    expect(new Set(reviews.map((r) => r.responseFlags))).toEqual(new Set(['NC', 'UH']));
  });
});
