import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeGRPCRoute, KubeHTTPRoute } from '../resources/gateway-api';
import type { MeshSnapshot } from '../resources/snapshot';
import { snapshotFromManifests, parseManifests } from '../fixtures/manifests';
import { expectedShares } from './weights';
import { resolveRoute } from './resolve';
import type { RoutingRequest } from './types';

/*
 * Gateway API routing (decision 0071): the gateway-api scenario's HTTPRoutes decide ingress and mesh
 * traffic, the spec's match precedence picks the rule, and a GAMMA route wins over a VirtualService.
 */

const read = (name: string) => readFileSync(new URL(`../../fixtures/scenarios/${name}.yaml`, import.meta.url), 'utf8');
const mesh = snapshotFromManifests(parseManifests(read('gateway-api')));

const ingress = (path = '/', headers: Record<string, string> = {}): RoutingRequest => ({
  protocol: 'http',
  host: 'echo.example.com',
  namespace: 'gateway-api',
  port: 80,
  path,
  headers,
  source: { kind: 'gateway', gateway: 'gateway-api/echo-gateway', namespace: 'gateway-api' },
});
const fromSleep: RoutingRequest = {
  protocol: 'http',
  host: 'echo',
  namespace: 'gateway-api',
  port: 8080,
  path: '/',
  source: { kind: 'mesh', namespace: 'gateway-api' },
};

const shares = (snapshot: MeshSnapshot, request: RoutingRequest) =>
  Object.fromEntries(expectedShares(resolveRoute(snapshot, request)).map((s) => [s.destination.host, s.share]));

function withRoute(snapshot: MeshSnapshot, route: Partial<KubeHTTPRoute['spec']> & { name: string; created?: string }) {
  const { name, created, ...spec } = route;
  const object: KubeHTTPRoute = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace: 'gateway-api', ...(created ? { creationTimestamp: created } : {}) },
    spec: { parentRefs: [{ name: 'echo-gateway' }], hostnames: ['echo.example.com'], ...spec },
  };
  return { ...snapshot, httpRoutes: [...(snapshot.httpRoutes ?? []), object] };
}
const backend = (name: string) => [{ name, port: 8080 }];

