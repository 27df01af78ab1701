import {
  destinationRuleFor,
  resolveHost,
  type DestinationRef,
  type MeshSnapshot,
  type SideSelector,
  type VirtualService,
} from '@sluice/model';
import { notFound } from '../errors/app-error';
import { findService, routingOf, workloadsOf } from '../writes/service-routing';

/*
 * Where a service's rollout lives and what its sides are: the VirtualService (the first one whose
 * hosts name the service, unless the plan names one), and for stable and canary the Service FQDN
 * plus, for a subset, the workloads the DestinationRule subset selects - the same reading of
 * subsets as the service traffic view, so the gates and the page agree.
 */

export function rolloutVirtualService(
  snapshot: MeshSnapshot,
  ns: string,
  service: string,
  named?: string,
): VirtualService | undefined {
  if (!findService(snapshot, ns, service)) throw notFound(`Service ${ns}/${service}`);
  const { hostVirtualServices } = routingOf(snapshot, ns, service);
  if (named !== undefined)
    return snapshot.virtualServices.find(
      (vs) => vs.metadata.name === named && (vs.metadata.namespace ?? 'default') === ns,
    );
  return hostVirtualServices[0];
}

export function sideSelector(snapshot: MeshSnapshot, ns: string, destination: DestinationRef): SideSelector {
  const fqdn = resolveHost(destination.host, ns);
  if (destination.subset === undefined) return { service: fqdn };
  const service = snapshot.services.find(
    (s) => resolveHost(s.metadata.name, s.metadata.namespace ?? 'default') === fqdn,
  );
  const dr = destinationRuleFor(routingOf(snapshot, ns, destination.host).destinationRules, fqdn, ns);
  const labels = dr?.spec.subsets?.find((s) => s.name === destination.subset)?.labels ?? {};
  const workloads = service
    ? workloadsOf(snapshot, service).filter((w) => Object.entries(labels).every(([k, v]) => w.labels[k] === v))
    : [];
  return { service: fqdn, workloads: workloads.map((w) => w.name) };
}

/** What the start form offers: the default route's destinations, heaviest first, then the service's other subsets. */
export function candidateDestinations(
  vs: VirtualService,
  snapshot: MeshSnapshot,
  ns: string,
  service: string,
): DestinationRef[] {
  const route = [...(vs.spec.http?.[defaultRouteIndex(vs)]?.route ?? [])].sort(
    (a, b) => (b.weight ?? 0) - (a.weight ?? 0),
  );
  const out: DestinationRef[] = route.map((d) => ({
    host: d.destination.host,
    ...(d.destination.subset ? { subset: d.destination.subset } : {}),
  }));
  const fqdn = resolveHost(service, ns);
  const dr = destinationRuleFor(routingOf(snapshot, ns, service).destinationRules, fqdn, ns);
  for (const s of dr?.spec.subsets ?? []) {
    if (!out.some((d) => resolveHost(d.host, ns) === fqdn && d.subset === s.name))
      out.push({ host: service, subset: s.name });
  }
  return out;
}

/** The catch-all http route (no match block): where a rollout shifts weights unless the plan names a route. */
export function defaultRouteIndex(vs: VirtualService): number {
  const i = (vs.spec.http ?? []).findIndex((r) => (r.match ?? []).length === 0);
  return i >= 0 ? i : 0;
}
