import { hostMatches, resolveHost } from '../routing/host';
import { serviceHost } from '../routing/snapshot-index';
import type { DestinationRule, Destination, Gateway } from '../resources/istio';
import { nsOf } from '../resources/kube';
import type { MeshSnapshot } from '../resources/snapshot';

/*
 * Lookups over a MeshSnapshot for the cross-object checks, resolving short names the way Istio
 * does (in the namespace of the object that wrote them).
 */

export function isWildcard(host: string): boolean {
  return host === '*' || host.startsWith('*.');
}

export function knownServiceHosts(ctx: MeshSnapshot): Set<string> {
  return new Set(ctx.services.map(serviceHost));
}

/** DestinationRules whose host covers `fqdn` (an exact host or a wildcard such as *.bookinfo.svc.cluster.local). */
export function destinationRulesFor(ctx: MeshSnapshot, fqdn: string): DestinationRule[] {
  return ctx.destinationRules.filter((dr) => hostMatches(resolveHost(dr.spec.host, nsOf(dr), ctx.namespaces), fqdn));
}

export function subsetExists(ctx: MeshSnapshot, destination: Destination, namespace: string): boolean {
  const fqdn = resolveHost(destination.host, namespace, ctx.namespaces);
  return destinationRulesFor(ctx, fqdn).some((dr) =>
    (dr.spec.subsets ?? []).some((s) => s.name === destination.subset),
  );
}

/** "name" (in the VirtualService's namespace) or "ns/name"; "mesh" is not a Gateway. */
export function parseGatewayRef(ref: string, namespace: string): { namespace: string; name: string } | undefined {
  if (ref === 'mesh') return undefined;
  const slash = ref.indexOf('/');
  return slash < 0 ? { namespace, name: ref } : { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) };
}

export function findGateway(ctx: MeshSnapshot, ref: { namespace: string; name: string }): Gateway | undefined {
  return ctx.gateways.find((g) => g.metadata.name === ref.name && nsOf(g) === ref.namespace);
}

/** A Gateway server host without its namespace part ("ns/host", "*\/host", "./host"). */
export function gatewayServerHost(host: string): string {
  const slash = host.indexOf('/');
  return (slash < 0 ? host : host.slice(slash + 1)).toLowerCase();
}

/** Two host patterns that can both match some request host. */
export function hostsOverlap(a: string, b: string): boolean {
  return hostMatches(a, b) || hostMatches(b, a);
}
