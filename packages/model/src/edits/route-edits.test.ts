import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { VirtualService } from '../resources/istio';
import { loadScenarioSnapshot } from '../fixtures/test-scenarios';
import { validateVirtualService } from '../validation/virtual-service';
import { applyEdits } from './apply-edit';
import { EditError } from './edit-error';
import type { Edit } from './edit-schema';
import type { HttpMatchSpec } from './route-edit-schemas';

/* The route edits by example: rewrite, redirect, header operations, the match grammar, the route list. */

const snapshot = loadScenarioSnapshot();
const demoapp = snapshot.virtualServices.find((v) => v.metadata.name === 'demoapp') as VirtualService;
const http = (name: string) => ({ kind: 'http' as const, name });
const codes = (vs: VirtualService) => validateVirtualService(vs).map((f) => `${f.code} ${f.path}`);

describe('setRewrite', () => {
  it('writes the whole rewrite, keeps unknown keys, and null removes it', () => {
    const withExtra = applyEdits(demoapp, [{ op: 'setRewrite', route: http('canary'), rewrite: { uri: '/v2/' } }]);
    expect(withExtra.spec.http?.[0]?.rewrite).toEqual({ uri: '/v2/' });
    const unknown = structuredClone(demoapp);
    (unknown.spec.http![0]!.rewrite as Record<string, unknown>).futureField = 1;
    const replaced = applyEdits(unknown, [
      {
        op: 'setRewrite',
        route: http('canary'),
        rewrite: { uriRegexRewrite: { match: '^/canary(/.*)$', rewrite: '\\1' } },
      },
    ]);
    expect(replaced.spec.http?.[0]?.rewrite).toEqual({
      futureField: 1,
      uriRegexRewrite: { match: '^/canary(/.*)$', rewrite: '\\1' },
    });
    const cleared = applyEdits(demoapp, [{ op: 'setRewrite', route: http('canary'), rewrite: null }]);
    expect(cleared.spec.http?.[0]).not.toHaveProperty('rewrite');
    expect(cleared.spec.http?.[0]?.match).toEqual(demoapp.spec.http?.[0]?.match);
  });

  it('leaves uri + uriRegexRewrite and bad regexes to validation, which names the path', () => {
    const both = applyEdits(demoapp, [
      {
        op: 'setRewrite',
        route: http('canary'),
        rewrite: { uri: '/', uriRegexRewrite: { match: '^/c(?=a)', rewrite: '/' } },
      },
    ]);
    expect(codes(both)).toEqual([
      'rewrite_uri_and_regex spec.http[0].rewrite.uriRegexRewrite',
      'regex_invalid spec.http[0].rewrite.uriRegexRewrite.match',
    ]);
  });
});

describe('setRedirect', () => {
  it('writes the redirect; a redirect next to destinations or a rewrite is refused at their paths', () => {
    const vs = applyEdits(demoapp, [
      {
        op: 'setRedirect',
        route: http('redirect'),
        redirect: { uri: '/', authority: 'backend', port: 8082, redirectCode: 302 },
      },
    ]);
    expect(vs.spec.http?.[1]?.redirect).toEqual({ uri: '/', authority: 'backend', port: 8082, redirectCode: 302 });
    expect(codes(vs)).toEqual([]);
    const onCanary = applyEdits(demoapp, [
      { op: 'setRedirect', route: http('canary'), redirect: { authority: 'backend' } },
    ]);
    expect(codes(onCanary)).toEqual([
      'route_action_multiple spec.http[0].redirect',
      'redirect_with_rewrite spec.http[0].rewrite',
    ]);
  });

  it('refuses a redirect code that is not a redirect, a bad scheme, port with derivePort and an empty redirect', () => {
    const bad = applyEdits(demoapp, [
      {
        op: 'setRedirect',
        route: http('redirect'),
        redirect: { authority: 'b', redirectCode: 200, scheme: 'ftp', port: 1, derivePort: 'FROM_REQUEST_PORT' },
      },
    ]);
    expect(codes(bad)).toEqual([
      'redirect_code_invalid spec.http[1].redirect.redirectCode',
      'redirect_scheme_invalid spec.http[1].redirect.scheme',
      'redirect_port_and_derive spec.http[1].redirect.derivePort',
    ]);
    for (const code of [301, 302, 303, 307, 308]) {
      const ok = applyEdits(demoapp, [
        { op: 'setRedirect', route: http('redirect'), redirect: { uri: '/', redirectCode: code } },
      ]);
      expect(codes(ok)).toEqual([]);
    }
    const removed = applyEdits(demoapp, [{ op: 'setRedirect', route: http('redirect'), redirect: null }]);
    expect(codes(removed)).toContain('route_action_missing spec.http[1]');
  });
});

