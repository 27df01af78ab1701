import type { Destination, DestinationRule } from '../resources/istio';
import { nsOf, selectorMatches, type Service, type Workload } from '../resources/kube';
import type { MeshSnapshot } from '../resources/snapshot';
import { resolveHost, serviceOfHost } from './host';

/*
 * Which workloads a destination (host + subset) reaches: the Service's selector picks the pods,
 * and a subset narrows them by the labels its DestinationRule gives it.
 */

/**
 * The DestinationRule that defines subsets for a host. Istio looks in the client's namespace, then
 * the Service's, then elsewhere; Sluice prefers the Service's namespace (where the demo and most
 * operators keep them), then the oldest, then by name.
 */
export function destinationRuleFor(
  rules: readonly DestinationRule[],
  fqdn: string,
  preferNamespace?: string,
): DestinationRule | undefined {
  const matching = rules.filter((dr) => resolveHost(dr.spec.host, nsOf(dr)) === fqdn);
  const rank = (dr: DestinationRule): number => (nsOf(dr) === preferNamespace ? 0 : 1);
  const time = (dr: DestinationRule): number =>
    Date.parse(dr.metadata.creationTimestamp ?? '') || Number.POSITIVE_INFINITY;
  return [...matching].sort(
    (a, b) => rank(a) - rank(b) || time(a) - time(b) || a.metadata.name.localeCompare(b.metadata.name),
  )[0];
}

/** The Service object behind a host, if the host is a cluster Service. */
export function serviceForHost(snapshot: Pick<MeshSnapshot, 'services'>, fqdn: string): Service | undefined {
  const svc = serviceOfHost(fqdn);
  if (!svc) return undefined;
  return snapshot.services.find((s) => s.metadata.name === svc.name && nsOf(s) === svc.namespace);
}

/** Labels a subset adds to the Service selector; undefined when the subset is not defined (Envoy: no cluster, 503). */
export function subsetLabels(
  rules: readonly DestinationRule[],
  fqdn: string,
  subset: string,
  preferNamespace?: string,
): Record<string, string> | undefined {
  const dr = destinationRuleFor(rules, fqdn, preferNamespace);
  const found = dr?.spec.subsets?.find((s) => s.name === subset);
  return found ? (found.labels ?? {}) : undefined;
}

/**
 * Workloads a destination selects. `namespace` resolves a short host (defaults to "default", as
 * decisions from resolveRoute already carry fully qualified hosts). Returns [] for hosts that are
 * not Services in the snapshot, for Services without a selector, and for undefined subsets.
 */
export function workloadsForDestination(
  snapshot: Pick<MeshSnapshot, 'services' | 'workloads' | 'destinationRules'>,
  destination: Destination,
  namespace = 'default',
): Workload[] {
  const fqdn = resolveHost(destination.host, namespace);
  const service = serviceForHost(snapshot, fqdn);
  const svcNamespace = serviceOfHost(fqdn)?.namespace;
  if (!service || !svcNamespace) return [];
  const selector = service.spec.selector;
  let extra: Record<string, string> = {};
  if (destination.subset !== undefined) {
    const labels = subsetLabels(snapshot.destinationRules, fqdn, destination.subset, svcNamespace);
    if (!labels) return [];
    extra = labels;
  }
  return snapshot.workloads.filter(
    (w) =>
      w.namespace === svcNamespace &&
      selectorMatches(selector, w.labels) &&
      Object.entries(extra).every(([k, v]) => w.labels[k] === v),
  );
}
