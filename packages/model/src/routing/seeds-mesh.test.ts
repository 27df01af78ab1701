import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveRoute } from './resolve';
import { httpVs, meshRequest, scenarioSnapshot, withVirtualService } from './test-kit';
import { expectedShares } from './weights';
import { workloadsForDestination } from './workloads';

/* Routing on the seed scenarios (packages/model/fixtures/scenarios), mesh-internal traffic. */

const read = (name: string) => readFileSync(new URL(`../../fixtures/scenarios/${name}.yaml`, import.meta.url), 'utf8');
const bookinfo = scenarioSnapshot(read('bookinfo'));
const demoapp = scenarioSnapshot(read('demoapp'));
const dataProduct = scenarioSnapshot(read('data-product'));

describe('bookinfo: virtual-service-reviews-test-v2 (end-user: jason -> v2)', () => {
  const snapshot = withVirtualService(
    bookinfo,
    httpVs('bookinfo', 'reviews', [
      {
        match: [{ headers: { 'end-user': { exact: 'jason' } } }],
        route: [{ destination: { host: 'reviews', subset: 'v2' } }],
      },
      { route: [{ destination: { host: 'reviews', subset: 'v1' } }] },
    ]),
  );
  const reviewsFrom = (headers: Record<string, string>) => {
    const d = resolveRoute(snapshot, meshRequest('bookinfo', 'reviews', { port: 9080, path: '/reviews/0', headers }));
    expect(d.destinations).toHaveLength(1);
    const target = d.destinations[0];
    return target ? workloadsForDestination(snapshot, target.destination).map((w) => w.labels.version) : [];
  };
  it('jason reaches reviews v2', () => {
    expect(reviewsFrom({ 'end-user': 'jason' })).toEqual(['v2']);
  });
  it('everyone else reaches v1', () => {
    expect(reviewsFrom({})).toEqual(['v1']);
    expect(reviewsFrom({ 'end-user': 'Jason' })).toEqual(['v1']);
    expect(reviewsFrom({ 'end-user': 'jasonx' })).toEqual(['v1']);
  });
  it('the start state (all-v1) and the 50/50 v1/v3 shift', () => {
    expect(
      resolveRoute(bookinfo, meshRequest('bookinfo', 'reviews')).destinations.map((t) => t.destination.subset),
    ).toEqual(['v1']);
    const half = withVirtualService(
      bookinfo,
      httpVs('bookinfo', 'reviews', [
        {
          route: [
            { destination: { host: 'reviews', subset: 'v1' }, weight: 50 },
            { destination: { host: 'reviews', subset: 'v3' }, weight: 50 },
          ],
        },
      ]),
    );
    const shares = expectedShares(resolveRoute(half, meshRequest('bookinfo', 'reviews')));
    expect(shares.map((s) => [s.destination.subset, s.share])).toEqual([
      ['v1', 0.5],
      ['v3', 0.5],
    ]);
  });
});

