import fc from 'fast-check';
import { observedMix, predictTraffic, type MeshSnapshot, type TrafficWindow } from '@sluice/model';
import { describe, expect, it } from 'vitest';
import { profilesFor } from '../scenarios/profiles';
import { editVirtualService, weightedRoute } from '../testing/scenario-sim';
import { hopRates, observe, poissonClose, RUN_MS, scenario } from './prediction-kit';

const SECONDS = RUN_MS / 1000;

/*
 * Property: a candidate identical to the current config predicts the traffic the window saw, hop by
 * hop (rates and error rates, as the caller and as the destination saw them), for every seed scenario
 * and for any reviews split, within sampling noise (4 Poisson standard deviations over the window): the
 * prediction follows the configured weights, the window is one random draw of them.
 */

function expectSameTraffic(snapshot: MeshSnapshot, observed: TrafficWindow): void {
  const prediction = predictTraffic({ current: snapshot, candidate: snapshot }, observedMix(observed));
  expect(prediction.unknownShares).toEqual([]);
  for (const reporter of ['source', 'destination'] as const) {
    const now = hopRates(observed.requests, reporter);
    const expected = hopRates(prediction.window.requests, reporter);
    for (const [hop, rate] of now) {
      const p = expected.get(hop) ?? { rps: 0, errorRps: 0 };
      const ok = poissonClose(p.rps, rate.rps, SECONDS) && poissonClose(p.errorRps, rate.errorRps, SECONDS);
      expect({ hop, reporter, ok, p, rate }).toEqual({ hop, reporter, ok: true, p, rate });
    }
    for (const hop of expected.keys()) expect({ hop, seen: now.has(hop) }).toEqual({ hop, seen: true });
  }
  const connections = (w: TrafficWindow) =>
    w.tcp.filter((t) => t.reporter === 'destination').reduce((a, t) => a + t.connectionsOpenedPerSec, 0);
  expect(poissonClose(connections(prediction.window), connections(observed), SECONDS)).toBe(true);
}

describe('predictTraffic with the current config', () => {
  it.each(['bookinfo', 'data-product', 'demoapp', 'istio-io-tcp-traffic-shift', 'front-tomcat'])(
    'predicts the observed traffic of %s',
    (ns) => {
      const snapshot = scenario(['istio-system', ns]);
      expectSameTraffic(snapshot, observe(snapshot, profilesFor([ns]), 3));
    },
  );

  it('predicts the observed traffic for any reviews split', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (a, b) => {
        const base = scenario(['istio-system', 'bookinfo']);
        const snapshot = editVirtualService(base, 'bookinfo', 'reviews', (spec) => ({
          ...spec,
          http: [{ route: weightedRoute('reviews', { v1: a, v2: b, v3: Math.max(1, 100 - a - b) }) }],
        }));
        expectSameTraffic(snapshot, observe(snapshot, profilesFor(['bookinfo']), 5));
      }),
      { numRuns: 4, seed: 20 },
    );
  });
});
