import type { MeshSnapshot } from '@sluice/model';
import { describe, expect, it } from 'vitest';
import { bookinfoProfile } from '../scenarios/profiles';
import { editVirtualService, scenarioSimulator, weightedRoute } from '../testing/scenario-sim';
import { concurrencyLimit, erlangB } from './upstream-policies';

/*
 * Ground truth for DestinationRule policies in the simulator: what the graph shows must be what a
 * proxy with these settings would do. reviews v3 is made 1 s slow with the demo health control.
 */

const SLOW = { errorRate: 0, extraLatencyMs: 1000 };

/** bookinfo with reviews routed 100 % to `subset`, its DestinationRule's subsets given `policy` (or none). */
function setup(policy: Record<string, unknown> | undefined, opts: { subset?: string; hostPolicy?: boolean } = {}) {
  const subset = opts.subset;
  return scenarioSimulator(['bookinfo'], {
    profiles: [{ ...bookinfoProfile, generators: bookinfoProfile.generators.map((g) => ({ ...g, rps: 2 })) }],
    edit: (s) => {
      const routed = editVirtualService(s, 'bookinfo', 'reviews', (spec) => ({
        ...spec,
        http: [
          { route: subset ? weightedRoute('reviews', { [subset]: 100 }) : [{ destination: { host: 'reviews' } }] },
        ],
      }));
      return withPolicy(routed, policy, subset, opts.hostPolicy ?? false);
    },
  });
}

function withPolicy(
  s: MeshSnapshot,
  policy: Record<string, unknown> | undefined,
  subset: string | undefined,
  host: boolean,
): MeshSnapshot {
  if (!policy) return s;
  return {
    ...s,
    destinationRules: s.destinationRules.map((dr) =>
      dr.metadata.name !== 'reviews' || dr.metadata.namespace !== 'bookinfo'
        ? dr
        : host
          ? { ...dr, spec: { ...dr.spec, trafficPolicy: policy } }
          : {
              ...dr,
              spec: {
                ...dr.spec,
                subsets: dr.spec.subsets?.map((x) => (x.name === subset ? { ...x, trafficPolicy: policy } : x)),
              },
            },
    ),
  };
}

/** productpage -> reviews as productpage's sidecar reports it: rps in total, with UO, and by version. */
function fromProductpage(sim: ReturnType<typeof setup>['sim'], seconds: number) {
  const w = sim.query(seconds, ['bookinfo']);
  const out = w.requests.filter(
    (r) => r.reporter === 'source' && r.sourceWorkload === 'productpage-v1' && r.destinationServiceName === 'reviews',
  );
  const sum = (f: (r: (typeof out)[number]) => boolean) => out.filter(f).reduce((a, r) => a + r.rps, 0);
  const p95 = w.latencies.find(
    (l) =>
      l.reporter === 'destination' && l.destinationWorkload === 'reviews-v3' && l.sourceWorkload === 'productpage-v1',
  )?.p95Ms;
  return {
    total: sum(() => true),
    uo: sum((r) => r.responseFlags === 'UO'),
    uh: sum((r) => r.responseFlags === 'UH'),
    byWorkload: (name: string) => sum((r) => r.destinationWorkload === name),
    p95Ms: p95,
  };
}

describe("Erlang's loss formula and the pool's limit", () => {
  it('B(1, A) = A / (1 + A); B(2, 1) = 0.2; a limit far above the load refuses nothing', () => {
    expect(erlangB(1, 1)).toBeCloseTo(0.5);
    expect(erlangB(1, 3)).toBeCloseTo(0.75);
    expect(erlangB(2, 1)).toBeCloseTo(0.2);
    expect(erlangB(1000, 2)).toBe(0);
    expect(erlangB(0, 2)).toBe(1);
  });

  it('takes the tighter of http2MaxRequests and connections + waiting requests; none set is no limit', () => {
    expect(concurrencyLimit({ connectionPool: { http: { http2MaxRequests: 1 } } })).toBe(1);
    expect(
      concurrencyLimit({ connectionPool: { tcp: { maxConnections: 1 }, http: { http1MaxPendingRequests: 1 } } }),
    ).toBe(2);
    expect(concurrencyLimit({ connectionPool: { tcp: { maxConnections: 5 }, http: { http2MaxRequests: 3 } } })).toBe(3);
    expect(concurrencyLimit({ connectionPool: { tcp: { connectTimeout: '1s' } } })).toBeUndefined();
    expect(concurrencyLimit(undefined)).toBeUndefined();
  });
});

