import {
  GATEWAY_API_GROUP,
  activeRolloutOf,
  canonicalRevision,
  nsOf,
  resolveHost,
  selectorMatches,
  type GatewayRouteView,
  type KubeRoute,
  type MeshSnapshot,
} from '@sluice/model';

/*
 * The Gateway API routes that route one Service (../writes/gateway-routing), as the traffic view
 * shows them (decision 71): the page of `echo` shows the HTTPRoute splitting echo-v1/echo-v2, with
 * the same weights the graph draws.
 */

const isServiceRef = (r: { group?: string | undefined; kind?: string | undefined }) =>
  (r.group ?? '') === '' && (r.kind ?? 'Service') === 'Service';
const isServiceParent = (p: { group?: string | undefined; kind?: string | undefined }) =>
  (p.group ?? GATEWAY_API_GROUP) === '' && p.kind === 'Service';

function matchSummary(m: Record<string, unknown>): string {
  const parts: string[] = [];
  const path = m.path as { type?: string; value?: string } | undefined;
  if (path) parts.push(`path ${path.type ?? 'PathPrefix'} "${path.value ?? '/'}"`);
  if (typeof m.method === 'string') parts.push(`method ${m.method}`);
  const grpc = m.method as { service?: string; method?: string } | undefined;
  if (grpc && typeof grpc === 'object') parts.push(`grpc ${grpc.service ?? '*'}/${grpc.method ?? '*'}`);
  for (const h of (m.headers as { type?: string; name: string; value: string }[] | undefined) ?? [])
    parts.push(`header ${h.name} ${h.type ?? 'Exact'} "${h.value}"`);
  for (const q of (m.queryParams as { type?: string; name: string; value: string }[] | undefined) ?? [])
    parts.push(`query ${q.name} ${q.type ?? 'Exact'} "${q.value}"`);
  return parts.length > 0 ? parts.join(' and ') : 'any request';
}

/** The one version a Service's pods serve (echo-v1 -> v1), or undefined when none or several. */
function versionBehind(snapshot: MeshSnapshot, namespace: string, name: string): string | undefined {
  const service = snapshot.services.find((s) => s.metadata.name === name && nsOf(s) === namespace);
  if (!service) return undefined;
  const versions = new Set(
    snapshot.workloads
      .filter((w) => w.namespace === namespace && selectorMatches(service.spec.selector, w.labels))
      .map((w) => canonicalRevision(w)),
  );
  return versions.size === 1 ? [...versions][0] : undefined;
}

export function gatewayRouteView(snapshot: MeshSnapshot, route: KubeRoute): GatewayRouteView {
  const rns = nsOf(route);
  const parents = (route.spec.parentRefs ?? []).map((p) => ({
    kind: isServiceParent(p) ? ('Service' as const) : ('Gateway' as const),
    namespace: p.namespace ?? rns,
    name: p.name,
  }));
  const rollout = route.kind === 'HTTPRoute' ? activeRolloutOf(route) : undefined;
  return {
    kind: route.kind,
    ...(rollout ? { rollout } : {}),
    name: route.metadata.name,
    namespace: rns,
    resourceVersion: route.metadata.resourceVersion ?? '',
    scope: parents.some((p) => p.kind === 'Service') ? 'mesh' : 'gateway',
    parents,
    hostnames: route.kind === 'TCPRoute' ? [] : (route.spec.hostnames ?? []),
    rules: (route.spec.rules ?? []).map((rule, index) => {
      const backends = (rule.backendRefs ?? []).map((b) => {
        const version = isServiceRef(b) ? versionBehind(snapshot, b.namespace ?? rns, b.name) : undefined;
        return {
          name: b.name,
          namespace: b.namespace ?? rns,
          ...(b.port === undefined ? {} : { port: b.port }),
          weight: b.weight ?? 1,
          ...(version === undefined ? {} : { version }),
        };
      });
      const total = backends.reduce((a, b) => a + Math.max(0, b.weight), 0);
      const matches = 'matches' in rule ? ((rule.matches ?? []) as Record<string, unknown>[]) : [];
      return {
        index,
        ...(rule.name === undefined ? {} : { name: rule.name }),
        matchSummary: matches.map(matchSummary),
        backends,
        expected:
          total > 0
            ? backends.map((b) => ({ host: resolveHost(b.name, b.namespace), share: Math.max(0, b.weight) / total }))
            : [],
        filters: ((rule as { filters?: { type: string }[] }).filters ?? []).map((f) => f.type),
      };
    }),
  };
}
