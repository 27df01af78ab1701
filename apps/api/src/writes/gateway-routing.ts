import {
  GATEWAY_API_GROUP,
  nsOf,
  resolveHost,
  selectorMatches,
  type KubeRoute,
  type MeshSnapshot,
  type Service,
} from '@sluice/model';

/*
 * Which Gateway API routes concern one Service (as routingOf says for VirtualServices): a route
 * attached to it (GAMMA), or one with a backendRef Service whose pods the Service also selects
 * (echo-v1 and echo-v2 serve echo's pods, so HTTPRoute echo routes echo's traffic).
 */

const routesOf = (s: MeshSnapshot): KubeRoute[] => [
  ...(s.httpRoutes ?? []),
  ...(s.grpcRoutes ?? []),
  ...(s.tcpRoutes ?? []),
];

const isServiceRef = (r: { group?: string | undefined; kind?: string | undefined }) =>
  (r.group ?? '') === '' && (r.kind ?? 'Service') === 'Service';
const isServiceParent = (p: { group?: string | undefined; kind?: string | undefined }) =>
  (p.group ?? GATEWAY_API_GROUP) === '' && p.kind === 'Service';

function overlaps(snapshot: MeshSnapshot, a: Service, b: Service): boolean {
  if (nsOf(a) !== nsOf(b)) return false;
  return snapshot.workloads.some(
    (w) =>
      w.namespace === nsOf(a) &&
      selectorMatches(a.spec.selector, w.labels) &&
      selectorMatches(b.spec.selector, w.labels),
  );
}

function backendRefsOf(route: KubeRoute) {
  return (route.spec.rules ?? []).flatMap((r) => r.backendRefs ?? []);
}

/** The routes concerning `service`, and the backend Service FQDNs they send its traffic to. */
export function gatewayRoutesFor(snapshot: MeshSnapshot, service: Service) {
  const ns = nsOf(service);
  const byName = (namespace: string, name: string) =>
    snapshot.services.find((s) => s.metadata.name === name && nsOf(s) === namespace);
  const routes = routesOf(snapshot).filter((route) => {
    const rns = nsOf(route);
    const attached = (route.spec.parentRefs ?? []).some(
      (p) => isServiceParent(p) && p.name === service.metadata.name && (p.namespace ?? rns) === ns,
    );
    if (attached) return true;
    return backendRefsOf(route).some((ref) => {
      if (!isServiceRef(ref)) return false;
      const backend = byName(ref.namespace ?? rns, ref.name);
      return backend !== undefined && (backend === service || overlaps(snapshot, backend, service));
    });
  });
  const backendHosts = new Set(
    routes.flatMap((route) =>
      backendRefsOf(route)
        .filter(isServiceRef)
        .map((ref) => resolveHost(ref.name, ref.namespace ?? nsOf(route))),
    ),
  );
  return { routes, backendHosts };
}
