import { hostMatches as modelHostMatches, resolveHost } from '@sluice/model';

/*
 * Host helpers of the graph builder. The snapshot index itself (MeshIndex: host -> Service,
 * Service -> workloads, subset -> labels) is the model's, shared with the simulator; it is
 * re-exported here so the graph's modules keep one import for both.
 */
export { createMeshIndex, serviceHost, type MeshIndex } from '@sluice/model';

/** Fully qualified name of a host written in namespace `ns` (Istio's short-name rule, from the model). */
export function fqdn(host: string, ns: string): string {
  return resolveHost(host, ns);
}

/** True when a VirtualService host (possibly a `*.` wildcard) covers the fully qualified `target`. */
export function hostMatches(vsHost: string, vsNamespace: string, target: string): boolean {
  return modelHostMatches(resolveHost(vsHost, vsNamespace), target);
}

export const workloadKey = (ns: string, name: string): string => `${ns}/${name}`;