describe('setHeaders', () => {
  it('writes route-level and per-destination operations, dropping empty maps', () => {
    const vs = applyEdits(demoapp, [
      {
        op: 'setHeaders',
        route: http('default'),
        headers: { response: { add: { 'X-Envoy': 'test' }, set: {}, remove: [] } },
      },
      {
        op: 'setHeaders',
        route: http('default'),
        destinationIndex: 1,
        headers: { request: { set: { 'User-Agent': 'Chrome' } }, response: { remove: ['server'] } },
      },
    ]);
    const route = vs.spec.http?.[2];
    expect(route?.headers).toEqual({ response: { add: { 'X-Envoy': 'test' } } });
    expect(route?.route?.[1]?.headers).toEqual({
      request: { set: { 'User-Agent': 'Chrome' } },
      response: { remove: ['server'] },
    });
    expect(route?.route?.[0]).toEqual(demoapp.spec.http?.[2]?.route?.[0]);
    const cleared = applyEdits(vs, [{ op: 'setHeaders', route: http('default'), headers: null }]);
    expect(cleared.spec.http?.[2]).not.toHaveProperty('headers');
    expect(cleared.spec.http?.[2]?.route?.[1]?.headers).toBeDefined();
  });

  it('a destination that is not there is an EditError naming the route list', () => {
    expect(() =>
      applyEdits(demoapp, [{ op: 'setHeaders', route: http('canary'), destinationIndex: 3, headers: null }]),
    ).toThrow(expect.objectContaining({ code: 'destination_not_found', path: 'spec.http[0].route', editIndex: 0 }));
  });

  it('validation refuses header names Istio refuses, at their paths', () => {
    const vs = structuredClone(demoapp);
    vs.spec.http![2]!.headers = { request: { set: { 'x.dot': '1' }, remove: ['ok', 'bad name'] } };
    expect(codes(vs)).toEqual([
      'header_name_invalid spec.http[2].headers.request.set["x.dot"]',
      'header_name_invalid spec.http[2].headers.request.remove[1]',
    ]);
  });
});

describe('setMatch', () => {
  it('writes the full grammar, keeps unknown keys of block i, and [] removes match', () => {
    const unknown = structuredClone(demoapp);
    (unknown.spec.http![0]!.match![0] as Record<string, unknown>).statPrefix = 'canary';
    const match: HttpMatchSpec[] = [
      {
        name: 'canary-users',
        uri: { prefix: '/canary' },
        method: { exact: 'GET' },
        scheme: { exact: 'http' },
        authority: { regex: 'demoapp(:8080)?' },
        headers: { 'x-canary': { exact: 'true' }, 'x-present': {} },
        withoutHeaders: { 'x-debug': {} },
        queryParams: { tier: { prefix: 'gold' } },
        port: 8080,
        sourceLabels: { app: 'proxy' },
        gateways: ['mesh'],
        sourceNamespace: 'demoapp',
        ignoreUriCase: true,
      },
      { headers: { cookie: { regex: '^(.*?;)?(user=jason)(;.*)?$' } } },
    ];
    const vs = applyEdits(unknown, [{ op: 'setMatch', route: http('canary'), match }]);
    expect(vs.spec.http?.[0]?.match).toEqual([{ ...match[0], statPrefix: 'canary' }, match[1]]);
    expect(codes(vs)).toEqual([]);
    const all = applyEdits(vs, [{ op: 'setMatch', route: http('canary'), match: [] }]);
    expect(all.spec.http?.[0]).not.toHaveProperty('match');
    // A catch-all first makes the routes after it unreachable.
    expect(codes(all)).toContain('route_unreachable spec.http[1]');
  });

  it('validation refuses regexes RE2 refuses and header names Istio refuses', () => {
    const vs = applyEdits(demoapp, [
      {
        op: 'setMatch',
        route: http('canary'),
        match: [{ uri: { regex: '/(?!admin).*' }, headers: { 'x_ok-1': { regex: '(a)\\1' }, 'x.y': {} } }],
      },
    ]);
    expect(codes(vs)).toEqual([
      'regex_invalid spec.http[0].match[0].uri.regex',
      'regex_invalid spec.http[0].match[0].headers.x_ok-1.regex',
      'header_name_invalid spec.http[0].match[0].headers["x.y"]',
    ]);
  });
});

