import {
  destinationRuleFor,
  resolveHost,
  type DestinationRef,
  type KubeHTTPRoute,
  type MeshSnapshot,
  type RolloutCarrier,
  type RolloutPlan,
  type SideSelector,
  type Workload,
  type VirtualService,
} from '@sluice/model';
import { notFound } from '../errors/app-error';
import { gatewayRoutesFor } from '../writes/gateway-routing';
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

/** HTTPRoutes that route the service (attached to it, or sending to a Service serving its pods). */
export function rolloutHttpRoutes(snapshot: MeshSnapshot, ns: string, service: string): KubeHTTPRoute[] {
  const svc = findService(snapshot, ns, service);
  if (!svc) return [];
  return gatewayRoutesFor(snapshot, svc).routes.filter((r): r is KubeHTTPRoute => r.kind === 'HTTPRoute');
}

/** The named HTTPRoute in the namespace, when it routes the service. */
export function rolloutHttpRoute(
  snapshot: MeshSnapshot,
  ns: string,
  service: string,
  named: string,
): KubeHTTPRoute | undefined {
  return rolloutHttpRoutes(snapshot, ns, service).find((r) => r.metadata.name === named);
}

/**
 * Whose requests an HTTPRoute rollout's gates count (decision 72): a route attached to Gateways
 * carries the requests of their own deployments only; a GAMMA route the in-mesh callers (every
 * caller but a gateway). A VirtualService rollout counts every caller, as before.
 */
export function rolloutCallers(snapshot: MeshSnapshot, ns: string, plan: RolloutPlan): SideSelector['callers'] {
  if (plan.kind !== 'HTTPRoute') return undefined;
  const route = (snapshot.httpRoutes ?? []).find(
    (r) => r.metadata.name === plan.virtualService && (r.metadata.namespace ?? 'default') === ns,
  );
  if (!route) return undefined;
  const rns = ns;
  const gatewayName = (w: Workload) => w.labels['gateway.networking.k8s.io/gateway-name'];
  const key = (w: Workload) => `${w.namespace}/${w.name}`;
  const gatewayParents = (route.spec.parentRefs ?? []).filter((p) => (p.kind ?? 'Gateway') === 'Gateway');
  if (gatewayParents.length > 0)
    return {
      workloads: snapshot.workloads
        .filter((w) => gatewayParents.some((p) => w.namespace === (p.namespace ?? rns) && gatewayName(w) === p.name))
        .map(key),
    };
  return {
    workloads: snapshot.workloads
      .filter((w) => gatewayName(w) !== undefined || w.labels.istio === 'ingressgateway')
      .map(key),
    exclude: true,
  };
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
  vs: RolloutCarrier,
  snapshot: MeshSnapshot,
  ns: string,
  service: string,
): DestinationRef[] {
  if (vs.kind === 'HTTPRoute') {
    // The default rule's backendRefs (Services), heaviest first.
    const refs = [...(vs.spec.rules?.[defaultRouteIndex(vs)]?.backendRefs ?? [])];
    return refs.sort((a, b) => (b.weight ?? 1) - (a.weight ?? 1)).map((b) => ({ host: b.name }));
  }
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
export function defaultRouteIndex(vs: RolloutCarrier): number {
  const i =
    vs.kind === 'HTTPRoute'
      ? (vs.spec.rules ?? []).findIndex((r) => (r.matches ?? []).length === 0)
      : (vs.spec.http ?? []).findIndex((r) => (r.match ?? []).length === 0);
  return i >= 0 ? i : 0;
}
