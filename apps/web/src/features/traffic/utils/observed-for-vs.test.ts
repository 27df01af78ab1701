import { describe, expect, it } from 'vitest';
import type { ServiceTraffic, VirtualServiceView } from '@sluice/model';
import { observedForVs } from './observed-for-vs';

const v = (version: string, rps: number) => ({ version, subset: version, rps, share: 0, errorRate: 0 });
const observed: ServiceTraffic['observed'] = {
  window: '30s',
  rps: 20,
  versions: [
    { ...v('v1', 14), share: 0.7 },
    { ...v('v2', 6), share: 0.3 },
  ],
  bySource: [
    { source: 'istio-ingressgateway', sourceNamespace: 'istio-system', rps: 10, versions: [v('v1', 9), v('v2', 1)] },
    { source: 'client', sourceNamespace: 'front-tomcat', rps: 10, versions: [v('v1', 5), v('v2', 5)] },
  ],
};
const vs = (gateways: string[]): VirtualServiceView => ({
  name: 'x',
  namespace: 'n',
  resourceVersion: '1',
  hosts: [],
  gateways,
  routes: [],
});

describe('observedForVs', () => {
  it('uses only gateway sources for a gateway-bound VirtualService', () => {
    const r = observedForVs(observed, vs(['front-tomcat-gateway']));
    expect(r.scope).toBe('gateway');
    expect(r.versions.map((x) => [x.version, x.share])).toEqual([
      ['v1', 0.9],
      ['v2', 0.1],
    ]);
  });

  it('uses only in-mesh sources for a mesh VirtualService', () => {
    const r = observedForVs(observed, vs([]));
    expect(r.scope).toBe('mesh');
    expect(r.versions.map((x) => [x.version, x.share])).toEqual([
      ['v1', 0.5],
      ['v2', 0.5],
    ]);
  });

  it('falls back to the service-wide split for VirtualServices bound to both', () => {
    expect(observedForVs(observed, vs(['gw', 'mesh'])).versions).toBe(observed.versions);
  });
});