describe('demoapp: rewrite, redirect, split', () => {
  const req = (path: string, headers: Record<string, string> = {}) =>
    meshRequest('demoapp', 'demoapp', { port: 8080, path, headers });
  it('/canary is rewritten to / and sent to v11', () => {
    const d = resolveRoute(demoapp, req('/canary'));
    expect(d.routeName).toBe('canary');
    expect(d.rewrite).toEqual({ uri: '/' });
    expect(d.rewrittenPath).toBe('/');
    expect(d.destinations).toEqual([
      { destination: { host: 'demoapp.demoapp.svc.cluster.local', subset: 'v11' }, weight: 100 },
    ]);
    expect(resolveRoute(demoapp, req('/canary/version')).rewrittenPath).toBe('/version');
    expect(workloadsForDestination(demoapp, d.destinations[0]?.destination ?? { host: '' }).map((w) => w.name)).toEqual(
      ['demoappv11'],
    );
  });
  it('/backend is redirected to backend:8082, with no destinations', () => {
    const d = resolveRoute(demoapp, req('/backend/x'));
    expect(d.routeName).toBe('redirect');
    expect(d.redirect).toMatchObject({ authority: 'backend', port: 8082, uri: '/' });
    expect(d.destinations).toEqual([]);
  });
  it('everything else splits 90/10 v10/v11', () => {
    const d = resolveRoute(demoapp, req('/'));
    expect(d.routeName).toBe('default');
    expect(d.destinations.map((t) => [t.destination.subset, t.weight])).toEqual([
      ['v10', 90],
      ['v11', 10],
    ]);
  });
  it('x-canary: true goes to v11 with the header operations kept on the route', () => {
    const snapshot = withVirtualService(
      demoapp,
      httpVs('demoapp', 'demoapp', [
        {
          name: 'canary',
          match: [{ headers: { 'x-canary': { exact: 'true' } } }],
          route: [
            {
              destination: { host: 'demoapp', subset: 'v11' },
              headers: { request: { set: { 'User-Agent': 'Chrome' } }, response: { add: { 'x-canary': 'true' } } },
            },
          ],
        },
        {
          name: 'default',
          headers: { response: { add: { 'X-Envoy': 'test' } } },
          route: [{ destination: { host: 'demoapp', subset: 'v10' } }],
        },
      ]),
    );
    const canary = resolveRoute(snapshot, req('/', { 'x-canary': 'true' }));
    expect(canary.routeName).toBe('canary');
    expect(canary.destinations[0]?.destination.subset).toBe('v11');
    expect(canary.route?.route?.[0]?.headers?.request?.set).toEqual({ 'User-Agent': 'Chrome' });
    expect(resolveRoute(snapshot, req('/', { 'x-canary': 'false' })).destinations[0]?.destination.subset).toBe('v10');
  });
  it('fault injection (abort 20% 555 on canary, delay 20% 3s on default) is surfaced', () => {
    const snapshot = withVirtualService(
      demoapp,
      httpVs('demoapp', 'demoapp', [
        {
          name: 'canary',
          match: [{ uri: { prefix: '/canary' } }],
          rewrite: { uri: '/' },
          route: [{ destination: { host: 'demoapp', subset: 'v11' } }],
          fault: { abort: { percentage: { value: 20 }, httpStatus: 555 } },
        },
        {
          name: 'default',
          route: [{ destination: { host: 'demoapp', subset: 'v10' } }],
          fault: { delay: { percentage: { value: 20 }, fixedDelay: '3s' } },
        },
      ]),
    );
    expect(resolveRoute(snapshot, req('/canary')).fault).toEqual({
      abort: { percentage: { value: 20 }, httpStatus: 555 },
    });
    expect(resolveRoute(snapshot, req('/')).fault?.delay).toEqual({ percentage: { value: 20 }, fixedDelay: '3s' });
  });
  it('mirror of all traffic to v11', () => {
    const snapshot = withVirtualService(
      demoapp,
      httpVs('demoapp', 'demoapp', [
        {
          name: 'traffic-mirror',
          route: [{ destination: { host: 'demoapp', subset: 'v10' } }],
          mirror: { host: 'demoapp', subset: 'v11' },
        },
      ]),
    );
    const d = resolveRoute(snapshot, req('/'));
    expect(d.mirrors).toEqual([
      { destination: { host: 'demoapp.demoapp.svc.cluster.local', subset: 'v11' }, percent: 100 },
    ]);
    expect(d.destinations.map((t) => t.destination.subset)).toEqual(['v10']);
  });
  it('the proxy Service has no mesh VirtualService: default Service routing', () => {
    const d = resolveRoute(demoapp, meshRequest('demoapp', 'proxy', { port: 80 }));
    expect(d.virtualService).toBeUndefined();
    expect(d.destinations).toEqual([
      { destination: { host: 'proxy.demoapp.svc.cluster.local', port: { number: 80 } }, weight: 100 },
    ]);
  });
});

describe('data-product: gRPC canary 90/10', () => {
  it('grpc uses the http routes', () => {
    const d = resolveRoute(
      dataProduct,
      meshRequest('data-product', 'data-product', { protocol: 'grpc', path: '/product.Product/Get', method: 'POST' }),
    );
    expect(d.destinations.map((t) => [t.destination.subset, t.weight])).toEqual([
      ['v3', 90],
      ['v4', 10],
    ]);
    const v4 = workloadsForDestination(dataProduct, d.destinations[1]?.destination ?? { host: '' });
    expect(v4.map((w) => w.labels.version)).toEqual(['v4.0']);
  });
});
