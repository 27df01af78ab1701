import { applyHttpRouteEdits, type MeshSnapshot } from '@sluice/model';
import { describe, expect, it } from 'vitest';
import { gatewayApiProfile } from '../scenarios/profiles';
import { scenarioSimulator } from '../testing/scenario-sim';
import { sumBy, withinBinomial } from '../testing/samples';

/*
 * The gateway-api scenario's counters follow the HTTPRoute weights (what the graph must show):
 * 5 simulated minutes, observed share within 4 binomial standard deviations of the weight.
 */

const RUN_MS = 300_000;

/** The scenario with HTTPRoute `echo` set to the given weights through the model's setBackendWeights op. */
function withEchoWeights(v1: number, v2: number) {
  return (s: MeshSnapshot): MeshSnapshot => ({
    ...s,
    httpRoutes: (s.httpRoutes ?? []).map((r) =>
      r.metadata.name === 'echo'
        ? applyHttpRouteEdits(r, [
            {
              op: 'setBackendWeights',
              rule: 0,
              weights: [
                { name: 'echo-v1', weight: v1 },
                { name: 'echo-v2', weight: v2 },
              ],
            },
          ])
        : r,
    ),
  });
}

function run(v1: number, v2: number) {
  const { sim } = scenarioSimulator(['gateway-api'], {
    profiles: [
      { ...gatewayApiProfile, generators: gatewayApiProfile.generators.map((g) => ({ ...g, rps: g.rps * 3 })) },
    ],
    edit: withEchoWeights(v1, v2),
  });
  sim.advance(RUN_MS);
  return sim.query(RUN_MS / 1000, ['gateway-api']).requests;
}

describe('ground truth: the gateway-api scenario follows its HTTPRoutes', () => {
  for (const [v1, v2] of [
    [90, 10],
    [50, 50],
  ] as const) {
    it(`HTTPRoute echo at ${v1}/${v2} splits ingress traffic ${v1}/${v2} between echo-v1 and echo-v2`, () => {
      const requests = run(v1, v2);
      const ingress = requests.filter((r) => r.reporter === 'destination' && r.sourceWorkload === 'echo-gateway-istio');
      const byService = sumBy(
        ingress,
        (r) => r.destinationServiceName,
        (r) => r.rps,
      );
      const total = [...byService.values()].reduce((a, b) => a + b, 0);
      const n = total * (RUN_MS / 1000);
      expect(n).toBeGreaterThan(4000);
      expect([...byService.keys()].sort()).toEqual(['echo-v1', 'echo-v2']);
      expect(withinBinomial((byService.get('echo-v2') ?? 0) / total, v2 / 100, n)).toBe(true);
      // The Service routed to is the workload that answers: echo-v2 is served by version v2 only.
      expect(
        ingress
          .filter((r) => r.destinationServiceName === 'echo-v2')
          .every((r) => r.destinationCanonicalRevision === 'v2'),
      ).toBe(true);
    });
  }

  it('the GAMMA route echo-mesh sends all of the mesh client traffic to echo-v1, at a quarter of the ingress rate', () => {
    const requests = run(90, 10);
    const fromSleep = requests.filter((r) => r.reporter === 'destination' && r.sourceWorkload === 'sleep');
    const byService = sumBy(
      fromSleep,
      (r) => r.destinationServiceName,
      (r) => r.rps,
    );
    expect([...byService.keys()]).toEqual(['echo-v1']);
    const ingressRps = requests
      .filter((r) => r.reporter === 'destination' && r.sourceWorkload === 'echo-gateway-istio')
      .reduce((a, r) => a + r.rps, 0);
    const meshRps = [...byService.values()].reduce((a, b) => a + b, 0);
    expect(ingressRps / meshRps).toBeGreaterThan(3.5);
    expect(ingressRps / meshRps).toBeLessThan(4.5);
  });
});
