import { describe, expect, it } from 'vitest';
import { resolveRoute } from './resolve';
import { config, gatewayRequest, gw, httpVs, meshRequest, vs } from './test-kit';

const fqdn = (name: string, ns: string) => `${name}.${ns}.svc.cluster.local`;

describe('no VirtualService', () => {
  it('mesh traffic goes to the Service itself with weight 100', () => {
    const d = resolveRoute(config({}), meshRequest('bookinfo', 'reviews', { port: 9080 }));
    expect(d.virtualService).toBeUndefined();
    expect(d.resolvedHost).toBe(fqdn('reviews', 'bookinfo'));
    expect(d.destinations).toEqual([
      { destination: { host: fqdn('reviews', 'bookinfo'), port: { number: 9080 } }, weight: 100 },
    ]);
    expect(d.noRoute).toBeUndefined();
  });
  it('gateway traffic gets no route (Envoy 404)', () => {
    const d = resolveRoute(config({}), gatewayRequest('istio-system/gw', 'fe.toptops.top'));
    expect(d.noRoute).toBe(true);
    expect(d.destinations).toEqual([]);
  });
  it('a VS for another host does not apply', () => {
    const c = config({
      virtualServices: [httpVs('ns', 'other', [{ route: [{ destination: { host: 'other', subset: 'v2' } }] }])],
    });
    expect(resolveRoute(c, meshRequest('ns', 'svc')).virtualService).toBeUndefined();
  });
});

describe('VirtualService with routes', () => {
  const c = config({
    virtualServices: [
      httpVs('ns', 'svc', [
        {
          name: 'only-api',
          match: [{ uri: { prefix: '/api' } }],
          route: [{ destination: { host: 'svc', subset: 'v2' } }],
        },
      ]),
    ],
  });
  it("resolves the VS host in its own namespace, not the client's", () => {
    const d = resolveRoute(c, meshRequest('client-ns', 'svc.ns.svc.cluster.local', { path: '/api/x' }));
    expect(d.virtualService).toEqual({ namespace: 'ns', name: 'svc' });
    expect(d.destinations[0]?.destination).toEqual({ host: fqdn('svc', 'ns'), subset: 'v2' });
    expect(resolveRoute(c, meshRequest('client-ns', 'svc', { path: '/api' })).virtualService).toBeUndefined();
  });
  it('reports route index, name and match index', () => {
    const d = resolveRoute(c, meshRequest('ns', 'svc', { path: '/api' }));
    expect([d.routeKind, d.routeIndex, d.routeName, d.matchIndex]).toEqual(['http', 0, 'only-api', 0]);
  });
  it('no http route matching answers 404 (no fallback to the Service)', () => {
    expect(resolveRoute(c, meshRequest('ns', 'svc', { path: '/web' })).noRoute).toBe(true);
  });
  it('an http-only VS does not claim tcp traffic', () => {
    const d = resolveRoute(c, meshRequest('ns', 'svc', { protocol: 'tcp', port: 9000 }));
    expect(d.virtualService).toBeUndefined();
    expect(d.destinations).toHaveLength(1);
  });
});

describe('choosing between VirtualServices', () => {
  const route = (subset: string) => [{ route: [{ destination: { host: 'svc.ns.svc.cluster.local', subset } }] }];
  it('most specific host wins, then oldest, then name', () => {
    const c = config({
      virtualServices: [
        vs('ns', 'star', { hosts: ['*'], http: route('star') }, '2020-01-01T00:00:00Z'),
        vs('ns', 'wild', { hosts: ['*.ns.svc.cluster.local'], http: route('wild') }, '2020-01-01T00:00:00Z'),
        vs('ns', 'newer', { hosts: ['svc'], http: route('newer') }, '2024-01-01T00:00:00Z'),
        vs('ns', 'older', { hosts: ['svc'], http: route('older') }, '2021-01-01T00:00:00Z'),
      ],
    });
    expect(resolveRoute(c, meshRequest('ns', 'svc')).virtualService?.name).toBe('older');
    expect(resolveRoute(c, meshRequest('ns', 'x')).virtualService?.name).toBe('wild');
    expect(resolveRoute(c, meshRequest('ns', 'example.com')).virtualService?.name).toBe('star');
    const sameAge = config({
      virtualServices: [
        vs('ns', 'b', { hosts: ['svc'], http: route('b') }),
        vs('ns', 'a', { hosts: ['svc'], http: route('a') }),
      ],
    });
    expect(resolveRoute(sameAge, meshRequest('ns', 'svc')).virtualService?.name).toBe('a');
  });
  it('exportTo "." hides a VS from other namespaces', () => {
    const c = config({
      virtualServices: [vs('ns', 'private', { hosts: ['svc'], exportTo: ['.'], http: route('v2') })],
    });
    expect(resolveRoute(c, meshRequest('ns', 'svc')).virtualService?.name).toBe('private');
    expect(resolveRoute(c, meshRequest('other', 'svc.ns.svc.cluster.local')).virtualService).toBeUndefined();
  });
  it('wildcard VS hosts match external names', () => {
    const c = config({ virtualServices: [vs('ns', 'ext', { hosts: ['*.example.com'], http: route('ext') })] });
    expect(resolveRoute(c, meshRequest('ns', 'api.example.com')).virtualService?.name).toBe('ext');
    expect(resolveRoute(c, meshRequest('ns', 'example.com')).virtualService).toBeUndefined();
  });
});