describe('ground truth: connection pool limits', () => {
  const RUN_MS = 600_000;

  it('reviews v3 1 s slow with http2MaxRequests: 1 refuses the Erlang-B share with 503 UO, and ~0 once cleared', () => {
    // reviews v3's own time (its processing and its ratings call), measured unslowed: W is 1 s plus up to that.
    const baseline = setup(undefined, { subset: 'v3' }).sim;
    baseline.advance(60_000);
    const ownP95 = (fromProductpage(baseline, 50).p95Ms ?? Number.NaN) / 1000;
    expect(ownP95).toBeLessThan(0.2);

    const { sim, config } = setup({ connectionPool: { http: { http2MaxRequests: 1 } } }, { subset: 'v3' });
    sim.setVersionHealth('bookinfo', 'reviews', 'v3', SLOW);
    sim.advance(RUN_MS);
    const seconds = RUN_MS / 1000 - 30;
    const seen = fromProductpage(sim, seconds);
    expect(seen.p95Ms).toBeGreaterThan(1000);
    // The queueing expectation from what was observed: a loss system with one slot, offered load
    // A = arrivals/s x service time, refuses B(1, A) = A / (1 + A) of the requests.
    const low = erlangB(1, seen.total * 1);
    const high = erlangB(1, seen.total * (1 + ownP95));
    const share = seen.uo / seen.total;
    const n = seen.total * seconds;
    console.log(
      `UO share ${share.toFixed(3)} vs Erlang B ${low.toFixed(3)}..${high.toFixed(3)} (λ ${seen.total.toFixed(2)}/s, W 1 s + up to ${ownP95.toFixed(3)} s, n ${Math.round(n)})`,
    );
    expect(n).toBeGreaterThan(800);
    expect(share).toBeGreaterThan(low - 0.04);
    expect(share).toBeLessThan(high + 0.04);
    expect(seen.uo + seen.byWorkload('reviews-v3')).toBeCloseTo(seen.total, 5);

    // Cleared: the next minutes have no UO at all.
    config.update(setup(undefined, { subset: 'v3' }).config.snapshot());
    sim.advance(120_000);
    expect(fromProductpage(sim, 60).uo).toBe(0);
  });

  it('without a pool, the slow version refuses nothing', () => {
    const { sim } = setup(undefined, { subset: 'v3' });
    sim.setVersionHealth('bookinfo', 'reviews', 'v3', SLOW);
    sim.advance(120_000);
    expect(fromProductpage(sim, 100).uo).toBe(0);
  });
});

describe('ground truth: outlier detection', () => {
  it("ejects a failing version from the host's load balancing within its ejection time, shifting its share to the others", () => {
    const od = {
      outlierDetection: { consecutive5xxErrors: 3, interval: '1s', baseEjectionTime: '60s', maxEjectionPercent: 50 },
    };
    const { sim } = setup(od, { hostPolicy: true });
    sim.advance(60_000);
    const before = fromProductpage(sim, 50);
    // Three versions, one pod each: about a third each before.
    expect(before.byWorkload('reviews-v3') / before.total).toBeGreaterThan(0.2);
    sim.setVersionHealth('bookinfo', 'reviews', 'v3', { errorRate: 1, extraLatencyMs: 0 });
    // A few requests reach v3 until three 5xx in a row eject it; then, for 60 s, none.
    sim.advance(10_000);
    sim.advance(40_000);
    const during = fromProductpage(sim, 40);
    expect(during.byWorkload('reviews-v3')).toBe(0);
    expect(during.byWorkload('reviews-v1') + during.byWorkload('reviews-v2')).toBeCloseTo(during.total, 5);
  });

  it('never ejects more than maxEjectionPercent of the pods beyond the first; with every version failing, only one is out', () => {
    const od = { outlierDetection: { consecutive5xxErrors: 1, baseEjectionTime: '5m', maxEjectionPercent: 10 } };
    const { sim } = setup(od, { hostPolicy: true });
    for (const v of ['v1', 'v2', 'v3'])
      sim.setVersionHealth('bookinfo', 'reviews', v, { errorRate: 1, extraLatencyMs: 0 });
    sim.advance(60_000);
    const seen = fromProductpage(sim, 30);
    const serving = ['reviews-v1', 'reviews-v2', 'reviews-v3'].filter((w) => seen.byWorkload(w) > 0);
    expect(serving).toHaveLength(2);
  });
});
