import type { HTTPRoute } from '@sluice/model';
import { describe, expect, it } from 'vitest';
import { demoappProfile } from '../scenarios/profiles';
import type { RequestKind, ScenarioProfile } from '../scenarios/profile-types';
import { editVirtualService, scenarioSimulator } from '../testing/scenario-sim';
import { withinBinomial } from '../testing/samples';

/*
 * The demoapp seed's VirtualService features, checked the way an operator reads them in Istio's
 * metrics: who reports what, with which code and flags.
 */

const RUN_S = 200;

function profile(mix: RequestKind[], from: 'client' | 'gateway' = 'client', rps = 25): ScenarioProfile {
  const g = demoappProfile.generators.find((x) =>
    from === 'client' ? x.entry.kind === 'mesh' : x.entry.kind === 'gateway',
  );
  if (!g) throw new Error('demoapp profile lost a generator');
  return { ...demoappProfile, generators: [{ ...g, rps, mix }] };
}

function withDemoappRoutes(routes: HTTPRoute[]) {
  return (s: Parameters<typeof editVirtualService>[0]) =>
    editVirtualService(s, 'demoapp', 'demoapp', (spec) => ({ ...spec, http: routes }));
}

const canaryRewrite: HTTPRoute = {
  name: 'canary',
  match: [{ uri: { prefix: '/canary' } }],
  rewrite: { uri: '/' },
  route: [{ destination: { host: 'demoapp', subset: 'v11' } }],
};

function run(mix: RequestKind[], routes: HTTPRoute[], from: 'client' | 'gateway' = 'client') {
  const { sim } = scenarioSimulator(['demoapp'], { profiles: [profile(mix, from)], edit: withDemoappRoutes(routes) });
  sim.advance(RUN_S * 1000);
  return sim.query(RUN_S, ['demoapp']);
}

const toDemoapp = (reporter: 'source' | 'destination') => (r: { reporter: string; destinationServiceName: string }) =>
  r.reporter === reporter && r.destinationServiceName === 'demoapp';

