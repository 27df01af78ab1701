import type { ServiceTraffic, VirtualServiceView } from '@sluice/model';

type Observed = ServiceTraffic['observed'];
type ObservedVersion = Observed['versions'][number];

// The API says which callers are gateway workloads (the same test as the graph's per-scope splits);
// an older API did not, and then gateway workloads are told by where they usually live.
const isGatewaySource = (s: Observed['bySource'][number]) =>
  s.scope ? s.scope === 'gateway' : s.sourceNamespace === 'istio-system' || s.source.includes('gateway');

/**
 * The observed split that a VirtualService is responsible for. A gateway-bound VirtualService only
 * routes requests entering through a gateway; a mesh one only in-mesh requests. When both kinds of
 * VirtualService route one service (front-tomcat), showing service-wide numbers next to each would
 * blur the effect of each. Falls back to the service-wide split when no source matches.
 */
export function observedForVs(
  observed: Observed,
  vs: VirtualServiceView,
): { versions: ObservedVersion[]; scope: 'gateway' | 'mesh' | 'service' } {
  const gatewayOnly = vs.gateways.length > 0 && !vs.gateways.includes('mesh');
  const meshOnly = vs.gateways.length === 0;
  if (!gatewayOnly && !meshOnly) return { versions: observed.versions, scope: 'service' };
  const sources = observed.bySource.filter((s) => (gatewayOnly ? isGatewaySource(s) : !isGatewaySource(s)));
  if (sources.length === 0 || sources.length === observed.bySource.length)
    return { versions: observed.versions, scope: 'service' };
  const byVersion = new Map<string, ObservedVersion>();
  for (const s of sources) {
    for (const v of s.versions) {
      const prev = byVersion.get(v.version);
      const rps = (prev?.rps ?? 0) + v.rps;
      const errors = (prev ? prev.rps * prev.errorRate : 0) + v.rps * v.errorRate;
      byVersion.set(v.version, { ...v, rps, errorRate: rps > 0 ? errors / rps : 0 });
    }
  }
  const total = [...byVersion.values()].reduce((a, v) => a + v.rps, 0);
  const versions = [...byVersion.values()].map((v) => ({ ...v, share: total > 0 ? v.rps / total : 0 }));
  return { versions, scope: gatewayOnly ? 'gateway' : 'mesh' };
}

const SCOPE_TEXT = { gateway: 'gateway traffic', mesh: 'in-mesh traffic', service: 'all callers' } as const;

/**
 * How a route card may show observed shares. Istio's metrics carry no route, so an observed share
 * is always of every request in a scope, whatever route it took. Only when this route is the only
 * one of its kind in the VirtualService is that the route's own traffic; otherwise the numbers are
 * shown once, below the rows, saying they cover all routes together (the jason route must never
 * read "v2 expected 100 %, observed 22 %").
 */
export function observedColumn(
  vs: VirtualServiceView,
  route: { kind: string },
  scope: 'gateway' | 'mesh' | 'service',
): { perRow: boolean; heading: string; coverage: string } {
  const siblings = vs.routes.filter((r) => r.kind === route.kind).length;
  const who = SCOPE_TEXT[scope];
  if (siblings <= 1)
    return {
      perRow: true,
      heading: `Observed (${who})`,
      coverage: `all ${who} to the service; this route is the only one`,
    };
  return {
    perRow: false,
    heading: 'Observed: below',
    coverage: `${who}, all ${siblings} ${route.kind} routes of ${vs.name} together: Istio's metrics do not record which route a request took`,
  };
}
