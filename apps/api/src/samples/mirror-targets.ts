import type { Destination, HTTPRoute, VirtualService } from '@sluice/model';
import { fqdn, workloadKey, type MeshIndex } from './mesh-index';

/*
 * Which workloads receive mirrored copies, according to config. A workload is a mirror target of a
 * service host when some http route of a VirtualService mirrors (`mirror`/`mirrorPercentage` or the
 * newer `mirrors` list, percentage > 0) to that host and the subset (if any) selects the workload.
 * The graph only calls destination-only traffic "mirrored" when it reaches such a target, so real
 * traffic from clients without a sidecar is never mistaken for a mirror.
 */

export interface MirrorPolicy {
  destination: Destination;
  /** 0..100; Istio mirrors 100% when the percentage is left out. */
  percent: number;
}

/** The mirrors one http route configures, old and new fields alike. */
export function routeMirrors(route: HTTPRoute): MirrorPolicy[] {
  const out: MirrorPolicy[] = (route.mirrors ?? []).map((m) => ({
    destination: m.destination,
    percent: m.percentage?.value ?? 100,
  }));
  if (route.mirror) {
    out.push({ destination: route.mirror, percent: route.mirrorPercentage?.value ?? route.mirrorPercent ?? 100 });
  }
  return out;
}

export interface MirrorTargets {
  /** `serviceHost` is fully qualified; `workload` is "namespace/name". */
  isTarget(serviceHost: string, workload: string): boolean;
  readonly size: number;
}

export function collectMirrorTargets(index: MeshIndex, virtualServices: readonly VirtualService[]): MirrorTargets {
  const targets = new Set<string>();
  for (const vs of virtualServices) {
    const ns = vs.metadata.namespace ?? 'default';
    for (const route of vs.spec.http ?? []) {
      for (const mirror of routeMirrors(route)) {
        if (mirror.percent <= 0) continue;
        const host = fqdn(mirror.destination.host, ns);
        for (const w of destinationWorkloads(index, host, mirror.destination.subset)) {
          targets.add(`${host}#${workloadKey(w.namespace, w.name)}`);
        }
      }
    }
  }
  return { isTarget: (host, workload) => targets.has(`${host}#${workload}`), size: targets.size };
}

/** Workloads a destination (host + optional subset) can reach. */
export function destinationWorkloads(index: MeshIndex, host: string, subset: string | undefined) {
  const service = index.serviceByHost(host);
  if (!service) return [];
  const all = index.workloadsOf(service);
  if (!subset) return all;
  const labels = index.subsetLabels(host, subset);
  if (!labels) return [];
  return all.filter((w) => Object.entries(labels).every(([k, v]) => w.labels[k] === v));
}
