import type { Destination } from '../resources/istio';
import type { MeshSnapshot } from '../resources/snapshot';
import { workloadsForDestination } from '../routing/workloads';

/*
 * Which workloads a destination reaches and their share of its pods (Envoy balances over endpoints,
 * so replicas weigh), memoised per snapshot: a preview asks for the same destinations thousands of
 * times on a large mesh, and each lookup scans every workload.
 */

const cache = new WeakMap<MeshSnapshot, Map<string, [string, number][]>>();

export function podShares(snapshot: MeshSnapshot, d: Destination): [string, number][] {
  let bySnapshot = cache.get(snapshot);
  if (!bySnapshot) cache.set(snapshot, (bySnapshot = new Map()));
  const key = `${d.host}|${d.subset ?? ''}`;
  const hit = bySnapshot.get(key);
  if (hit) return hit;
  const ws = workloadsForDestination(snapshot, d);
  const replicas = ws.reduce((a, w) => a + w.replicas, 0);
  const shares: [string, number][] =
    replicas === 0 ? [] : ws.map((w) => [`${w.namespace}/${w.name}`, w.replicas / replicas]);
  bySnapshot.set(key, shares);
  return shares;
}