describe('demoapp: faults, timeouts, retries, mirroring, redirects', () => {
  it('abort 20% with 555 on /canary: source-reported 555 FI, never at the destination', () => {
    const w = run(
      [{ weight: 1, path: '/canary' }],
      [
        { ...canaryRewrite, fault: { abort: { percentage: { value: 20 }, httpStatus: 555 } } },
        { name: 'default', route: [{ destination: { host: 'demoapp', subset: 'v10' } }] },
      ],
    );
    const source = w.requests.filter(toDemoapp('source'));
    const total = source.reduce((a, r) => a + r.rps, 0);
    const aborted = source.filter((r) => r.responseCode === '555');
    expect(
      aborted.every((r) => r.responseFlags === 'FI' && r.sourceWorkload === 'proxy' && r.destinationWorkload === ''),
    ).toBe(true);
    const share = aborted.reduce((a, r) => a + r.rps, 0) / total;
    expect(withinBinomial(share, 0.2, total * RUN_S)).toBe(true);
    const dest = w.requests.filter(toDemoapp('destination'));
    expect(dest.length).toBeGreaterThan(0);
    expect(dest.some((r) => r.responseCode === '555' || r.responseFlags.includes('FI'))).toBe(false);
    // Rewritten /canary -> / still goes to v11 only.
    expect(dest.every((r) => r.destinationCanonicalRevision === 'v1.1')).toBe(true);
  });

  it('delay 20% 3s on the default route raises the source-side p95 above 3000 ms, flagged DI', () => {
    const w = run(
      [{ weight: 1, path: '/' }],
      [
        {
          name: 'default',
          route: [{ destination: { host: 'demoapp', subset: 'v10' } }],
          fault: { delay: { percentage: { value: 20 }, fixedDelay: '3s' } },
        },
      ],
    );
    const p95 = w.latencies.find(
      (l) => l.reporter === 'source' && l.sourceWorkload === 'proxy' && l.destinationServiceName === 'demoapp',
    );
    expect(p95?.p95Ms).toBeGreaterThan(3000);
    const delayed = w.requests.filter((r) => toDemoapp('source')(r) && r.responseFlags === 'DI');
    const all = w.requests.filter(toDemoapp('source'));
    const share = delayed.reduce((a, r) => a + r.rps, 0) / all.reduce((a, r) => a + r.rps, 0);
    expect(withinBinomial(share, 0.2, all.reduce((a, r) => a + r.rps, 0) * RUN_S)).toBe(true);
    // The server does not see the delay: its p95 stays small.
    const destP95 = w.latencies.find(
      (l) => l.reporter === 'destination' && l.sourceWorkload === 'proxy' && l.destinationServiceName === 'demoapp',
    );
    expect(destP95?.p95Ms).toBeLessThan(100);
  });

  it('timeout 1s on the gateway route turns the delayed requests into 504 UT at the gateway', () => {
    // proxy VirtualService (seed): timeout 1s, retries 5 x 1s; demoapp delays 20% by 3s.
    const w = run(
      [{ weight: 1, path: '/' }],
      [
        {
          name: 'default',
          route: [{ destination: { host: 'demoapp', subset: 'v10' } }],
          fault: { delay: { percentage: { value: 20 }, fixedDelay: '3s' } },
        },
      ],
      'gateway',
    );
    const fromGateway = w.requests.filter(
      (r) =>
        r.reporter === 'source' && r.sourceWorkload === 'istio-ingressgateway' && r.destinationServiceName === 'proxy',
    );
    const total = fromGateway.reduce((a, r) => a + r.rps, 0);
    const timedOut = fromGateway.filter((r) => r.responseCode === '504');
    expect(timedOut.every((r) => r.responseFlags === 'UT')).toBe(true);
    expect(withinBinomial(timedOut.reduce((a, r) => a + r.rps, 0) / total, 0.2, total * RUN_S)).toBe(true);
    // proxy's sidecar saw the gateway hang up on those requests (downstream disconnect).
    const atProxy = w.requests.filter((r) => r.reporter === 'destination' && r.destinationServiceName === 'proxy');
    expect(atProxy.some((r) => r.responseFlags === 'DC')).toBe(true);
  });

  it('mirror to v11: destination-side series for v11 only, never source-side', () => {
    const w = run(
      [{ weight: 1, path: '/' }],
      [
        {
          name: 'mirror',
          route: [{ destination: { host: 'demoapp', subset: 'v10' } }],
          mirror: { host: 'demoapp', subset: 'v11' },
        },
      ],
    );
    const v11 = w.requests.filter((r) => r.destinationCanonicalRevision === 'v1.1');
    expect(v11.length).toBeGreaterThan(0);
    expect(v11.every((r) => r.reporter === 'destination' && r.sourceWorkload === 'proxy')).toBe(true);
    const v10 = w.requests.filter((r) => r.destinationCanonicalRevision === 'v1.0');
    const rate = (xs: typeof v10, rep: string) => xs.filter((r) => r.reporter === rep).reduce((a, r) => a + r.rps, 0);
    expect(rate(v10, 'source')).toBeCloseTo(rate(v10, 'destination'), 10);
    expect(rate(v11, 'destination') / rate(v10, 'destination')).toBeCloseTo(1, 10);
  });

  it('aborted requests are never mirrored (the fault filter answers before the router mirrors)', () => {
    const w = run(
      [{ weight: 1, path: '/' }],
      [
        {
          name: 'mirror',
          route: [{ destination: { host: 'demoapp', subset: 'v10' } }],
          mirror: { host: 'demoapp', subset: 'v11' },
          fault: { abort: { percentage: { value: 40 }, httpStatus: 503 } },
        },
      ],
    );
    const rate = (f: (r: (typeof w.requests)[number]) => boolean) =>
      w.requests.filter(f).reduce((a, r) => a + r.rps, 0);
    const sent = rate((r) => toDemoapp('source')(r));
    const aborted = rate((r) => toDemoapp('source')(r) && r.responseFlags === 'FI');
    const mirrored = rate((r) => toDemoapp('destination')(r) && r.destinationCanonicalRevision === 'v1.1');
    const servedV10 = rate((r) => toDemoapp('destination')(r) && r.destinationCanonicalRevision === 'v1.0');
    expect(withinBinomial(aborted / sent, 0.4, sent * RUN_S)).toBe(true);
    // Every request that got past the fault filter is mirrored once; none of the aborted ones.
    expect(mirrored).toBeCloseTo(servedV10, 10);
    expect(mirrored).toBeCloseTo(sent - aborted, 10);
  });

  it('redirect /backend answers 301 at the source proxy, with no destination series', () => {
    const w = run(
      [{ weight: 1, path: '/backend' }],
      [
        {
          name: 'redirect',
          match: [{ uri: { prefix: '/backend' } }],
          redirect: { uri: '/', authority: 'backend', port: 8082 },
        },
        { name: 'default', route: [{ destination: { host: 'demoapp', subset: 'v10' } }] },
      ],
    );
    const toDemo = w.requests.filter((r) => r.destinationServiceName === 'demoapp');
    expect(toDemo.length).toBeGreaterThan(0);
    expect(
      toDemo.every((r) => r.reporter === 'source' && r.responseCode === '301' && r.sourceWorkload === 'proxy'),
    ).toBe(true);
  });

  it('retries: the destination sees at least as many tries as the source sees requests', () => {
    const flaky: ScenarioProfile = {
      ...profile([{ weight: 1, path: '/' }]),
      behaviours: {
        ...demoappProfile.behaviours,
        demoapp: { ...demoappProfile.behaviours.demoapp, errorRate: 0.3, errorCode: 503 },
      },
    };
    const { sim } = scenarioSimulator(['demoapp'], {
      profiles: [flaky],
      edit: withDemoappRoutes([
        {
          name: 'default',
          route: [{ destination: { host: 'demoapp', subset: 'v10' } }],
          retries: { attempts: 3, retryOn: '5xx' },
        },
      ]),
    });
    sim.advance(RUN_S * 1000);
    const w = sim.query(RUN_S, ['demoapp']);
    const sum = (rep: string, code?: string) =>
      w.requests
        .filter((r) => toDemoapp(rep as 'source')(r) && (!code || r.responseCode === code))
        .reduce((a, r) => a + r.rps, 0);
    expect(sum('destination')).toBeGreaterThan(sum('source') * 1.3);
    // Four tries all failing: 0.3^4 = 0.81% of requests end in 503 (URX) at the source.
    const failedShare = sum('source', '503') / sum('source');
    expect(withinBinomial(failedShare, 0.0081, sum('source') * RUN_S)).toBe(true);
    expect(
      w.requests
        .filter((r) => toDemoapp('source')(r) && r.responseCode === '503')
        .every((r) => r.responseFlags === 'URX'),
    ).toBe(true);
  });
});

