import type {
  BackendRef,
  HTTPRouteFilter,
  KubeGateway,
  KubeGRPCRoute,
  KubeHTTPRoute,
  KubeRoute,
  ParentRef,
} from '../resources/gateway-api';
import { GATEWAY_API_GROUP } from '../resources/gateway-api';
import { gepDurationMs } from '../resources/duration';
import type { IstioConfig } from '../resources/istio';
import { nsOf } from '../resources/kube';
import { hostMatches, hostSpecificity, resolveHost, serviceOfHost } from './host';
import {
  compareRanks,
  grpcMatchHits,
  grpcMatchRank,
  httpMatchHits,
  httpMatchRank,
  matchesOf,
  type MatchRank,
} from './gateway-api-match';
import type { MatchContext } from './request-context';
import type { MirrorTarget, RouteDecision, RoutingRequest, WeightedTarget } from './types';

/*
 * Where Gateway API routes send a request (decision 0071). Two attachments:
 *  - a Gateway API Gateway ("ns/name" of a Gateway in `kubeGateways`): the routes whose parentRefs
 *    name it and whose hostnames cover the request host; VirtualServices do not bind to it.
 *  - GAMMA: routes whose parentRef is a Service take that Service's mesh traffic. Istio gives them
 *    precedence over a VirtualService for the same host on the sidecar. A consumer route (in the
 *    client's namespace, for a Service elsewhere) applies to that namespace's clients only and wins
 *    over the producer routes (in the Service's namespace), as GEP-1426 says.
 */

type RouteKindName = 'HTTPRoute' | 'GRPCRoute' | 'TCPRoute';

