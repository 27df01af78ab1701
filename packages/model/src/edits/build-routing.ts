import type { DestinationRule, RouteDestination, VirtualService } from '../resources/istio';
import type { Service, Workload } from '../resources/kube';
import { selectorMatches } from '../resources/kube';
import { normaliseWeights } from './normalise-weights';
import { subsetsFromWorkloads } from './subsets';

export interface BuildRoutingOptions {
  /** The pod label whose values become subsets (default `version`). */
  versionLabel?: string;
  /** The service's current DestinationRule, if any: its subset names are kept. */
  existing?: DestinationRule;
}

export interface RoutingPair {
  destinationRule: DestinationRule;
  virtualService: VirtualService;
}

const API_VERSION = 'networking.istio.io/v1';

/*
 * Routing for a service that has none: a DestinationRule with one subset per version and a
 * VirtualService with one weighted route over those subsets.
 *
 * Weights: proportional to each version's replicas (normalised to integers summing to 100).
 * Without a VirtualService, Kubernetes spreads requests over all ready pods, so each version gets
 * roughly its share of the pods; copying that split means creating routing changes no traffic.
 * (Sending 100% to one version would silently drain the others.) With no replicas at all the
 * first (oldest) version gets 100. With no version labels the route is the bare host.
 * Services whose ports are all TCP get a `tcp` route, others an `http` route named "default".
 */
export function buildRoutingFor(
  service: Service,
  workloads: readonly Workload[],
  options: BuildRoutingOptions = {},
): RoutingPair {
  const versionLabel = options.versionLabel ?? 'version';
  const name = service.metadata.name;
  const namespace = service.metadata.namespace ?? 'default';
  const backing = workloads.filter(
    (w) => w.namespace === namespace && selectorMatches(service.spec.selector, w.labels),
  );
  const subsets = subsetsFromWorkloads(name, backing, versionLabel, options.existing);
  const replicasBySubset = subsets.map((s) =>
    backing.filter((w) => w.labels[versionLabel] === s.labels?.[versionLabel]).reduce((sum, w) => sum + w.replicas, 0),
  );
  const total = replicasBySubset.reduce((a, b) => a + b, 0);
  const weights = total > 0 ? normaliseWeights(replicasBySubset) : subsets.map((_, i) => (i === 0 ? 100 : 0));
  const route: RouteDestination[] =
    subsets.length === 0
      ? [{ destination: { host: name }, weight: 100 }]
      : subsets.map((s, i) => ({ destination: { host: name, subset: s.name }, weight: weights[i] ?? 0 }));

  const metadata = { name, namespace, labels: { 'app.kubernetes.io/managed-by': 'sluice' } };
  const destinationRule: DestinationRule = {
    apiVersion: API_VERSION,
    kind: 'DestinationRule',
    metadata,
    spec: { host: name, subsets },
  };
  const spec: VirtualService['spec'] = isTcpOnly(service)
    ? { hosts: [name], tcp: [{ route }] }
    : { hosts: [name], http: [{ name: 'default', route }] };
  return {
    destinationRule,
    virtualService: { apiVersion: API_VERSION, kind: 'VirtualService', metadata: { ...metadata }, spec },
  };
}

/** Istio's protocol selection: appProtocol first, then the port name's prefix ("tcp-echo" is TCP). */
function isTcpOnly(service: Service): boolean {
  const ports = service.spec.ports ?? [];
  return ports.length > 0 && ports.every((p) => (p.appProtocol ?? p.name?.split('-')[0] ?? '').toLowerCase() === 'tcp');
}
