import { describe, expect, it } from 'vitest';
import type { VirtualService } from '../resources/istio';
import { loadScenarioSnapshot } from '../fixtures/test-scenarios';
import { applyEdit, applyEdits } from './apply-edit';
import { EditError } from './edit-error';
import { setFault } from './set-fault';
import { setMatchRoute } from './set-match-route';
import { setMirror } from './set-mirror';
import { setRetries } from './set-retries';
import { setTcpWeights } from './set-tcp-weights';
import { setRouteTimeout } from './set-timeout';
import { setWeights } from './set-weights';

const snapshot = loadScenarioSnapshot();
const fixture = (namespace: string, name: string): VirtualService => {
  const vs = snapshot.virtualServices.find((v) => v.metadata.namespace === namespace && v.metadata.name === name);
  if (!vs) throw new Error(`${namespace}/${name}`);
  return Object.freeze(structuredClone(vs)) as VirtualService;
};
const demoapp = () => fixture('demoapp', 'demoapp');
const withUnknown = (): VirtualService => {
  const vs = structuredClone(demoapp());
  (vs as Record<string, unknown>).status = { seen: true };
  (vs.spec as Record<string, unknown>).futureSpec = ['kept'];
  const route = vs.spec.http![2]! as Record<string, unknown>;
  route.futureRouteField = { a: 1 };
  route.headers = { response: { add: { 'X-Envoy': 'test' } } };
  return vs;
};
const expectUnknownKept = (out: VirtualService) => {
  expect((out as Record<string, unknown>).status).toEqual({ seen: true });
  expect((out.spec as Record<string, unknown>).futureSpec).toEqual(['kept']);
  expect((out.spec.http![2]! as Record<string, unknown>).futureRouteField).toEqual({ a: 1 });
};
const d = (subset: string, host = 'demoapp') => ({ host, subset });

describe('setWeights', () => {
  it('writes integer weights summing to 100, order kept', () => {
    const out = setWeights(demoapp(), { kind: 'http', name: 'default' }, [
      { destination: d('v10'), weight: 1 },
      { destination: d('v11'), weight: 2 },
    ]);
    expect(out.spec.http![2]!.route).toEqual([
      { destination: d('v10'), weight: 33 },
      { destination: d('v11'), weight: 67 },
    ]);
  });
  it('gives a single destination 100 and writes ports as port.number', () => {
    const out = setWeights(demoapp(), { kind: 'http', index: 0 }, [
      { destination: { host: 'demoapp', subset: 'v10', port: 8080 }, weight: 7 },
    ]);
    expect(out.spec.http![0]!.route).toEqual([
      { destination: { host: 'demoapp', subset: 'v10', port: { number: 8080 } }, weight: 100 },
    ]);
    expect(out.spec.http![0]!.rewrite).toEqual({ uri: '/' });
  });
  it('keeps per-destination extras and unknown fields, and never mutates the input', () => {
    const input = withUnknown();
    (input.spec.http![2]!.route![1] as Record<string, unknown>).headers = { request: { set: { a: 'b' } } };
    const before = structuredClone(input);
    const out = setWeights(input, { kind: 'http', name: 'default' }, [
      { destination: d('v11'), weight: 50 },
      { destination: d('v10'), weight: 50 },
    ]);
    expect(input).toEqual(before);
    expectUnknownKept(out);
    expect(out.spec.http![2]!.headers).toEqual({ response: { add: { 'X-Envoy': 'test' } } });
    expect(out.spec.http![2]!.route![0]).toEqual({
      destination: d('v11'),
      weight: 50,
      headers: { request: { set: { a: 'b' } } },
    });
  });
  it('throws typed errors for a missing route, a tcp ref and a redirect route', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof EditError ? `${e.code} ${e.path}` : String(e);
      }
      return 'no error';
    };
    const w = [{ destination: d('v10'), weight: 100 }];
    expect(err(() => setWeights(demoapp(), { kind: 'http', name: 'nope' }, w))).toBe('route_not_found spec.http');
    expect(err(() => setWeights(demoapp(), { kind: 'http', index: 9 }, w))).toBe('route_not_found spec.http');
    expect(err(() => setWeights(demoapp(), { kind: 'tcp', index: 0 }, w))).toBe('route_kind_mismatch spec.tcp');
    expect(err(() => setWeights(demoapp(), { kind: 'http', name: 'redirect' }, w))).toBe(
      'incompatible_route spec.http[1].redirect',
    );
  });
});

