import { resolveHost, type VirtualService } from '@sluice/model';
import type { MeshIndex } from '../graph/mesh-index';
import { destinationWorkloads } from '../graph/mirror-targets';
import { workloadVersion } from './observed-split';
import { expected } from './route-views';

/*
 * Which versions injected aborts were meant for. Envoy's fault filter answers before the router
 * picks an upstream, so Istio reports an abort (response_flags FI) with no destination workload.
 * The traffic view still wants per-version error rates ("v1.1 fails 20%"), so an abort is charged
 * to the versions of the routes whose fault aborts with that code, in the routes' expected split.
 * Several such routes count equally (their traffic shares are unknown here); when config names no
 * route (the fault was removed within the window), the caller falls back to the observed split.
 */

export type VersionWeights = Map<string, number>;

export function abortVersionWeights(
  index: MeshIndex,
  virtualServices: readonly VirtualService[],
  host: string,
  code: string,
): VersionWeights | undefined {
  const weights: VersionWeights = new Map();
  for (const vs of virtualServices) {
    const ns = vs.metadata.namespace ?? 'default';
    for (const route of vs.spec.http ?? []) {
      const abort = route.fault?.abort;
      if (!abort || String(abort.httpStatus ?? (abort.grpcStatus ? 200 : 503)) !== code) continue;
      for (const e of expected(route.route)) {
        const fqdn = resolveHost(e.destination.host, ns);
        if (fqdn !== host) continue;
        const versions = [
          ...new Set(
            destinationWorkloads(index, fqdn, e.destination.subset).map((w) => workloadVersion(w) ?? 'latest'),
          ),
        ];
        for (const v of versions) weights.set(v, (weights.get(v) ?? 0) + e.share / versions.length);
      }
    }
  }
  return weights.size > 0 ? weights : undefined;
}

/** Shares (summing to 1) from weights; undefined when there is nothing to split by. */
export function normalise(weights: VersionWeights | undefined): VersionWeights | undefined {
  if (!weights) return undefined;
  let total = 0;
  for (const w of weights.values()) total += w;
  if (total <= 0) return undefined;
  return new Map([...weights].map(([v, w]) => [v, w / total]));
}
