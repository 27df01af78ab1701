import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RoutingRequest } from './types';
import { resolveRoute } from './resolve';
import { gatewayRequest, meshRequest, scenarioSnapshot, vs, withVirtualService } from './test-kit';
import { workloadsForDestination } from './workloads';

/* Routing on the seed scenarios: traffic entering through the ingress gateway, and TCP. */

const read = (name: string) => readFileSync(new URL(`../../fixtures/scenarios/${name}.yaml`, import.meta.url), 'utf8');
const frontTomcat = scenarioSnapshot(read('front-tomcat'), read('istio-system'));
const demoapp = scenarioSnapshot(read('demoapp'), read('istio-system'));
const bookinfo = scenarioSnapshot(read('bookinfo'), read('istio-system'));
const tcpEcho = scenarioSnapshot(read('istio-io-tcp-traffic-shift'), read('istio-system'));
const ingress = { labels: { istio: 'ingressgateway' } };

describe('front-tomcat: gateway VS for gateway traffic, mesh VS for mesh traffic', () => {
  it('gateway traffic for tomcat.istio.com uses gateway-front-tomcat, 90/10', () => {
    const d = resolveRoute(
      frontTomcat,
      gatewayRequest('front-tomcat/front-tomcat-gateway', 'tomcat.istio.com', { port: 80 }),
    );
    expect(d.virtualService).toEqual({ namespace: 'front-tomcat', name: 'gateway-front-tomcat' });
    expect(d.destinations.map((t) => [t.destination.host, t.destination.subset, t.weight])).toEqual([
      ['front-tomcat.front-tomcat.svc.cluster.local', 'v1', 90],
      ['front-tomcat.front-tomcat.svc.cluster.local', 'v2', 10],
    ]);
  });
  it('mesh traffic to front-tomcat uses the mesh VirtualService front-tomcat', () => {
    const d = resolveRoute(frontTomcat, meshRequest('front-tomcat', 'front-tomcat', { port: 8080 }));
    expect(d.virtualService?.name).toBe('front-tomcat');
  });
  it('gateway-front-tomcat never applies to mesh traffic, even for its own host', () => {
    const d = resolveRoute(frontTomcat, meshRequest('front-tomcat', 'tomcat.istio.com'));
    expect(d.virtualService).toBeUndefined();
  });
  it('the gateway has no route for hosts it does not serve, nor for other gateways', () => {
    expect(resolveRoute(frontTomcat, gatewayRequest('front-tomcat/front-tomcat-gateway', 'front-tomcat')).noRoute).toBe(
      true,
    );
    expect(resolveRoute(frontTomcat, gatewayRequest('istio-system/other-gateway', 'tomcat.istio.com')).noRoute).toBe(
      true,
    );
  });
});

describe('demoapp: proxy-gateway (fe.toptops.top) with timeout and retries', () => {
  it('surfaces timeout 1s and retries 5 x 1s on the proxy route', () => {
    const d = resolveRoute(
      demoapp,
      gatewayRequest('istio-system/proxy-gateway', 'fe.toptops.top', { port: 80, path: '/canary' }),
    );
    expect(d.virtualService).toEqual({ namespace: 'demoapp', name: 'proxy' });
    expect(d.destinations).toEqual([{ destination: { host: 'proxy.demoapp.svc.cluster.local' }, weight: 100 }]);
    expect(d.timeoutMs).toBe(1000);
    expect(d.retries).toMatchObject({
      attempts: 5,
      perTryTimeoutMs: 1000,
      retryOn: '5xx,connect-failure,refused-stream',
    });
    const proxies = workloadsForDestination(demoapp, d.destinations[0]?.destination ?? { host: '' });
    expect(proxies.map((w) => w.name)).toEqual(['proxy']);
  });
});

describe('bookinfo: bookinfo-gateway', () => {
  const entry = (path: string) =>
    resolveRoute(bookinfo, gatewayRequest('bookinfo/bookinfo-gateway', 'bookinfo.example.com', { port: 80, path }));
  it('productpage paths reach productpage:9080', () => {
    for (const path of ['/productpage', '/static/img.png', '/login', '/api/v1/products/0']) {
      expect(entry(path).destinations[0]?.destination).toEqual({
        host: 'productpage.bookinfo.svc.cluster.local',
        port: { number: 9080 },
      });
    }
  });
  it('other paths get 404 at the gateway', () => {
    expect(entry('/productpage/x').noRoute).toBe(true);
    expect(entry('/').noRoute).toBe(true);
  });
});

describe('tcp-echo: TCP traffic shift through tcp-echo-gateway', () => {
  const gatewayTcp: RoutingRequest = {
    protocol: 'tcp',
    host: 'istio-ingressgateway.istio-system.svc.cluster.local',
    namespace: 'istio-system',
    port: 31400,
    source: {
      kind: 'gateway',
      gateway: 'istio-io-tcp-traffic-shift/tcp-echo-gateway',
      namespace: 'istio-system',
      ...ingress,
    },
  };
  const shifted = (w1: number, w2: number) =>
    vs('istio-io-tcp-traffic-shift', 'tcp-echo', {
      hosts: ['*'],
      gateways: ['tcp-echo-gateway'],
      tcp: [
        {
          match: [{ port: 31400 }],
          route: [
            { destination: { host: 'tcp-echo', port: { number: 9000 }, subset: 'v1' }, weight: w1 },
            { destination: { host: 'tcp-echo', port: { number: 9000 }, subset: 'v2' }, weight: w2 },
          ],
        },
      ],
    });
  it('starts with 100% v1', () => {
    const d = resolveRoute(tcpEcho, gatewayTcp);
    expect(d.routeKind).toBe('tcp');
    expect(d.destinations.map((t) => [t.destination.subset, t.weight])).toEqual([['v1', 100]]);
  });
  it('shifts 80/20 v1/v2', () => {
    const d = resolveRoute(withVirtualService(tcpEcho, shifted(80, 20)), gatewayTcp);
    expect(d.destinations.map((t) => [t.destination.subset, t.weight])).toEqual([
      ['v1', 80],
      ['v2', 20],
    ]);
    const v2 = workloadsForDestination(tcpEcho, d.destinations[1]?.destination ?? { host: '' });
    expect(v2.map((w) => w.labels.version)).toEqual(['v2']);
  });
  it('other ports on the gateway have no route; mesh tcp goes straight to the Service', () => {
    expect(resolveRoute(tcpEcho, { ...gatewayTcp, port: 31401 }).noRoute).toBe(true);
    const mesh = resolveRoute(
      tcpEcho,
      meshRequest('istio-io-tcp-traffic-shift', 'tcp-echo', { protocol: 'tcp', port: 9000 }),
    );
    expect(mesh.virtualService).toBeUndefined();
    expect(mesh.destinations[0]?.weight).toBe(100);
  });
});