describe('setTcpWeights', () => {
  it('shifts tcp-echo to 80/20 keeping the port', () => {
    const out = setTcpWeights(fixture('istio-io-tcp-traffic-shift', 'tcp-echo'), { kind: 'tcp', index: 0 }, [
      { destination: { host: 'tcp-echo', subset: 'v1' }, weight: 80 },
      { destination: { host: 'tcp-echo', subset: 'v2', port: 9000 }, weight: 20 },
    ]);
    expect(out.spec.tcp![0]).toEqual({
      match: [{ port: 31400 }],
      route: [
        { destination: { host: 'tcp-echo', subset: 'v1', port: { number: 9000 } }, weight: 80 },
        { destination: { host: 'tcp-echo', subset: 'v2', port: { number: 9000 } }, weight: 20 },
      ],
    });
  });
  it('refuses http refs', () => {
    expect(() => setTcpWeights(demoapp(), { kind: 'http', index: 0 }, [{ destination: d('v10'), weight: 1 }])).toThrow(
      EditError,
    );
  });
});

describe('setFault', () => {
  it('writes delay and abort with explicit percentages, and clears with null', () => {
    const out = setFault(
      withUnknown(),
      { kind: 'http', name: 'default' },
      { delay: { percent: 20, fixedDelay: '3s' }, abort: { percent: 20, httpStatus: 555 } },
    );
    expect(out.spec.http![2]!.fault).toEqual({
      delay: { fixedDelay: '3s', percentage: { value: 20 } },
      abort: { httpStatus: 555, percentage: { value: 20 } },
    });
    expectUnknownKept(out);
    const cleared = setFault(out, { kind: 'http', name: 'default' }, null);
    expect(cleared.spec.http![2]).not.toHaveProperty('fault');
    expectUnknownKept(cleared);
  });
  it('switches off the kind the spec leaves out, drops deprecated percent, and removes an empty fault', () => {
    const vs = structuredClone(demoapp());
    vs.spec.http![2]!.fault = {
      delay: { fixedDelay: '1s', percent: 5 },
      abort: { httpStatus: 500, percentage: { value: 1 } },
    };
    const out = setFault(vs, { kind: 'http', index: 2 }, { delay: { percent: 0.5, fixedDelay: '2s' } });
    expect(out.spec.http![2]!.fault).toEqual({ delay: { fixedDelay: '2s', percentage: { value: 0.5 } } });
    expect(setFault(vs, { kind: 'http', index: 2 }, {}).spec.http![2]).not.toHaveProperty('fault');
  });
});

describe('setMirror', () => {
  it('writes the single form and removes the list and deprecated forms', () => {
    const vs = structuredClone(demoapp());
    Object.assign(vs.spec.http![2]!, { mirrors: [{ destination: d('v10') }], mirrorPercent: 5 });
    const out = setMirror(vs, { kind: 'http', name: 'default' }, { mirror: { destination: d('v11'), percent: 100 } });
    const route = out.spec.http![2]!;
    expect(route.mirror).toEqual(d('v11'));
    expect(route.mirrorPercentage).toEqual({ value: 100 });
    expect(route).not.toHaveProperty('mirrors');
    expect(route).not.toHaveProperty('mirrorPercent');
  });
  it('writes the list form and removes the single form; null clears', () => {
    const single = setMirror(
      withUnknown(),
      { kind: 'http', index: 2 },
      { mirror: { destination: d('v11'), percent: 10 } },
    );
    const list = setMirror(
      single,
      { kind: 'http', index: 2 },
      {
        mirrors: [
          { destination: d('v11'), percent: 10 },
          { destination: d('v3.6', 'backend'), percent: 1 },
        ],
      },
    );
    expect(list.spec.http![2]).not.toHaveProperty('mirror');
    expect(list.spec.http![2]).not.toHaveProperty('mirrorPercentage');
    expect(list.spec.http![2]!.mirrors).toEqual([
      { destination: d('v11'), percentage: { value: 10 } },
      { destination: d('v3.6', 'backend'), percentage: { value: 1 } },
    ]);
    const off = setMirror(list, { kind: 'http', index: 2 }, { mirror: null });
    for (const k of ['mirror', 'mirrors', 'mirrorPercentage']) expect(off.spec.http![2]).not.toHaveProperty(k);
    expectUnknownKept(off);
  });
  it('refuses both forms at once', () => {
    expect(() => setMirror(demoapp(), { kind: 'http', index: 2 }, { mirror: null, mirrors: [] })).toThrow(EditError);
  });
});

describe('setRouteTimeout and setRetries', () => {
  it('sets and removes the timeout', () => {
    const proxy = fixture('demoapp', 'proxy');
    expect(setRouteTimeout(proxy, { kind: 'http', name: 'default' }, '2s').spec.http![0]!.timeout).toBe('2s');
    expect(setRouteTimeout(proxy, { kind: 'http', name: 'default' }, null).spec.http![0]).not.toHaveProperty('timeout');
  });
  it('replaces the policy fields it owns and keeps the rest', () => {
    const proxy = structuredClone(fixture('demoapp', 'proxy'));
    proxy.spec.http![0]!.retries!.retryRemoteLocalities = true;
    const out = setRetries(proxy, { kind: 'http', index: 0 }, { attempts: 3, retryOn: 'gateway-error' });
    expect(out.spec.http![0]!.retries).toEqual({ retryRemoteLocalities: true, attempts: 3, retryOn: 'gateway-error' });
    expect(out.spec.http![0]!.timeout).toBe('1s');
    expect(setRetries(proxy, { kind: 'http', index: 0 }, null).spec.http![0]).not.toHaveProperty('retries');
  });
});

