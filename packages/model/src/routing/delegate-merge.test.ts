import { describe, expect, it } from 'vitest';
import { resolveRoute } from './resolve';
import { config, gatewayRequest, gw, meshRequest, vs } from './test-kit';

describe('delegate VirtualServices', () => {
  const c = config({
    virtualServices: [
      vs('edge', 'root', {
        hosts: ['shop.example.com'],
        http: [
          { match: [{ uri: { prefix: '/reviews' } }], delegate: { name: 'reviews-routes', namespace: 'bookinfo' } },
          { route: [{ destination: { host: 'frontend' } }] },
        ],
      }),
      vs('bookinfo', 'reviews-routes', {
        http: [
          {
            match: [{ headers: { 'end-user': { exact: 'jason' } } }],
            route: [{ destination: { host: 'reviews', subset: 'v2' } }],
          },
          { match: [{ uri: { prefix: '/reviews/v3' } }], route: [{ destination: { host: 'reviews', subset: 'v3' } }] },
        ],
      }),
    ],
  });
  const req = (path: string, headers: Record<string, string> = {}) =>
    resolveRoute(c, meshRequest('edge', 'shop.example.com', { path, headers }));
  it('runs child routes only under the root match, resolving hosts in the child namespace', () => {
    const d = req('/reviews/1', { 'end-user': 'jason' });
    expect(d.virtualService).toEqual({ namespace: 'bookinfo', name: 'reviews-routes' });
    expect(d.delegatedFrom).toEqual({ namespace: 'edge', name: 'root', routeIndex: 0 });
    expect(d.destinations[0]?.destination).toEqual({ host: 'reviews.bookinfo.svc.cluster.local', subset: 'v2' });
    expect(req('/other', { 'end-user': 'jason' }).destinations[0]?.destination.host).toBe(
      'frontend.edge.svc.cluster.local',
    );
  });
  it('falls through to the next root route when no child route matches', () => {
    const d = req('/reviews/1');
    expect(d.virtualService?.name).toBe('root');
    expect(d.routeIndex).toBe(1);
  });
  it('a delegate VirtualService (no hosts) is never selected on its own', () => {
    expect(
      resolveRoute(c, meshRequest('bookinfo', 'reviews', { headers: { 'end-user': 'jason' } })).virtualService,
    ).toBeUndefined();
  });
});

describe('same host on a gateway: routes merged, oldest first; on a sidecar: oldest only', () => {
  const route = (subset: string, prefix?: string) => ({
    ...(prefix ? { match: [{ uri: { prefix } }] } : {}),
    route: [{ destination: { host: 'web', subset } }],
  });
  const c = config({
    gateways: [gw('istio-system', 'gw', ['*.example.com'])],
    virtualServices: [
      vs(
        'web',
        'api',
        { hosts: ['www.example.com', 'web'], gateways: ['istio-system/gw', 'mesh'], http: [route('api', '/api')] },
        '2024-01-01T00:00:00Z',
      ),
      vs(
        'web',
        'site',
        { hosts: ['www.example.com', 'web'], gateways: ['istio-system/gw', 'mesh'], http: [route('site')] },
        '2024-02-01T00:00:00Z',
      ),
    ],
  });
  it('the gateway falls through to the newer VirtualService', () => {
    const at = (path: string) => resolveRoute(c, gatewayRequest('istio-system/gw', 'www.example.com', { path }));
    expect(at('/api/x').virtualService?.name).toBe('api');
    expect(at('/index.html').virtualService?.name).toBe('site');
  });
  it('a sidecar only uses the oldest', () => {
    const d = resolveRoute(c, meshRequest('web', 'web', { path: '/index.html' }));
    expect(d.noRoute).toBe(true);
  });
});
