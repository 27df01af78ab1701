import {
  managedBy,
  activeRolloutOf,
  expectedShares,
  type Destination,
  type HTTPMatchRequest,
  type HTTPRoute,
  type RouteView,
  type StringMatch,
  type TCPRoute,
  type TLSRoute,
  type VirtualService,
  type VirtualServiceView,
} from '@sluice/model';
import { routeMirrors } from '../samples/mirror-targets';

/*
 * Every route of a VirtualService as the traffic view shows it: what it matches, the split the
 * routing semantics expect (the model's expectedShares over Istio's weight rules), and what else
 * the route does (fault, mirrors, timeout, retries, redirect, rewrite).
 */

export function virtualServiceView(vs: VirtualService): VirtualServiceView {
  const routes: RouteView[] = [
    ...(vs.spec.http ?? []).map((r, i) => httpRouteView(r, i)),
    ...(vs.spec.tcp ?? []).map((r, i) => l4RouteView('tcp', r, i)),
    ...(vs.spec.tls ?? []).map((r, i) => l4RouteView('tls', r, i)),
  ];
  const owner = managedBy(vs);
  const rollout = activeRolloutOf(vs);
  return {
    name: vs.metadata.name,
    namespace: vs.metadata.namespace ?? 'default',
    resourceVersion: vs.metadata.resourceVersion ?? '',
    hosts: vs.spec.hosts ?? [],
    gateways: vs.spec.gateways ?? [],
    routes,
    ...(owner ? { managedBy: owner } : {}),
    ...(rollout ? { rollout } : {}),
  };
}

export function expected(
  route: readonly { destination: Destination; weight?: number | undefined }[] | undefined,
): RouteView['expected'] {
  const list = route ?? [];
  // Istio: a lone destination takes everything; among several a missing weight is 0.
  const destinations = list.map((d) => ({
    destination: d.destination,
    weight: list.length === 1 ? 100 : Math.max(0, d.weight ?? 0),
  }));
  return expectedShares({ destinations });
}

function httpRouteView(route: HTTPRoute, index: number): RouteView {
  return {
    kind: 'http',
    index,
    ...(route.name ? { name: route.name } : {}),
    matchSummary: (route.match ?? []).map(httpMatchSummary),
    expected: expected(route.route),
    ...(route.fault ? { fault: route.fault } : {}),
    mirrors: routeMirrors(route),
    ...(route.timeout ? { timeout: route.timeout } : {}),
    ...(route.retries ? { retries: route.retries } : {}),
    ...(route.redirect ? { redirect: route.redirect } : {}),
    ...(route.rewrite ? { rewrite: route.rewrite } : {}),
    ...(route.match ? { match: route.match } : {}),
    ...(route.headers ? { headers: route.headers } : {}),
    ...(route.route ? { destinations: route.route } : {}),
  };
}

function l4RouteView(kind: 'tcp' | 'tls', route: TCPRoute | TLSRoute, index: number): RouteView {
  return {
    kind,
    index,
    matchSummary: (route.match ?? []).map((m) => {
      const parts: string[] = [];
      if (m.port !== undefined) parts.push(`port ${m.port}`);
      const sni = (m as { sniHosts?: string[] }).sniHosts;
      if (sni) parts.push(`sni ${sni.join(', ')}`);
      if (m.sourceLabels) parts.push(`sourceLabels ${labelsText(m.sourceLabels)}`);
      if (m.sourceNamespace) parts.push(`sourceNamespace ${m.sourceNamespace}`);
      if (m.gateways) parts.push(`gateways ${m.gateways.join(', ')}`);
      return parts.join(' and ');
    }),
    expected: expected(route.route),
    mirrors: [],
  };
}

/** One match block (its conditions AND-ed) as text, e.g. `headers.end-user exact "jason"`. */
export function httpMatchSummary(m: HTTPMatchRequest): string {
  const parts: string[] = [];
  const str = (what: string, s: StringMatch | undefined) => {
    if (!s) return;
    for (const kind of ['exact', 'prefix', 'regex'] as const)
      if (s[kind] !== undefined) parts.push(`${what} ${kind} "${s[kind]}"`);
  };
  str('uri', m.uri);
  str('method', m.method);
  str('authority', m.authority);
  str('scheme', m.scheme);
  for (const [h, s] of Object.entries(m.headers ?? {})) str(`headers.${h}`, s);
  for (const [h, s] of Object.entries(m.withoutHeaders ?? {})) str(`withoutHeaders.${h}`, s);
  for (const [q, s] of Object.entries(m.queryParams ?? {})) str(`queryParams.${q}`, s);
  if (m.port !== undefined) parts.push(`port ${m.port}`);
  if (m.sourceLabels) parts.push(`sourceLabels ${labelsText(m.sourceLabels)}`);
  if (m.sourceNamespace) parts.push(`sourceNamespace ${m.sourceNamespace}`);
  if (m.gateways) parts.push(`gateways ${m.gateways.join(', ')}`);
  return parts.length > 0 ? parts.join(' and ') : 'any request';
}

function labelsText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