describe('addRoute, removeRoute, moveRoute', () => {
  it('adds before the catch-all by default, or at a position; names stay unique', () => {
    const added = applyEdits(demoapp, [{ op: 'addRoute', name: 'jason' }]);
    expect(added.spec.http?.map((r) => r.name)).toEqual(['canary', 'redirect', 'jason', 'default']);
    const first = applyEdits(demoapp, [{ op: 'addRoute', name: 'first', at: 0 }]);
    expect(first.spec.http?.[0]).toEqual({ name: 'first' });
    expect(() => applyEdits(demoapp, [{ op: 'addRoute', name: 'canary' }])).toThrow(EditError);
    expect(() => applyEdits(demoapp, [{ op: 'addRoute', name: 'x', at: 4 }])).toThrow(/past the end/);
    // An added route with no action is refused by validation, not silently written.
    expect(codes(added)).toContain('route_action_missing spec.http[2]');
  });

  it('moves a route (first match wins) and removes one; the last route removed leaves no list', () => {
    const moved = applyEdits(demoapp, [{ op: 'moveRoute', route: http('default'), to: 0 }]);
    expect(moved.spec.http?.map((r) => r.name)).toEqual(['default', 'canary', 'redirect']);
    expect(codes(moved)).toEqual(['route_unreachable spec.http[1]', 'route_unreachable spec.http[2]']);
    const back = applyEdits(moved, [{ op: 'moveRoute', route: { kind: 'http', index: 0 }, to: 2 }]);
    expect(back).toEqual(demoapp);
    expect(() => applyEdits(demoapp, [{ op: 'moveRoute', route: http('canary'), to: 3 }])).toThrow(/past the end/);
    const removed = applyEdits(demoapp, [{ op: 'removeRoute', route: http('redirect') }]);
    expect(removed.spec.http?.map((r) => r.name)).toEqual(['canary', 'default']);
    const none = applyEdits(
      demoapp,
      ['canary', 'redirect', 'default'].map((n) => ({ op: 'removeRoute', route: http(n) }) as Edit),
    );
    expect(none.spec).not.toHaveProperty('http');
    expect(codes(none)).toEqual(['routes_missing spec']);
  });
});

/** The seed's VirtualServices, built with nothing but edit operations from an object with hosts only. */
describe('seed 003 rebuilt from scratch by edits', () => {
  const empty = (name: string, hosts: string[]): VirtualService => ({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name, namespace: 'demoapp' },
    spec: { hosts },
  });
  const to = (subset: string, weight = 100) => ({ destination: { host: 'demoapp', subset }, weight });

  it('rewrite /canary, redirect /backend, 90/10 default: equal to the scenario YAML', () => {
    const built = applyEdits(empty('demoapp', ['demoapp']), [
      { op: 'addRoute', name: 'default' },
      { op: 'setWeights', route: http('default'), weights: [to('v10', 90), to('v11', 10)] },
      { op: 'addRoute', name: 'canary' },
      { op: 'setMatch', route: http('canary'), match: [{ uri: { prefix: '/canary' } }] },
      { op: 'setRewrite', route: http('canary'), rewrite: { uri: '/' } },
      { op: 'setWeights', route: http('canary'), weights: [to('v11')] },
      { op: 'addRoute', name: 'redirect' },
      { op: 'setMatch', route: http('redirect'), match: [{ uri: { prefix: '/backend' } }] },
      { op: 'setRedirect', route: http('redirect'), redirect: { uri: '/', authority: 'backend', port: 8082 } },
    ]);
    const stored = structuredClone(demoapp);
    // The scenario's single destination has no weight: Istio reads a lone destination as 100.
    stored.spec.http![0]!.route![0]!.weight = 100;
    expect(built).toEqual(stored);
    expect(validateVirtualService(built, snapshot)).toEqual([]);
  });

  it('the x-canary match with request and response header operations (seed section 1.3)', () => {
    const seed = parse(`
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: demoapp, namespace: demoapp }
spec:
  hosts: [demoapp]
  http:
  - name: canary
    match:
    - headers:
        x-canary:
          exact: "true"
    route:
    - destination: { host: demoapp, subset: v11 }
      weight: 100
      headers:
        request:
          set:
            User-Agent: Chrome
        response:
          add:
            x-canary: "true"
  - name: default
    headers:
      response:
        add:
          X-Envoy: test
    route:
    - destination: { host: demoapp, subset: v10 }
      weight: 100
`) as VirtualService;
    const built = applyEdits(empty('demoapp', ['demoapp']), [
      { op: 'addRoute', name: 'canary' },
      { op: 'setMatch', route: http('canary'), match: [{ headers: { 'x-canary': { exact: 'true' } } }] },
      { op: 'setWeights', route: http('canary'), weights: [to('v11')] },
      {
        op: 'setHeaders',
        route: http('canary'),
        destinationIndex: 0,
        headers: { request: { set: { 'User-Agent': 'Chrome' } }, response: { add: { 'x-canary': 'true' } } },
      },
      { op: 'addRoute', name: 'default' },
      { op: 'setHeaders', route: http('default'), headers: { response: { add: { 'X-Envoy': 'test' } } } },
      { op: 'setWeights', route: http('default'), weights: [to('v10')] },
    ]);
    expect(built).toEqual(seed);
    expect(validateVirtualService(built, snapshot)).toEqual([]);
  });
});