describe('Gateway API routes in resolveRoute', () => {
  it('ingress through echo-gateway follows HTTPRoute echo: 90/10 to the Services echo-v1 and echo-v2', () => {
    const decision = resolveRoute(mesh, ingress());
    expect(decision.gatewayRoute).toEqual({ kind: 'HTTPRoute', namespace: 'gateway-api', name: 'echo', ruleIndex: 0 });
    expect(shares(mesh, ingress())).toEqual({
      'echo-v1.gateway-api.svc.cluster.local': 0.9,
      'echo-v2.gateway-api.svc.cluster.local': 0.1,
    });
  });

  it('a host no route attached to the Gateway names gets a 404 (no route)', () => {
    expect(resolveRoute(mesh, { ...ingress(), host: 'other.example.com' }).noRoute).toBe(true);
  });

  it("a host outside the Gateway's listener hostname (*.example.com) gets a 404 even if a route names it", () => {
    const s = withRoute(mesh, {
      name: 'elsewhere',
      hostnames: ['echo.other.org'],
      rules: [{ backendRefs: backend('echo-v1') }],
    });
    expect(resolveRoute(s, { ...ingress(), host: 'echo.other.org' }).noRoute).toBe(true);
  });

  it('mesh traffic to echo follows the GAMMA route echo-mesh (100/0), even with a VirtualService for echo', () => {
    const vs = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService' as const,
      metadata: { name: 'echo', namespace: 'gateway-api' },
      spec: { hosts: ['echo'], http: [{ route: [{ destination: { host: 'echo-v2' } }] }] },
    };
    const snapshot = { ...mesh, virtualServices: [vs] };
    const decision = resolveRoute(snapshot, fromSleep);
    expect(decision.gatewayRoute?.name).toBe('echo-mesh');
    expect(decision.virtualService).toBeUndefined();
    expect(shares(snapshot, fromSleep)).toEqual({
      'echo-v1.gateway-api.svc.cluster.local': 1,
      'echo-v2.gateway-api.svc.cluster.local': 0,
    });
    // Without the GAMMA route, the VirtualService decides again.
    const withoutGamma = {
      ...snapshot,
      httpRoutes: (snapshot.httpRoutes ?? []).filter((r) => r.metadata.name !== 'echo-mesh'),
    };
    expect(resolveRoute(withoutGamma, fromSleep).virtualService?.name).toBe('echo');
  });

  it('a consumer route in the client namespace wins over the producer route, for that namespace only', () => {
    const consumer: KubeHTTPRoute = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'echo-from-tools', namespace: 'tools' },
      spec: {
        parentRefs: [{ group: '', kind: 'Service', name: 'echo', namespace: 'gateway-api' }],
        rules: [{ backendRefs: [{ name: 'echo-v2', namespace: 'gateway-api', port: 8080 }] }],
      },
    };
    const snapshot = { ...mesh, httpRoutes: [...(mesh.httpRoutes ?? []), consumer] };
    const fromTools = { ...fromSleep, host: 'echo.gateway-api', source: { kind: 'mesh' as const, namespace: 'tools' } };
    expect(resolveRoute(snapshot, fromTools).gatewayRoute?.name).toBe('echo-from-tools');
    expect(resolveRoute(snapshot, fromSleep).gatewayRoute?.name).toBe('echo-mesh');
  });

  it('precedence: Exact path, then the longest prefix, then method, headers, query params; ties to the oldest route', () => {
    let s = withRoute(mesh, {
      name: 'b-prefix',
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: backend('prefix') },
        { matches: [{ path: { type: 'PathPrefix', value: '/api/v2' } }], backendRefs: backend('longer') },
        { matches: [{ path: { type: 'Exact', value: '/api/v2/x' } }], backendRefs: backend('exact') },
        {
          matches: [{ path: { type: 'PathPrefix', value: '/api' }, headers: [{ name: 'x-canary', value: 'yes' }] }],
          backendRefs: backend('header'),
        },
        { matches: [{ path: { type: 'PathPrefix', value: '/api' }, method: 'POST' }], backendRefs: backend('method') },
      ],
    });
    const to = (path: string, extra: Partial<RoutingRequest> = {}) =>
      resolveRoute(s, { ...ingress(path), ...extra }).destinations[0]?.destination.host.split('.')[0];
    expect(to('/api/v2/x')).toBe('exact');
    expect(to('/api/v2/y')).toBe('longer');
    expect(to('/api/v1')).toBe('prefix');
    expect(to('/apix')).toBe('echo-v1'); // "/api" is a path-element prefix: it does not match "/apix"
    expect(to('/api/v1', { headers: { 'x-canary': 'yes' } })).toBe('header');
    // Method outranks header count.
    expect(to('/api/v1', { headers: { 'x-canary': 'yes' }, method: 'POST' })).toBe('method');
    // Same rank in two routes: the older route wins, whatever the order in the list.
    s = withRoute(s, {
      name: 'a-newer',
      created: '2026-01-02T00:00:00Z',
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/tie' } }], backendRefs: backend('newer') }],
    });
    s = withRoute(s, {
      name: 'z-older',
      created: '2026-01-01T00:00:00Z',
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/tie' } }], backendRefs: backend('older') }],
    });
    expect(to('/tie')).toBe('older');
  });

  it('a rule whose backendRefs all weigh 0 answers 500; a redirect answers with its code', () => {
    const s = withRoute(mesh, {
      name: 'special',
      rules: [
        {
          matches: [{ path: { type: 'Exact', value: '/zero' } }],
          backendRefs: [{ name: 'echo-v1', port: 8080, weight: 0 }],
        },
        {
          matches: [{ path: { type: 'Exact', value: '/old' } }],
          filters: [
            {
              type: 'RequestRedirect',
              requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/new' }, statusCode: 301 },
            },
          ],
        },
        {
          matches: [{ path: { type: 'PathPrefix', value: '/v1' } }],
          filters: [
            { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } },
          ],
          backendRefs: backend('echo-v1'),
        },
      ],
    });
    expect(resolveRoute(s, ingress('/zero')).directResponse).toEqual({ status: 500 });
    expect(resolveRoute(s, ingress('/old')).redirect).toEqual({ uri: '/new', redirectCode: 301 });
    expect(resolveRoute(s, ingress('/v1/items')).rewrittenPath).toBe('/items');
  });

  it("property: any path, method and weights give destinations summing to 100, in the route's backend order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 4 }),
        fc.stringMatching(/^\/[a-z/]{0,12}$/),
        fc.constantFrom('GET', 'POST', 'DELETE'),
        (weights, path, method) => {
          const s = withRoute(
            { ...mesh, httpRoutes: [] },
            {
              name: 'w',
              rules: [{ backendRefs: weights.map((weight, i) => ({ name: `b${i}`, port: 8080, weight })) }],
            },
          );
          const d = resolveRoute(s, { ...ingress(path), method });
          if (weights.every((w) => w === 0)) {
            expect(d.directResponse?.status).toBe(500);
            return;
          }
          const total = d.destinations.reduce((a, t) => a + t.weight, 0);
          expect(total).toBeCloseTo(100, 9);
          expect(d.destinations.map((t) => t.destination.host.split('.')[0])).toEqual(weights.map((_, i) => `b${i}`));
          const sum = weights.reduce((a, b) => a + b, 0);
          d.destinations.forEach((t, i) => expect(t.weight).toBeCloseTo(((weights[i] ?? 0) * 100) / sum, 9));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('GRPCRoute and TCPRoute in resolveRoute', () => {
  const grpc = (rules: NonNullable<KubeGRPCRoute['spec']['rules']>) => ({
    ...mesh,
    grpcRoutes: [
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'GRPCRoute' as const,
        metadata: { name: 'g', namespace: 'gateway-api' },
        spec: { parentRefs: [{ group: '', kind: 'Service', name: 'echo', port: 8080 }], rules },
      },
    ],
  });
  const call = (path: string): RoutingRequest => ({ ...fromSleep, protocol: 'grpc', path });

  it('a GRPCRoute decides gRPC mesh traffic: the match with the most service and method characters wins', () => {
    const s = grpc([
      { backendRefs: backend('fallback') },
      { matches: [{ method: { service: 'echo.Echo' } }], backendRefs: backend('service') },
      { matches: [{ method: { service: 'echo.Echo', method: 'Say' } }], backendRefs: backend('method') },
    ]);
    const to = (path: string) => resolveRoute(s, call(path)).destinations[0]?.destination.host.split('.')[0];
    expect(to('/echo.Echo/Say')).toBe('method');
    expect(to('/echo.Echo/Other')).toBe('service');
    expect(to('/other.Svc/X')).toBe('fallback');
    expect(resolveRoute(s, call('/echo.Echo/Say')).gatewayRoute?.kind).toBe('GRPCRoute');
  });

  it('gRPC to a Service with no GRPCRoute follows its HTTPRoute, whatever GRPCRoutes other Services have', () => {
    const s = grpc([{ backendRefs: backend('method') }]);
    const other = {
      ...s,
      grpcRoutes: (s.grpcRoutes ?? []).map((r) => ({
        ...r,
        spec: { ...r.spec, parentRefs: [{ group: '', kind: 'Service', name: 'echo-v2' }] },
      })),
    };
    expect(resolveRoute(other, call('/echo.Echo/Say')).gatewayRoute).toMatchObject({
      kind: 'HTTPRoute',
      name: 'echo-mesh',
    });
  });

  it('a TCPRoute attached to a Gateway splits its connections by weight; HTTP requests are not its business', () => {
    const s: MeshSnapshot = {
      ...mesh,
      tcpRoutes: [
        {
          apiVersion: 'gateway.networking.k8s.io/v1alpha2',
          kind: 'TCPRoute',
          metadata: { name: 't', namespace: 'gateway-api' },
          spec: {
            parentRefs: [{ name: 'echo-gateway' }],
            rules: [
              {
                backendRefs: [
                  { name: 'echo-v1', port: 9000, weight: 80 },
                  { name: 'echo-v2', port: 9000, weight: 20 },
                ],
              },
            ],
          },
        },
      ],
    };
    const tcp = { ...ingress(), protocol: 'tcp' as const, port: 31400 };
    expect(shares(s, tcp)).toEqual({
      'echo-v1.gateway-api.svc.cluster.local': 0.8,
      'echo-v2.gateway-api.svc.cluster.local': 0.2,
    });
    expect(resolveRoute(s, tcp).routeKind).toBe('tcp');
    // HTTP through the same Gateway still follows HTTPRoute echo.
    expect(resolveRoute(s, ingress()).gatewayRoute?.name).toBe('echo');
  });
});