describe('demoapp: header operations steer the next hop', () => {
  const xCanary: HTTPRoute = {
    name: 'x-canary',
    match: [{ headers: { 'x-canary': { exact: 'true' } } }],
    route: [{ destination: { host: 'demoapp', subset: 'v11' } }],
  };
  const fallback: HTTPRoute = { name: 'default', route: [{ destination: { host: 'demoapp', subset: 'v10' } }] };

  /** Requests of `/` through the gateway: proxy forwards headers to demoapp, whose VirtualService matches x-canary. */
  function throughGateway(proxyRoute: HTTPRoute) {
    const { sim } = scenarioSimulator(['demoapp'], {
      profiles: [profile([{ weight: 1, path: '/' }], 'gateway')],
      edit: (s) =>
        editVirtualService(withDemoappRoutes([xCanary, fallback])(s), 'demoapp', 'proxy', (spec) => ({
          ...spec,
          http: [proxyRoute],
        })),
    });
    sim.advance(60_000);
    const dest = sim.query(60, ['demoapp']).requests.filter(toDemoapp('destination'));
    const by = (rev: string) =>
      dest.filter((r) => r.destinationCanonicalRevision === rev).reduce((a, r) => a + r.rps, 0);
    return { v10: by('v1.0'), v11: by('v1.1') };
  }

  it("a request header set on the gateway route is seen by demoapp's match one hop later", () => {
    const plain = throughGateway({ name: 'default', route: [{ destination: { host: 'proxy' } }] });
    expect(plain.v11).toBe(0);
    expect(plain.v10).toBeGreaterThan(0);
    const routeLevel = throughGateway({
      name: 'default',
      headers: { request: { set: { 'x-canary': 'true' } } },
      route: [{ destination: { host: 'proxy' } }],
    });
    expect(routeLevel.v10).toBe(0);
    expect(routeLevel.v11).toBeGreaterThan(0);
    // Per destination, and removed again at the route level (Envoy applies the route's operations last).
    const removed = throughGateway({
      name: 'default',
      headers: { request: { remove: ['x-canary'] } },
      route: [{ destination: { host: 'proxy' }, headers: { request: { set: { 'x-canary': 'true' } } } }],
    });
    expect(removed.v11).toBe(0);
    // Response operations change nothing about routing.
    const response = throughGateway({
      name: 'default',
      headers: { response: { set: { 'x-canary': 'true' } } },
      route: [{ destination: { host: 'proxy' } }],
    });
    expect(response.v11).toBe(0);
  });
});
