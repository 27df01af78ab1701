import {
  nsOf,
  resolveHost,
  selectorMatches,
  type DestinationRule,
  type MeshSnapshot,
  type Service,
  type VirtualService,
  type Workload,
} from '@sluice/model';

/*
 * Which Istio objects concern one Service. A VirtualService "routes" a service when one of its hosts
 * is that service (mesh routing), or when a route sends traffic to it (e.g. a gateway-bound
 * VirtualService for an external host); a DestinationRule concerns it when its host is the service.
 */

export interface ServiceRouting {
  fqdn: string;
  /** VirtualServices whose hosts name the service. */
  hostVirtualServices: VirtualService[];
  /** VirtualServices that only send traffic to the service (gateway VS for an external host). */
  referencingVirtualServices: VirtualService[];
  destinationRules: DestinationRule[];
}

export function routingOf(snapshot: MeshSnapshot, namespace: string, name: string): ServiceRouting {
  const fqdn = resolveHost(name, namespace);
  const resolves = (host: string, inNs: string) => resolveHost(host, inNs) === fqdn;
  const hostVirtualServices = snapshot.virtualServices.filter((vs) =>
    (vs.spec.hosts ?? []).some((h) => resolves(h, nsOf(vs))),
  );
  const referencingVirtualServices = snapshot.virtualServices.filter(
    (vs) => !hostVirtualServices.includes(vs) && destinationHosts(vs).some((h) => resolves(h, nsOf(vs))),
  );
  const destinationRules = snapshot.destinationRules.filter((dr) => resolves(dr.spec.host, nsOf(dr)));
  return { fqdn, hostVirtualServices, referencingVirtualServices, destinationRules };
}

export function workloadsOf(snapshot: MeshSnapshot, service: Service): Workload[] {
  const namespace = nsOf(service);
  return snapshot.workloads.filter(
    (w) => w.namespace === namespace && selectorMatches(service.spec.selector, w.labels),
  );
}

export function findService(snapshot: MeshSnapshot, namespace: string, name: string): Service | undefined {
  return snapshot.services.find((s) => s.metadata.name === name && nsOf(s) === namespace);
}

function destinationHosts(vs: VirtualService): string[] {
  const routes = [...(vs.spec.http ?? []), ...(vs.spec.tcp ?? []), ...(vs.spec.tls ?? [])];
  return routes.flatMap((r) => (r.route ?? []).map((d) => d.destination.host));
}