describe('gateway binding', () => {
  const c = config({
    gateways: [gw('istio-system', 'gw', ['fe.toptops.top'])],
    virtualServices: [
      vs('app', 'edge', {
        hosts: ['fe.toptops.top'],
        gateways: ['istio-system/gw'],
        http: [{ route: [{ destination: { host: 'proxy' } }] }],
      }),
    ],
  });
  it('a gateway-bound VS applies to that gateway only', () => {
    const d = resolveRoute(c, gatewayRequest('istio-system/gw', 'fe.toptops.top'));
    expect(d.virtualService?.name).toBe('edge');
    expect(d.destinations[0]?.destination.host).toBe(fqdn('proxy', 'app'));
    expect(resolveRoute(c, gatewayRequest('istio-system/other', 'fe.toptops.top')).noRoute).toBe(true);
    expect(resolveRoute(c, meshRequest('app', 'fe.toptops.top')).virtualService).toBeUndefined();
  });
  it('a host the Gateway does not serve gets no route', () => {
    const c2 = config({
      ...c,
      virtualServices: [
        vs('app', 'edge', {
          hosts: ['*'],
          gateways: ['istio-system/gw'],
          http: [{ route: [{ destination: { host: 'proxy' } }] }],
        }),
      ],
    });
    expect(resolveRoute(c2, gatewayRequest('istio-system/gw', 'evil.example.com')).noRoute).toBe(true);
  });
  it('a VS listing mesh and a gateway applies to both', () => {
    const both = config({
      virtualServices: [
        vs('app', 'both', {
          hosts: ['proxy'],
          gateways: ['mesh', 'gw'],
          http: [{ route: [{ destination: { host: 'proxy' } }] }],
        }),
      ],
    });
    expect(resolveRoute(both, meshRequest('app', 'proxy')).virtualService?.name).toBe('both');
    expect(resolveRoute(both, gatewayRequest('app/gw', 'proxy.app.svc.cluster.local')).virtualService?.name).toBe(
      'both',
    );
  });
});

