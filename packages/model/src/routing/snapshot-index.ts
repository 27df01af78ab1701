import { nsOf, selectorMatches, type Service, type Workload } from '../resources/kube';
import type { MeshSnapshot } from '../resources/snapshot';
import { resolveHost } from './host';
import { subsetLabels } from './workloads';

/*
 * Lookups over one MeshSnapshot that readers need many times (host -> Service, Service -> workloads,
 * subset -> labels): the graph builder and the service traffic view per sample, the simulator per
 * request. Built once per snapshot, so a 1,000-service mesh stays linear instead of scanning every
 * list for every sample. The one index of a snapshot: do not build another beside it.
 */

export interface MeshIndex {
  readonly snapshot: MeshSnapshot;
  /** The Service behind a fully qualified host (`reviews.bookinfo.svc.cluster.local`), if any. */
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

/** The fully qualified host of a Service (`name.namespace.svc.cluster.local`). */
export function serviceHost(service: Service): string {
  return resolveHost(service.metadata.name, nsOf(service));
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
  const servicesByNamespace = groupBy(snapshot.services, nsOf);
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
        found = (byNamespace.get(nsOf(service)) ?? []).filter((w) => selectorMatches(service.spec.selector, w.labels));
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
    // The DestinationRule in the Service's namespace first, as routing picks it.
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
