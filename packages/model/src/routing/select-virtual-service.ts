import type { VirtualService } from '../resources/istio';
import { nsOf } from '../resources/kube';
import { boundGateways } from './gateway-ref';
import { hostMatches, hostSpecificity, resolveHost } from './host';

/*
 * Which VirtualService handles a request host for one proxy (a sidecar: "mesh", or a gateway).
 *
 * Decision (documented in README.md next to this code): when several VirtualServices cover the
 * host, the one whose host is most specific wins (exact name > longer wildcard > "*"), then the
 * oldest by metadata.creationTimestamp (Istio's own tie-break for sidecars; objects without a
 * timestamp count as newest), then "namespace/name" in lexical order so the result is stable.
 * On a sidecar only that first VirtualService counts. On a gateway Istio merges the routes of all
 * VirtualServices bound to it for the same host; resolveRoute tries them in this same order.
 */

export interface SelectedVirtualService {
  vs: VirtualService;
  namespace: string;
  /** The VS host (resolved) that covered the request host. */
  matchedHost: string;
}

/**
 * exportTo: absent, empty or "*" means everywhere; "." the VirtualService's own namespace; other
 * entries name namespaces. The consumer is the client's namespace (the gateway's for gateway traffic).
 */
export function visibleTo(vs: VirtualService, consumerNamespace: string): boolean {
  const exportTo = vs.spec.exportTo;
  if (!exportTo || exportTo.length === 0) return true;
  const own = nsOf(vs);
  return exportTo.some((e) => e === '*' || (e === '.' ? own === consumerNamespace : e === consumerNamespace));
}

/** The most specific of the VS's hosts that covers `requestHost`, or undefined. */
function coveringHost(vs: VirtualService, requestHost: string): string | undefined {
  let best: string | undefined;
  for (const h of vs.spec.hosts ?? []) {
    const resolved = resolveHost(h, nsOf(vs));
    if (!hostMatches(resolved, requestHost)) continue;
    if (best === undefined || hostSpecificity(resolved) > hostSpecificity(best)) best = resolved;
  }
  return best;
}

function age(vs: VirtualService): number {
  const t = vs.metadata.creationTimestamp ? Date.parse(vs.metadata.creationTimestamp) : Number.NaN;
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

function compareCandidates(a: SelectedVirtualService, b: SelectedVirtualService): number {
  const bySpecificity = hostSpecificity(b.matchedHost) - hostSpecificity(a.matchedHost);
  if (bySpecificity !== 0) return bySpecificity;
  const byAge = age(a.vs) - age(b.vs);
  if (byAge !== 0 && !Number.isNaN(byAge)) return byAge;
  const ka = `${a.namespace}/${a.vs.metadata.name}`;
  const kb = `${b.namespace}/${b.vs.metadata.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** All VirtualServices that apply to the request host at `gateway` ("mesh" or "ns/name"), best first. */
export function candidateVirtualServices(
  virtualServices: readonly VirtualService[],
  requestHost: string,
  gateway: string,
  consumerNamespace: string,
): SelectedVirtualService[] {
  const out: SelectedVirtualService[] = [];
  for (const vs of virtualServices) {
    const namespace = nsOf(vs);
    if (!boundGateways(vs.spec.gateways, namespace).includes(gateway)) continue;
    if (!visibleTo(vs, consumerNamespace)) continue;
    const matchedHost = coveringHost(vs, requestHost);
    if (matchedHost !== undefined) out.push({ vs, namespace, matchedHost });
  }
  return out.sort(compareCandidates);
}

export function selectVirtualService(
  virtualServices: readonly VirtualService[],
  requestHost: string,
  gateway: string,
  consumerNamespace: string,
): SelectedVirtualService | undefined {
  return candidateVirtualServices(virtualServices, requestHost, gateway, consumerNamespace)[0];
}