const isServiceParent = (p: ParentRef) => (p.group ?? '') === '' && p.kind === 'Service';
const isGatewayParent = (p: ParentRef) =>
  (p.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP && (p.kind ?? 'Gateway') === 'Gateway';

export function findKubeGateway(config: IstioConfig, key: string): KubeGateway | undefined {
  const [ns, name] = key.split('/');
  return (config.kubeGateways ?? []).find((g) => g.metadata.name === name && nsOf(g) === ns);
}

/**
 * The route kinds that may carry a request, in order of preference: gRPC is served by GRPCRoutes
 * and, for a parent with none, by HTTPRoutes (as Istio does); TLS passthrough is not modelled.
 */
function routesOf(
  config: IstioConfig,
  protocol: RoutingRequest['protocol'],
): { kind: RouteKindName; routes: KubeRoute[] }[] {
  if (protocol === 'grpc')
    return [
      { kind: 'GRPCRoute', routes: config.grpcRoutes ?? [] },
      { kind: 'HTTPRoute', routes: config.httpRoutes ?? [] },
    ];
  if (protocol === 'tcp') return [{ kind: 'TCPRoute', routes: config.tcpRoutes ?? [] }];
  if (protocol === 'http') return [{ kind: 'HTTPRoute', routes: config.httpRoutes ?? [] }];
  return [];
}

/** The first kind (in preference order) with routes that `attach` keeps. */
function firstAttached(
  candidates: { kind: RouteKindName; routes: KubeRoute[] }[],
  attach: (kind: RouteKindName, routes: KubeRoute[]) => KubeRoute[],
): { kind: RouteKindName; routes: KubeRoute[] } {
  for (const { kind, routes } of candidates) {
    const attached = attach(kind, routes);
    if (attached.length > 0) return { kind, routes: attached };
  }
  return { kind: candidates[0]?.kind ?? 'HTTPRoute', routes: [] };
}

/** How specifically a route's hostnames cover the host: -1 when not at all (no hostnames cover everything). */
function hostnameFit(route: KubeRoute, host: string): number {
  const names: readonly string[] = route.kind === 'TCPRoute' ? [] : (route.spec.hostnames ?? []);
  if (names.length === 0) return 0;
  let best = -1;
  for (const n of names) if (hostMatches(n, host)) best = Math.max(best, hostSpecificity(n));
  return best;
}

/** Routes attached to a Gateway API Gateway for this host, most specific hostname only. */
export function gatewayAttachedRoutes(
  config: IstioConfig,
  gateway: KubeGateway,
  request: RoutingRequest,
  host: string,
) {
  const gwNs = nsOf(gateway);
  // A listener with a hostname serves only hosts it covers: Envoy has no virtual host for the rest.
  const listeners = gateway.spec.listeners ?? [];
  const admitted =
    request.protocol === 'tcp' ||
    listeners.length === 0 ||
    listeners.some((l) => l.hostname === undefined || hostMatches(l.hostname, host));
  return firstAttached(routesOf(config, request.protocol), (kind, routes) => {
    if (!admitted) return [];
    const attached = routes
      .filter((r) =>
        (r.spec.parentRefs ?? []).some(
          (p) => isGatewayParent(p) && p.name === gateway.metadata.name && (p.namespace ?? nsOf(r)) === gwNs,
        ),
      )
      .map((r) => ({ route: r, fit: kind === 'TCPRoute' ? 0 : hostnameFit(r, host) }))
      .filter((x) => x.fit >= 0);
    const top = Math.max(-1, ...attached.map((x) => x.fit));
    return attached.filter((x) => x.fit === top).map((x) => x.route);
  });
}

/** GAMMA routes for a Service host as seen from a client namespace (empty: none apply). */
export function meshAttachedRoutes(
  config: IstioConfig,
  request: RoutingRequest,
  host: string,
  clientNamespace: string,
) {
  const svc = serviceOfHost(host);
  return firstAttached(routesOf(config, request.protocol), (_kind, routes) => {
    if (!svc) return [];
    const attached = routes.filter((r) =>
      (r.spec.parentRefs ?? []).some(
        (p) =>
          isServiceParent(p) &&
          p.name === svc.name &&
          (p.namespace ?? nsOf(r)) === svc.namespace &&
          (p.port === undefined || request.port === undefined || p.port === request.port),
      ),
    );
    const consumer = attached.filter((r) => nsOf(r) === clientNamespace && nsOf(r) !== svc.namespace);
    const producer = attached.filter((r) => nsOf(r) === svc.namespace);
    return consumer.length > 0 ? consumer : producer;
  });
}

function age(route: KubeRoute): number {
  const t = route.metadata.creationTimestamp ? Date.parse(route.metadata.creationTimestamp) : Number.NaN;
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

function compareRoutes(a: KubeRoute, b: KubeRoute): number {
  const byAge = age(a) - age(b);
  if (byAge !== 0 && !Number.isNaN(byAge)) return byAge;
  const ka = `${nsOf(a)}/${a.metadata.name}`;
  const kb = `${nsOf(b)}/${b.metadata.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

interface Hit {
  route: KubeRoute;
  ruleIndex: number;
  matchIndex: number | undefined;
  rank: MatchRank;
}

/** The winning rule among every rule of every candidate route (see gateway-api-match for the order). */
export function bestRule(kind: RouteKindName, routes: readonly KubeRoute[], ctx: MatchContext): Hit | undefined {
  const hits: Hit[] = [];
  for (const route of [...routes].sort(compareRoutes)) {
    (route.spec.rules ?? []).forEach((rule, ruleIndex) => {
      if (kind === 'TCPRoute') {
        if (ruleIndex === 0) hits.push({ route, ruleIndex, matchIndex: undefined, rank: [] });
        return;
      }
      if (kind === 'GRPCRoute') {
        const matches = (rule as NonNullable<KubeGRPCRoute['spec']['rules']>[number]).matches ?? [];
        if (matches.length === 0) hits.push({ route, ruleIndex, matchIndex: undefined, rank: [0, 0, 0] });
        matches.forEach((m, i) => {
          if (grpcMatchHits(m, ctx)) hits.push({ route, ruleIndex, matchIndex: i, rank: grpcMatchRank(m) });
        });
        return;
      }
      const httpRule = rule as NonNullable<KubeHTTPRoute['spec']['rules']>[number];
      const explicit = (httpRule.matches ?? []).length > 0;
      matchesOf(httpRule).forEach((m, i) => {
        if (httpMatchHits(m, ctx))
          hits.push({ route, ruleIndex, matchIndex: explicit ? i : undefined, rank: httpMatchRank(m) });
      });
    });
  }
  // Array.prototype.sort is stable: equal ranks keep route age/name, then rule and match order.
  return hits.sort((a, b) => compareRanks(a.rank, b.rank))[0];
}

function backendHost(ref: BackendRef | { name: string; namespace?: string | undefined }, routeNs: string): string {
  return resolveHost(ref.name, ref.namespace ?? routeNs);
}

/** backendRefs as weighted targets summing to 100 (weight defaults to 1); undefined when all are 0. */
export function backendTargets(refs: readonly BackendRef[], routeNs: string): WeightedTarget[] | undefined {
  const raw = refs.map((r) => Math.max(0, r.weight ?? 1));
  const total = raw.reduce((a, b) => a + b, 0);
  if (total === 0) return undefined;
  return refs.map((r, i) => ({
    destination: {
      host: backendHost(r, routeNs),
      ...(r.port === undefined ? {} : { port: { number: r.port } }),
    },
    weight: ((raw[i] ?? 0) * 100) / total,
  }));
}

function mirrorsOf(filters: readonly HTTPRouteFilter[], routeNs: string): MirrorTarget[] {
  return filters.flatMap((f) => {
    const m = f.requestMirror;
    if (f.type !== 'RequestMirror' || !m) return [];
    const percent = m.percent ?? (m.fraction ? (m.fraction.numerator * 100) / (m.fraction.denominator ?? 100) : 100);
    return [
      {
        destination: {
          host: backendHost(m.backendRef, routeNs),
          ...(m.backendRef.port === undefined ? {} : { port: { number: m.backendRef.port } }),
        },
        percent,
      },
    ];
  });
}

/** The path after a URLRewrite: ReplacePrefixMatch swaps the matched prefix, ReplaceFullPath the whole path. */
function rewrittenPath(
  mod: NonNullable<NonNullable<HTTPRouteFilter['urlRewrite']>['path']>,
  matchedPrefix: string | undefined,
  path: string,
): string | undefined {
  if (mod.type === 'ReplaceFullPath') return mod.replaceFullPath;
  if (mod.type !== 'ReplacePrefixMatch' || mod.replacePrefixMatch === undefined) return undefined;
  const prefix = matchedPrefix && matchedPrefix !== '/' ? matchedPrefix.replace(/\/$/, '') : '';
  const rest = path.slice(prefix.length);
  const replacement = mod.replacePrefixMatch.replace(/\/$/, '');
  return `${replacement}${rest}` || '/';
}

export function gatewayRouteDecision(
  kind: RouteKindName,
  hit: Hit,
  ctx: MatchContext,
  resolvedHost: string,
): RouteDecision {
  const routeNs = nsOf(hit.route);
  const rule = (hit.route.spec.rules ?? [])[hit.ruleIndex] as {
    name?: string;
    backendRefs?: BackendRef[];
    filters?: HTTPRouteFilter[];
    matches?: { path?: { type?: string; value?: string } }[];
    timeouts?: { request?: string };
  };
  const decision: RouteDecision = {
    gatewayRoute: { kind, namespace: routeNs, name: hit.route.metadata.name, ruleIndex: hit.ruleIndex },
    routeKind: kind === 'TCPRoute' ? 'tcp' : 'http',
    routeIndex: hit.ruleIndex,
    ...(rule.name === undefined ? {} : { routeName: rule.name }),
    ...(hit.matchIndex === undefined ? {} : { matchIndex: hit.matchIndex }),
    destinations: [],
    mirrors: [],
    resolvedHost,
  };
  const filters = rule.filters ?? [];
  const redirect = filters.find((f) => f.type === 'RequestRedirect')?.requestRedirect;
  if (redirect) {
    const path = redirect.path?.type === 'ReplaceFullPath' ? redirect.path.replaceFullPath : undefined;
    return {
      ...decision,
      redirect: {
        ...(path === undefined ? {} : { uri: path }),
        ...(redirect.hostname === undefined ? {} : { authority: redirect.hostname }),
        ...(redirect.port === undefined ? {} : { port: redirect.port }),
        ...(redirect.scheme === undefined ? {} : { scheme: redirect.scheme }),
        redirectCode: redirect.statusCode ?? 302,
      },
    };
  }
  const targets = backendTargets(rule.backendRefs ?? [], routeNs);
  // No backend with weight (none at all, or all 0): the spec answers 500.
  if (!targets) return { ...decision, directResponse: { status: 500 } };
  decision.destinations = targets;
  decision.mirrors = mirrorsOf(filters, routeNs);
  const rewrite = filters.find((f) => f.type === 'URLRewrite')?.urlRewrite;
  if (rewrite) {
    decision.rewrite = {
      ...(rewrite.path?.type === 'ReplaceFullPath' && rewrite.path.replaceFullPath !== undefined
        ? { uri: rewrite.path.replaceFullPath }
        : {}),
      ...(rewrite.hostname === undefined ? {} : { authority: rewrite.hostname }),
    };
    const matched = hit.matchIndex === undefined ? undefined : rule.matches?.[hit.matchIndex]?.path?.value;
    const path = rewrite.path ? rewrittenPath(rewrite.path, matched, ctx.path) : undefined;
    if (path !== undefined) decision.rewrittenPath = path;
  }
  const timeout = rule.timeouts?.request;
  if (timeout !== undefined) {
    const ms = gepDurationMs(timeout);
    if (ms !== undefined && ms > 0) decision.timeoutMs = ms;
  }
  return decision;
}

/** The decision when routes are attached but no rule matches: 404, as Envoy answers (NR). */
export function noRouteDecision(resolvedHost: string): RouteDecision {
  return { destinations: [], mirrors: [], resolvedHost, noRoute: true };
}