describe('decision contents', () => {
  it('normalises weights: lone destination 100, missing weights 0, sums scaled to 100', () => {
    const c = config({
      virtualServices: [
        httpVs('ns', 'a', [{ route: [{ destination: { host: 'a' }, weight: 30 }] }]),
        httpVs('ns', 'b', [
          {
            route: [
              { destination: { host: 'b', subset: 'v1' }, weight: 1 },
              { destination: { host: 'b', subset: 'v2' }, weight: 3 },
            ],
          },
        ]),
        httpVs('ns', 'c', [
          {
            route: [
              { destination: { host: 'c', subset: 'v1' }, weight: 100 },
              { destination: { host: 'c', subset: 'v2' } },
            ],
          },
        ]),
      ],
    });
    expect(resolveRoute(c, meshRequest('ns', 'a')).destinations.map((t) => t.weight)).toEqual([100]);
    expect(resolveRoute(c, meshRequest('ns', 'b')).destinations.map((t) => t.weight)).toEqual([25, 75]);
    expect(resolveRoute(c, meshRequest('ns', 'c')).destinations.map((t) => t.weight)).toEqual([100, 0]);
  });
  it('merges mirror (+ mirrorPercentage / mirrorPercent) and mirrors', () => {
    const c = config({
      virtualServices: [
        httpVs('ns', 'a', [{ route: [{ destination: { host: 'a' } }], mirror: { host: 'a', subset: 'v2' } }]),
        httpVs('ns', 'b', [
          { route: [{ destination: { host: 'b' } }], mirror: { host: 'b' }, mirrorPercentage: { value: 12.5 } },
        ]),
        httpVs('ns', 'c', [{ route: [{ destination: { host: 'c' } }], mirror: { host: 'c' }, mirrorPercent: 30 }]),
        httpVs('ns', 'd', [
          {
            route: [{ destination: { host: 'd' } }],
            mirrors: [{ destination: { host: 'x' } }, { destination: { host: 'y' }, percentage: { value: 5 } }],
          },
        ]),
      ],
    });
    expect(resolveRoute(c, meshRequest('ns', 'a')).mirrors).toEqual([
      { destination: { host: fqdn('a', 'ns'), subset: 'v2' }, percent: 100 },
    ]);
    expect(resolveRoute(c, meshRequest('ns', 'b')).mirrors[0]?.percent).toBe(12.5);
    expect(resolveRoute(c, meshRequest('ns', 'c')).mirrors[0]?.percent).toBe(30);
    expect(resolveRoute(c, meshRequest('ns', 'd')).mirrors.map((m) => [m.destination.host, m.percent])).toEqual([
      [fqdn('x', 'ns'), 100],
      [fqdn('y', 'ns'), 5],
    ]);
  });
  it('parses timeout and perTryTimeout; 0s means no timeout', () => {
    const c = config({
      virtualServices: [
        httpVs('ns', 'a', [
          {
            route: [{ destination: { host: 'a' } }],
            timeout: '1.5s',
            retries: { attempts: 3, perTryTimeout: '250ms', retryOn: '5xx' },
          },
        ]),
        httpVs('ns', 'b', [{ route: [{ destination: { host: 'b' } }], timeout: '0s' }]),
      ],
    });
    const a = resolveRoute(c, meshRequest('ns', 'a'));
    expect(a.timeoutMs).toBe(1500);
    expect(a.retries).toEqual({ attempts: 3, perTryTimeout: '250ms', retryOn: '5xx', perTryTimeoutMs: 250 });
    expect(resolveRoute(c, meshRequest('ns', 'b')).timeoutMs).toBeUndefined();
  });
  it('directResponse has no destinations', () => {
    const c = config({ virtualServices: [httpVs('ns', 'a', [{ directResponse: { status: 503 } }])] });
    const d = resolveRoute(c, meshRequest('ns', 'a'));
    expect(d.directResponse).toEqual({ status: 503 });
    expect(d.destinations).toEqual([]);
  });
  it('rewrites: prefix replaced, exact replaced whole, regex rewrite', () => {
    const c = config({
      virtualServices: [
        httpVs('ns', 'a', [
          { match: [{ uri: { prefix: '/v1/' } }], rewrite: { uri: '/' }, route: [{ destination: { host: 'a' } }] },
          { match: [{ uri: { exact: '/old' } }], rewrite: { uri: '/new' }, route: [{ destination: { host: 'a' } }] },
          {
            match: [{ uri: { regex: '/u/.*' } }],
            rewrite: { uriRegexRewrite: { match: '^/u/(.*)$', rewrite: '/users/\\1' } },
            route: [{ destination: { host: 'a' } }],
          },
        ]),
      ],
    });
    expect(resolveRoute(c, meshRequest('ns', 'a', { path: '/v1/items?x=1' })).rewrittenPath).toBe('/items');
    expect(resolveRoute(c, meshRequest('ns', 'a', { path: '/v1/' })).rewrittenPath).toBe('/');
    expect(resolveRoute(c, meshRequest('ns', 'a', { path: '/old' })).rewrittenPath).toBe('/new');
    expect(resolveRoute(c, meshRequest('ns', 'a', { path: '/u/42' })).rewrittenPath).toBe('/users/42');
  });
});

describe('tcp and tls', () => {
  it('tcp routes match on port', () => {
    const c = config({
      virtualServices: [
        vs('ns', 'echo', {
          hosts: ['echo'],
          tcp: [
            { match: [{ port: 9001 }], route: [{ destination: { host: 'echo', subset: 'v2' } }] },
            { route: [{ destination: { host: 'echo', subset: 'v1' } }] },
          ],
        }),
      ],
    });
    expect(
      resolveRoute(c, meshRequest('ns', 'echo', { protocol: 'tcp', port: 9001 })).destinations[0]?.destination.subset,
    ).toBe('v2');
    expect(
      resolveRoute(c, meshRequest('ns', 'echo', { protocol: 'tcp', port: 9000 })).destinations[0]?.destination.subset,
    ).toBe('v1');
  });
  it('tls routes match on SNI, wildcards included', () => {
    const c = config({
      virtualServices: [
        vs('ns', 'ext', {
          hosts: ['*.example.com'],
          tls: [
            {
              match: [{ port: 443, sniHosts: ['api.example.com'] }],
              route: [{ destination: { host: 'api.example.com' } }],
            },
            {
              match: [{ port: 443, sniHosts: ['*.example.com'] }],
              route: [{ destination: { host: 'other.example.com' } }],
            },
          ],
        }),
      ],
    });
    const tls = (sniHost: string) =>
      resolveRoute(c, meshRequest('ns', sniHost, { protocol: 'tls', port: 443, sniHost }));
    expect(tls('api.example.com').destinations[0]?.destination.host).toBe('api.example.com');
    expect(tls('www.example.com').destinations[0]?.destination.host).toBe('other.example.com');
  });
});
