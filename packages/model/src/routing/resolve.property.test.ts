import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RoutingRequest } from './types';
import { resolveRoute } from './resolve';
import { scenarioSnapshot } from './test-kit';

/*
 * Whatever request arrives, resolveRoute answers with a well-formed decision: weights summing to
 * 100 exactly when there are destinations, nothing routed on redirect/directResponse/noRoute,
 * fully qualified hosts, and a route index that points into the VirtualService it names.
 */

const names = ['bookinfo', 'demoapp', 'data-product', 'front-tomcat', 'istio-io-tcp-traffic-shift', 'istio-system'];
const read = (name: string) => readFileSync(new URL(`../../fixtures/scenarios/${name}.yaml`, import.meta.url), 'utf8');
const mesh = scenarioSnapshot(...names.map(read));

const namespace = fc.constantFrom(...mesh.namespaces, 'elsewhere');
const host = fc.oneof(
  fc.constantFrom(
    'reviews',
    'demoapp',
    'proxy',
    'data-product',
    'front-tomcat',
    'tcp-echo',
    'tomcat.istio.com',
    'fe.toptops.top',
    '*',
  ),
  fc.constantFrom('reviews.bookinfo', 'demoapp.demoapp.svc.cluster.local', 'api.example.com', 'Reviews:9080'),
);
const source = fc.oneof(
  fc.record({ kind: fc.constant('mesh' as const), namespace }),
  fc.record({
    kind: fc.constant('gateway' as const),
    gateway: fc.constantFrom(
      'bookinfo/bookinfo-gateway',
      'istio-system/proxy-gateway',
      'front-tomcat/front-tomcat-gateway',
      'istio-io-tcp-traffic-shift/tcp-echo-gateway',
      'x/y',
    ),
  }),
);
const request: fc.Arbitrary<RoutingRequest> = fc.record({
  protocol: fc.constantFrom('http' as const, 'grpc' as const, 'tcp' as const, 'tls' as const),
  host,
  namespace,
  port: fc.option(fc.constantFrom(80, 8080, 9080, 9000, 31400), { nil: undefined }),
  path: fc.option(
    fc.oneof(fc.constantFrom('/', '/canary', '/backend/x', '/productpage?u=1', '/%zz?a=%'), fc.string()),
    { nil: undefined },
  ),
  method: fc.option(fc.constantFrom('GET', 'post'), { nil: undefined }),
  headers: fc.option(fc.dictionary(fc.constantFrom('end-user', 'x-canary', 'Host', ':authority'), fc.string()), {
    nil: undefined,
  }),
  source,
});

describe('resolveRoute on any request', () => {
  it('returns a well-formed decision', () => {
    fc.assert(
      fc.property(request, (r) => {
        const d = resolveRoute(mesh, r);
        const total = d.destinations.reduce((a, t) => a + t.weight, 0);
        if (d.destinations.length > 0) expect(total).toBeCloseTo(100, 9);
        if (d.noRoute || d.redirect || d.directResponse) expect(d.destinations).toEqual([]);
        for (const t of [...d.destinations, ...d.mirrors])
          expect(t.destination.host.includes('.') || t.destination.host === '*').toBe(true);
        if (d.virtualService && d.routeKind && d.routeIndex !== undefined) {
          const vs = mesh.virtualServices.find(
            (v) => v.metadata.name === d.virtualService?.name && v.metadata.namespace === d.virtualService.namespace,
          );
          expect(vs?.spec[d.routeKind]?.[d.routeIndex]).toBeDefined();
        }
      }),
      { seed: 4242, numRuns: 500 },
    );
  });
});
