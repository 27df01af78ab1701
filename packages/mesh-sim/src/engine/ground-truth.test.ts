import { describe, expect, it } from 'vitest';
import { bookinfoProfile, dataProductProfile, tcpEchoProfile } from '../scenarios/profiles';
import { editVirtualService, scenarioSimulator, weightedRoute } from '../testing/scenario-sim';
import { sumBy, withinBinomial } from '../testing/samples';

/*
 * The simulator's counters agree with the configured split: what the graph must show. Each
 * scenario runs 5 simulated minutes, and the observed share must sit within 4 binomial standard
 * deviations of the configured weight.
 */

const RUN_MS = 300_000;

describe('ground truth: counters follow the configured weights', () => {
  it('bookinfo reviews at 20/80 v1/v3 sends 80% of reviews requests to v3', () => {
    const { sim } = scenarioSimulator(['bookinfo'], {
      profiles: [{ ...bookinfoProfile, generators: bookinfoProfile.generators.map((g) => ({ ...g, rps: 20 })) }],
      edit: (s) =>
        editVirtualService(s, 'bookinfo', 'reviews', (spec) => ({
          ...spec,
          http: [{ route: weightedRoute('reviews', { v1: 20, v3: 80 }) }],
        })),
    });
    sim.advance(RUN_MS);
    const w = sim.query(RUN_MS / 1000, ['bookinfo']);
    const toReviews = w.requests.filter((r) => r.reporter === 'destination' && r.destinationServiceName === 'reviews');
    const byRevision = sumBy(
      toReviews,
      (r) => r.destinationCanonicalRevision,
      (r) => r.rps,
    );
    const total = [...byRevision.values()].reduce((a, b) => a + b, 0);
    const n = total * (RUN_MS / 1000);
    expect(n).toBeGreaterThan(4000);
    expect([...byRevision.keys()].sort()).toEqual(['v1', 'v3']);
    expect(withinBinomial((byRevision.get('v3') ?? 0) / total, 0.8, n)).toBe(true);
    // reviews v3 calls ratings, v1 does not: ratings sees exactly v3's traffic.
    const ratings = w.requests.filter((r) => r.reporter === 'destination' && r.destinationServiceName === 'ratings');
    expect(ratings.every((r) => r.sourceWorkload === 'reviews-v3')).toBe(true);
  });

  it('data-product over gRPC at 20/80 v3/v4 sends 80% to v4.0', () => {
    const { sim } = scenarioSimulator(['data-product'], {
      profiles: [{ ...dataProductProfile, generators: dataProductProfile.generators.map((g) => ({ ...g, rps: 20 })) }],
      edit: (s) =>
        editVirtualService(s, 'data-product', 'data-product', (spec) => ({
          ...spec,
          http: [{ route: weightedRoute('data-product', { v3: 20, v4: 80 }) }],
        })),
    });
    sim.advance(RUN_MS);
    const grpc = sim
      .query(RUN_MS / 1000)
      .requests.filter((r) => r.reporter === 'destination' && r.destinationServiceName === 'data-product');
    expect(grpc.every((r) => r.requestProtocol === 'grpc' && r.grpcResponseStatus !== undefined)).toBe(true);
    const byRevision = sumBy(
      grpc,
      (r) => r.destinationCanonicalRevision,
      (r) => r.rps,
    );
    const total = [...byRevision.values()].reduce((a, b) => a + b, 0);
    const n = total * (RUN_MS / 1000);
    expect(n).toBeGreaterThan(4000);
    expect(withinBinomial((byRevision.get('v4.0') ?? 0) / total, 0.8, n)).toBe(true);
  });

  it('tcp-echo at 20/80 v1/v2 through the gateway splits connections and bytes 20/80', () => {
    const { sim } = scenarioSimulator(['istio-io-tcp-traffic-shift'], {
      profiles: [
        {
          ...tcpEchoProfile,
          generators: tcpEchoProfile.generators
            .filter((g) => g.entry.kind === 'gateway')
            .map((g) => ({ ...g, rps: 20 })),
        },
      ],
      edit: (s) =>
        editVirtualService(s, 'istio-io-tcp-traffic-shift', 'tcp-echo', (spec) => ({
          ...spec,
          tcp: [
            {
              match: [{ port: 31400 }],
              route: [
                { destination: { host: 'tcp-echo', port: { number: 9000 }, subset: 'v1' }, weight: 20 },
                { destination: { host: 'tcp-echo', port: { number: 9000 }, subset: 'v2' }, weight: 80 },
              ],
            },
          ],
        })),
    });
    sim.advance(RUN_MS);
    const tcp = sim
      .query(RUN_MS / 1000)
      .tcp.filter((t) => t.reporter === 'destination' && t.destinationServiceName === 'tcp-echo');
    expect(tcp.every((t) => t.requestProtocol === 'tcp' && t.sourceWorkload === 'istio-ingressgateway')).toBe(true);
    const conns = sumBy(
      tcp,
      (t) => t.destinationCanonicalRevision,
      (t) => t.connectionsOpenedPerSec,
    );
    const bytes = sumBy(
      tcp,
      (t) => t.destinationCanonicalRevision,
      (t) => t.receivedBytesPerSec,
    );
    const total = (conns.get('v1') ?? 0) + (conns.get('v2') ?? 0);
    const n = total * (RUN_MS / 1000);
    expect(n).toBeGreaterThan(4000);
    expect(withinBinomial((conns.get('v2') ?? 0) / total, 0.8, n)).toBe(true);
    // Every connection sends the same line, so bytes split exactly as connections do.
    const byteTotal = (bytes.get('v1') ?? 0) + (bytes.get('v2') ?? 0);
    expect((bytes.get('v2') ?? 0) / byteTotal).toBeCloseTo((conns.get('v2') ?? 0) / total, 10);
    // tcp-echo answers with a 4-byte prefix: sent = received + 4 per connection.
    const v2 = tcp.find((t) => t.destinationCanonicalRevision === 'v2');
    expect(v2 && v2.sentBytesPerSec - v2.receivedBytesPerSec).toBeCloseTo(4 * (conns.get('v2') ?? 0), 6);
  });
});
