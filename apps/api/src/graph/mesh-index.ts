import {
  hostMatches as modelHostMatches,
  resolveHost,
  selectorMatches,
  subsetLabels,
  type MeshSnapshot,
  type Service,
  type Workload,
} from '@sluice/model';

/*
 * Lookups over one MeshSnapshot that the graph builder and the service traffic view need many times
 * per request (host -> Service, Service -> workloads, subset -> workloads). Built once per call so a
 * 1,000-service mesh stays linear instead of scanning every list for every sample.
 */

export const CLUSTER_SUFFIX = '.svc.cluster.local';

/** Fully qualified name of a host written in namespace `ns` (Istio's short-name rule, from the model). */
export function fqdn(host: string, ns: string): string {
  return resolveHost(host, ns);
}

/** True when a VirtualService host (possibly a `*.` wildcard) covers the fully qualified `target`. */
export function hostMatches(vsHost: string, vsNamespace: string, target: string): boolean {
  return modelHostMatches(resolveHost(vsHost, vsNamespace), target);
}

export const workloadKey = (ns: string, name: string): string => `${ns}/${name}`;

export interface MeshIndex {
  readonly snapshot: MeshSnapshot;
  serviceByHost(host: string): Service | undefined;
  workload(ns: string, name: string): Workload | undefined;
  workloadsIn(ns: string): readonly Workload[];
  /** Workloads the Service's selector picks (same namespace). */
  workloadsOf(service: Service): Workload[];
  /** Services in the workload's namespace whose selector picks it. */
  servicesOf(workload: Workload): Service[];
  /** Labels of `subset` in the DestinationRule for the fully qualified host, if any DR defines it. */
  subsetLabels(host: string, subset: string): Record<string, string> | undefined;
}

export function serviceHost(service: Service): string {
  return `${service.metadata.name}.${service.metadata.namespace ?? 'default'}${CLUSTER_SUFFIX}`;
}

export function createMeshIndex(snapshot: MeshSnapshot): MeshIndex {
  const services = new Map(snapshot.services.map((s) => [serviceHost(s), s]));
  // Nested maps: lookups run several times per sample, and building "ns/name" strings for each showed in profiles.
  const workloads = new Map<string, Map<string, Workload>>();
  for (const w of snapshot.workloads) {
    let inNs = workloads.get(w.namespace);
    if (!inNs) workloads.set(w.namespace, (inNs = new Map()));
    inNs.set(w.name, w);
  }
  const byNamespace = groupBy(snapshot.workloads, (w) => w.namespace);
  const servicesByNamespace = groupBy(snapshot.services, (s) => s.metadata.namespace ?? 'default');
  const selected = new Map<Service, Workload[]>();
  const selecting = new Map<Workload, Service[]>();
  return {
    snapshot,
    serviceByHost: (host) => services.get(host),
    workload: (ns, name) => workloads.get(ns)?.get(name),
    workloadsIn: (ns) => byNamespace.get(ns) ?? [],
    workloadsOf(service) {
      let found = selected.get(service);
      if (!found) {
        const ns = service.metadata.namespace ?? 'default';
        found = (byNamespace.get(ns) ?? []).filter((w) => selectorMatches(service.spec.selector, w.labels));
        selected.set(service, found);
      }
      return found;
    },
    servicesOf(workload) {
      let found = selecting.get(workload);
      if (!found) {
        found = (servicesByNamespace.get(workload.namespace) ?? []).filter((s) =>
          selectorMatches(s.spec.selector, workload.labels),
        );
        selecting.set(workload, found);
      }
      return found;
    },
    // The model picks the DestinationRule (Service namespace first), as routing does.
    subsetLabels: (host, subset) => subsetLabels(snapshot.destinationRules, host, subset, host.split('.')[1]),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