describe('setMatchRoute', () => {
  const jason = {
    name: 'jason',
    match: [{ headers: { 'end-user': { exact: 'jason' } } }],
    destinations: [{ destination: { host: 'reviews', subset: 'v2' }, weight: 1 }],
  };
  it('inserts before the default route, then replaces in place, then removes', () => {
    const reviews = fixture('bookinfo', 'reviews');
    const added = setMatchRoute(reviews, jason);
    expect(added.spec.http!.map((r) => r.name)).toEqual(['jason', 'default']);
    expect(added.spec.http![0]).toEqual({
      name: 'jason',
      match: [{ headers: { 'end-user': { exact: 'jason' } } }],
      route: [{ destination: { host: 'reviews', subset: 'v2' }, weight: 100 }],
    });
    const replaced = setMatchRoute(added, {
      ...jason,
      destinations: [{ destination: { host: 'reviews', subset: 'v3' }, weight: 1 }],
    });
    expect(replaced.spec.http!.map((r) => r.name)).toEqual(['jason', 'default']);
    expect(replaced.spec.http![0]!.route![0]!.destination.subset).toBe('v3');
    expect(setMatchRoute(replaced, { name: 'jason', remove: true })).toEqual(reviews);
    expect(setMatchRoute(reviews, { name: 'jason', remove: true })).toBe(reviews);
  });
  it('inserts after existing match routes and keeps other fields of a replaced route', () => {
    const input = withUnknown();
    const out = setMatchRoute(input, {
      name: 'x-canary',
      match: [{ headers: { 'x-canary': { exact: 'true' } } }],
      destinations: [{ destination: d('v11'), weight: 1 }],
    });
    expect(out.spec.http!.map((r) => r.name)).toEqual(['canary', 'redirect', 'x-canary', 'default']);
    const canary = setMatchRoute(out, {
      name: 'canary',
      match: [{ uri: { prefix: '/beta' } }],
      destinations: [{ destination: d('v11'), weight: 1 }],
    });
    expect(canary.spec.http![0]!.rewrite).toEqual({ uri: '/' });
    expect(canary.spec.http![0]!.match).toEqual([{ uri: { prefix: '/beta' } }]);
    expect(() =>
      setMatchRoute(out, {
        name: 'redirect',
        match: [{ uri: { prefix: '/b' } }],
        destinations: [{ destination: d('v11'), weight: 1 }],
      }),
    ).toThrow(EditError);
  });
  it('appends when there is no default route and needs match and destinations', () => {
    const vs = structuredClone(demoapp());
    vs.spec.http = vs.spec.http!.slice(0, 2);
    expect(setMatchRoute(vs, jason).spec.http!.map((r) => r.name)).toEqual(['canary', 'redirect', 'jason']);
    expect(() => setMatchRoute(vs, { name: 'n' })).toThrow(EditError);
  });
});

describe('applyEdits', () => {
  it('applies in order', () => {
    const out = applyEdits(demoapp(), [
      {
        op: 'setWeights',
        route: { kind: 'http', name: 'default' },
        weights: [
          { destination: d('v10'), weight: 50 },
          { destination: d('v11'), weight: 50 },
        ],
      },
      { op: 'setTimeout', route: { kind: 'http', name: 'default' }, timeout: '1s' },
      { op: 'setMirror', route: { kind: 'http', name: 'default' }, mirror: { destination: d('v11'), percent: 100 } },
    ]);
    expect(out.spec.http![2]).toMatchObject({
      timeout: '1s',
      mirror: d('v11'),
      route: [{ weight: 50 }, { weight: 50 }],
    });
  });
  it('tags the failing edit with its index', () => {
    try {
      applyEdits(demoapp(), [
        { op: 'setTimeout', route: { kind: 'http', index: 0 }, timeout: '1s' },
        { op: 'setRetries', route: { kind: 'http', name: 'missing' }, retries: null },
      ]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EditError);
      expect((e as EditError).editIndex).toBe(1);
      expect((e as EditError).code).toBe('route_not_found');
    }
  });
  it('dispatches every op', () => {
    const vs = applyEdit(demoapp(), {
      op: 'setMatchRoute',
      name: 'h',
      match: [{ uri: { exact: '/h' } }],
      destinations: [{ destination: d('v10'), weight: 1 }],
    });
    expect(vs.spec.http).toHaveLength(4);
    const f = applyEdit(vs, {
      op: 'setFault',
      route: { kind: 'http', index: 0 },
      fault: { abort: { percent: 20, httpStatus: 555 } },
    });
    expect(f.spec.http![0]!.fault?.abort?.httpStatus).toBe(555);
  });
});
