import {
  hasCircuitBreaker,
  managedBy,
  resolveHost,
  rolloutInProgress,
  type KubeRoute,
  type NodeFlags,
  type VirtualService,
} from '@sluice/model';
import { fqdn, hostMatches, serviceHost, type MeshIndex } from '../samples/mesh-index';
import { routeMirrors } from '../samples/mirror-targets';

/*
 * Node badges from the VirtualServices that apply to a Service. A VirtualService applies to the
 * Services its hosts name; one bound only to gateways (external hosts such as fe.toptops.top)
 * applies to the Services its routes send to, since that is where an operator looks for it.
 */

export function virtualServiceFlags(vs: VirtualService): NodeFlags {
  const http = vs.spec.http ?? [];
  const l4 = [...(vs.spec.tcp ?? []), ...(vs.spec.tls ?? [])];
  const flags: NodeFlags = { virtualService: true };
  const weighted = (route: { route?: { weight?: number }[] }) =>
    (route.route ?? []).filter((d) => (d.weight ?? 0) > 0).length > 1;
  if (http.some(weighted) || l4.some(weighted)) flags.trafficShifting = true;
  if (http.some((r) => r.fault?.abort !== undefined || r.fault?.delay !== undefined)) flags.faultInjection = true;
  if (http.some((r) => routeMirrors(r).some((m) => m.percent > 0))) flags.mirroring = true;
  if (http.some((r) => r.timeout !== undefined)) flags.timeout = true;
  if (http.some((r) => r.retries !== undefined && r.retries.attempts !== 0)) flags.retries = true;
  if (http.some((r) => (r.match ?? []).length > 0) || l4.some((r) => (r.match ?? []).length > 0))
    flags.requestRouting = true;
  if (managedBy(vs) || rolloutInProgress(vs)) flags.rollout = true;
  const gateways = vs.spec.gateways ?? [];
  if (gateways.length > 0 && !gateways.includes('mesh')) flags.gatewayVirtualService = true;
  return flags;
}

/** Fully qualified Service hosts a VirtualService applies to. */
export function appliedHosts(vs: VirtualService, index: MeshIndex): string[] {
  const ns = vs.metadata.namespace ?? 'default';
  const gateways = vs.spec.gateways ?? [];
  const meshBound = gateways.length === 0 || gateways.includes('mesh');
  const hosts = new Set<string>();
  if (meshBound) {
    for (const h of vs.spec.hosts ?? []) {
      if (h.includes('*')) {
        for (const s of index.snapshot.services) if (hostMatches(h, ns, serviceHost(s))) hosts.add(serviceHost(s));
      } else if (index.serviceByHost(fqdn(h, ns))) hosts.add(fqdn(h, ns));
    }
  } else {
    const routes: { route?: { destination: { host: string } }[] }[] = [
      ...(vs.spec.http ?? []),
      ...(vs.spec.tcp ?? []),
      ...(vs.spec.tls ?? []),
    ];
    for (const r of routes)
      for (const d of r.route ?? [])
        if (index.serviceByHost(fqdn(d.destination.host, ns))) hosts.add(fqdn(d.destination.host, ns));
  }
  return [...hosts];
}

/**
 * Badges from a Gateway API route, on the Services it is attached to (GAMMA) and the backend
 * Services it sends to: the route's own badge, plus the traffic-shifting, request-routing and
 * mirroring badges its rules earn, read the same way as a VirtualService's.
 */
export function gatewayRouteFlags(route: KubeRoute): NodeFlags {
  const rules = (route.spec.rules ?? []) as {
    backendRefs?: { weight?: number }[];
    matches?: unknown[];
    filters?: { type: string }[];
  }[];
  const flags: NodeFlags = { gatewayApiRoute: true };
  if (rules.some((r) => (r.backendRefs ?? []).filter((b) => (b.weight ?? 1) > 0).length > 1))
    flags.trafficShifting = true;
  if (rules.some((r) => (r.matches ?? []).length > 0)) flags.requestRouting = true;
  if (rules.some((r) => (r.filters ?? []).some((f) => f.type === 'RequestMirror'))) flags.mirroring = true;
  return flags;
}

function gatewayRouteHosts(route: KubeRoute, index: MeshIndex): string[] {
  const ns = route.metadata.namespace ?? 'default';
  const isService = (r: { group?: string | undefined; kind?: string | undefined }, defaultKind: string) =>
    (r.group ?? (defaultKind === 'Service' ? '' : 'gateway.networking.k8s.io')) === '' &&
    (r.kind ?? defaultKind) === 'Service';
  const refs = [
    ...(route.spec.parentRefs ?? []).filter((p) => isService(p, 'Gateway')),
    ...(route.spec.rules ?? []).flatMap((r) => (r.backendRefs ?? []).filter((b) => isService(b, 'Service'))),
  ];
  return [...new Set(refs.map((r) => resolveHost(r.name, r.namespace ?? ns)))].filter((h) => index.serviceByHost(h));
}

/**
 * Flags per fully qualified Service host, OR-ed over every VirtualService that applies, plus the
 * circuit breaker of the DestinationRule for the host.
 */
export function flagsByServiceHost(index: MeshIndex): Map<string, NodeFlags> {
  const out = new Map<string, NodeFlags>();
  for (const vs of index.snapshot.virtualServices) {
    const flags = virtualServiceFlags(vs);
    for (const host of appliedHosts(vs, index)) out.set(host, mergeFlags(out.get(host), flags));
  }
  const routes = [
    ...(index.snapshot.httpRoutes ?? []),
    ...(index.snapshot.grpcRoutes ?? []),
    ...(index.snapshot.tcpRoutes ?? []),
  ];
  for (const route of routes) {
    const flags = gatewayRouteFlags(route);
    for (const host of gatewayRouteHosts(route, index)) out.set(host, mergeFlags(out.get(host), flags));
  }
  for (const dr of index.snapshot.destinationRules) {
    if (!hasCircuitBreaker(dr.spec)) continue;
    const host = fqdn(dr.spec.host, dr.metadata.namespace ?? 'default');
    if (index.serviceByHost(host)) out.set(host, mergeFlags(out.get(host), { circuitBreaker: true }));
  }
  return out;
}

export function mergeFlags(a: NodeFlags | undefined, b: NodeFlags | undefined): NodeFlags {
  const out: NodeFlags = { ...(a ?? {}) };
  for (const [k, v] of Object.entries(b ?? {}) as [keyof NodeFlags, boolean | undefined][]) if (v) out[k] = true;
  return out;
}
