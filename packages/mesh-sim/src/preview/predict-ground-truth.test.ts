import { describe, expect, it } from 'vitest';
import { bookinfoProfile, demoappProfile, tcpEchoProfile } from '../scenarios/profiles';
import { editVirtualService, weightedRoute } from '../testing/scenario-sim';
import { hopRates, predictAndRun, RUN_MS, scenario, shareClose, sumPrefix, rateClose } from './prediction-kit';

/*
 * The traffic preview against the simulator's ground truth, for the seed scenarios: observe 5 minutes
 * under the current config, predict the candidate from that window, run the candidate for real and
 * compare per hop (shares within 4 binomial standard deviations of the real run, rates within 10 %).
 */

const SECONDS = RUN_MS / 1000;
const bookinfo = [{ ...bookinfoProfile, generators: bookinfoProfile.generators.map((g) => ({ ...g, rps: 20 })) }];

describe('predictTraffic against the simulator', () => {
  it('reviews 50/50 v1/v3: the predicted split at reviews is the real one', () => {
    const current = scenario(['istio-system', 'bookinfo']);
    const candidate = editVirtualService(current, 'bookinfo', 'reviews', (spec) => ({
      ...spec,
      http: [{ route: weightedRoute('reviews', { v1: 50, v3: 50 }) }],
    }));
    const { prediction, truth } = predictAndRun(current, candidate, bookinfo);
    const predicted = hopRates(prediction.window.requests, 'source');
    const actual = hopRates(truth.requests, 'source');
    const all = sumPrefix(actual, 'productpage-v1>reviews>');
    const v3 = sumPrefix(actual, 'productpage-v1>reviews>reviews-v3').rps / all.rps;
    const predictedAll = sumPrefix(predicted, 'productpage-v1>reviews>');
    const predictedV3 = sumPrefix(predicted, 'productpage-v1>reviews>reviews-v3').rps / predictedAll.rps;
    expect(shareClose(predictedV3, v3, all.rps * SECONDS)).toBe(true);
    expect(rateClose(predictedAll.rps, all.rps)).toBe(true);
    // The per-call summary: productpage calls details and reviews once per page, so each is half its requests.
    const toReviews = prediction.calls.find(
      (c) => c.source.workload === 'productpage-v1' && c.service.startsWith('reviews.'),
    );
    expect(toReviews?.share).toBeCloseTo(0.5, 2);
    expect(toReviews?.errorRate).toBe(0);
    expect(rateClose(toReviews?.rps ?? 0, all.rps)).toBe(true);
    // reviews-v3 served nothing in the observed window: the preview says what it assumed about its calls.
    expect(prediction.assumptions.some((a) => a.includes('bookinfo/reviews-v3'))).toBe(true);
  });

  it('end-user: jason -> v2 needs the share of jason requests: unknown without it, right with it', () => {
    const current = scenario(['istio-system', 'bookinfo']);
    const candidate = editVirtualService(current, 'bookinfo', 'reviews', (spec) => ({
      ...spec,
      http: [
        { match: [{ headers: { 'end-user': { exact: 'jason' } } }], route: weightedRoute('reviews', { v2: 100 }) },
        ...(spec.http ?? []),
      ],
    }));
    const { prediction: blind } = predictAndRun(current, candidate, bookinfo);
    const unknown = blind.unknownShares.find((u) => u.description.includes('end-user'));
    expect(unknown?.assumedShare).toBe(0);
    // The profile: 20 of every 90 /productpage requests (the ones that reach reviews) are jason's.
    const { prediction, truth } = predictAndRun(current, candidate, bookinfo, {
      matchShares: { [unknown?.key ?? '']: 20 / 90 },
    });
    expect(prediction.unknownShares).toEqual([]);
    const actual = hopRates(truth.requests, 'source');
    const predicted = hopRates(prediction.window.requests, 'source');
    const all = sumPrefix(actual, 'productpage-v1>reviews>');
    const v2 = sumPrefix(actual, 'productpage-v1>reviews>reviews-v2').rps / all.rps;
    const predictedV2 =
      sumPrefix(predicted, 'productpage-v1>reviews>reviews-v2').rps /
      sumPrefix(predicted, 'productpage-v1>reviews>').rps;
    expect(shareClose(predictedV2, v2, all.rps * SECONDS)).toBe(true);
  });

  it('abort 20 % (555) on demoapp /canary: errors at proxy, passed back to its callers, retried by the gateway', () => {
    const current = scenario(['istio-system', 'demoapp']);
    const candidate = editVirtualService(current, 'demoapp', 'demoapp', (spec) => ({
      ...spec,
      http: (spec.http ?? []).map((r) =>
        r.name === 'canary' ? { ...r, fault: { abort: { percentage: { value: 20 }, httpStatus: 555 } } } : r,
      ),
    }));
    const { prediction, truth } = predictAndRun(current, candidate, [demoappProfile]);
    const actual = hopRates(truth.requests, 'source');
    const predicted = hopRates(prediction.window.requests, 'source');
    const check = (prefix: string) => {
      const a = sumPrefix(actual, prefix);
      const p = sumPrefix(predicted, prefix);
      expect(a.errorRps).toBeGreaterThan(0);
      expect(shareClose(p.errorRps / p.rps, a.errorRps / a.rps, a.rps * SECONDS)).toBe(true);
      expect(rateClose(p.rps, a.rps)).toBe(true);
    };
    check('proxy>demoapp>'); // the route's caller sees the aborts (no destination workload, FI)
    check('client>proxy>'); // proxy passes 555 back; the in-mesh client has no retries on 555
    // The gateway retries 5xx (5 attempts): almost none of its requests fail, but proxy serves more attempts.
    const gwActual = hopRates(truth.requests, 'destination');
    const gwPredicted = hopRates(prediction.window.requests, 'destination');
    const key = 'istio-ingressgateway>proxy>proxy';
    const extra = (m: typeof gwActual) => {
      const served = m.get(key)?.rps ?? 0;
      return served;
    };
    expect(rateClose(extra(gwPredicted), extra(gwActual), 0.05)).toBe(true);
    expect(gwPredicted.get(key)?.errorRps ?? 0).toBeGreaterThan(0);
  });

  it('delay 20 % 3 s on demoapp /canary: the gateway route (timeout 1 s) answers 504 for them, callers see 3 s', () => {
    const current = scenario(['istio-system', 'demoapp']);
    const candidate = editVirtualService(current, 'demoapp', 'demoapp', (spec) => ({
      ...spec,
      http: (spec.http ?? []).map((r) =>
        r.name === 'canary' ? { ...r, fault: { delay: { percentage: { value: 20 }, fixedDelay: '3s' } } } : r,
      ),
    }));
    const { prediction, truth } = predictAndRun(current, candidate, [demoappProfile]);
    // The gateway's route times out after 1 s; its per-try timeout is 1 s too, so no time is left to retry.
    const key = 'istio-ingressgateway>proxy>proxy';
    const a = hopRates(truth.requests, 'source').get(key);
    const p = hopRates(prediction.window.requests, 'source').get(key);
    expect(a && a.errorRps).toBeGreaterThan(0);
    expect(p && a && shareClose(p.errorRps / p.rps, a.errorRps / a.rps, a.rps * SECONDS)).toBe(true);
    expect(prediction.window.requests.some((r) => r.reporter === 'source' && r.responseFlags === 'UT')).toBe(true);
    // Delays are latency: the caller of demoapp v1.1 sees a p95 past the 3 s delay, in both.
    const p95 = (w: typeof truth) =>
      w.latencies.find((l) => l.reporter === 'source' && l.destinationWorkload === 'demoappv11')?.p95Ms ?? 0;
    expect(p95(truth)).toBeGreaterThan(3000);
    expect(p95(prediction.window)).toBeGreaterThan(3000);
  });

  it('mirror all of demoapp default to v11: v11 serves the extra copies, callers see nothing new', () => {
    const current = scenario(['istio-system', 'demoapp']);
    const candidate = editVirtualService(current, 'demoapp', 'demoapp', (spec) => ({
      ...spec,
      http: (spec.http ?? []).map((r) =>
        r.name === 'default'
          ? { ...r, mirror: { host: 'demoapp', subset: 'v11' }, mirrorPercentage: { value: 100 } }
          : r,
      ),
    }));
    const { prediction, truth } = predictAndRun(current, candidate, [demoappProfile]);
    const served = (w: typeof truth) => sumPrefix(hopRates(w.requests, 'destination'), 'proxy>demoapp>demoappv11').rps;
    const seen = (w: typeof truth) => sumPrefix(hopRates(w.requests, 'source'), 'proxy>demoapp>demoappv11').rps;
    const mirroredActual = served(truth) - seen(truth);
    const mirroredPredicted = served(prediction.window) - seen(prediction.window);
    expect(mirroredActual).toBeGreaterThan(1);
    expect(rateClose(mirroredPredicted, mirroredActual)).toBe(true);
    expect(rateClose(seen(prediction.window), seen(truth))).toBe(true);
  });

  it('tcp-echo 80/20 v1/v2 through the gateway: connections split 80/20', () => {
    const ns = 'istio-io-tcp-traffic-shift';
    const current = scenario(['istio-system', ns]);
    const candidate = editVirtualService(current, ns, 'tcp-echo', (spec) => ({
      ...spec,
      tcp: [
        {
          match: [{ port: 31400 }],
          route: [
            { destination: { host: 'tcp-echo', port: { number: 9000 }, subset: 'v1' }, weight: 80 },
            { destination: { host: 'tcp-echo', port: { number: 9000 }, subset: 'v2' }, weight: 20 },
          ],
        },
      ],
    }));
    const { prediction, truth } = predictAndRun(current, candidate, [tcpEchoProfile]);
    const split = (w: typeof truth) => {
      const gw = w.tcp.filter((t) => t.sourceWorkload === 'istio-ingressgateway' && t.reporter === 'destination');
      const all = gw.reduce((a, t) => a + t.connectionsOpenedPerSec, 0);
      const v2 = gw
        .filter((t) => t.destinationCanonicalRevision === 'v2')
        .reduce((a, t) => a + t.connectionsOpenedPerSec, 0);
      const bytes = gw.reduce((a, t) => a + t.receivedBytesPerSec, 0);
      return { all, v2: v2 / all, bytes };
    };
    const a = split(truth);
    const p = split(prediction.window);
    expect(shareClose(p.v2, a.v2, a.all * SECONDS)).toBe(true);
    expect(rateClose(p.all, a.all)).toBe(true);
    expect(rateClose(p.bytes, a.bytes)).toBe(true);
  });
});
