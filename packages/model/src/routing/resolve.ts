import type { IstioConfig, VirtualService } from '../resources/istio';
import type { MeshSnapshot } from '../resources/snapshot';
import { l4Decision, type MatchedRoute } from './decision';
import {
  bestRule,
  findKubeGateway,
  gatewayAttachedRoutes,
  gatewayRouteDecision,
  meshAttachedRoutes,
  noRouteDecision,
} from './gateway-api';
import { findGateway, gatewayAdmits } from './gateway-ref';
import { resolveHost } from './host';
import { firstHttpRoute } from './http-routes';
import { tcpRouteMatch, tlsRouteMatch } from './match';
import { matchContext, type MatchContext } from './request-context';
import { candidateVirtualServices } from './select-virtual-service';
import type { RouteDecision, RoutingRequest } from './types';

/*
 * The routing semantics: where one request goes, as an Istio sidecar or ingress gateway would
 * send it. Pure: the same config and request always give the same decision (picking among
 * weighted destinations is left to pickWeighted with the caller's random source).
 */

function knownNamespaces(config: IstioConfig | MeshSnapshot): Set<string> {
  const out = new Set<string>('namespaces' in config ? config.namespaces : []);
  for (const o of [
    ...config.virtualServices,
    ...config.destinationRules,
    ...config.gateways,
    ...(config.httpRoutes ?? []),
    ...(config.kubeGateways ?? []),
  ]) {
    if (o.metadata.namespace) out.add(o.metadata.namespace);
  }
  return out;
}

const isL7 = (request: RoutingRequest) => request.protocol === 'http' || request.protocol === 'grpc';

/** The decision when no VirtualService route applies. */
function defaultDecision(request: RoutingRequest, resolvedHost: string, hadVirtualService: boolean): RouteDecision {
  // A gateway has no route for hosts no VirtualService binds to it (Envoy answers 404), and a
  // sidecar whose VirtualService has http routes but none matching answers 404 ("NR") too. TCP on
  // a sidecar falls through to the Service's own cluster.
  const noRoute =
    request.source.kind === 'gateway' || (hadVirtualService && isL7(request)) || resolvedHost.startsWith('*');
  if (noRoute) return { destinations: [], mirrors: [], resolvedHost, noRoute: true };
  const destination =
    request.port === undefined ? { host: resolvedHost } : { host: resolvedHost, port: { number: request.port } };
  return { destinations: [{ destination, weight: 100 }], mirrors: [], resolvedHost };
}

function firstL4Route(
  vs: VirtualService,
  namespace: string,
  request: RoutingRequest,
  ctx: MatchContext,
  resolvedHost: string,
): RouteDecision | undefined {
  const at = (kind: MatchedRoute['kind'], index: number, matchIndex: number | undefined): MatchedRoute => ({
    vsNamespace: namespace,
    vsName: vs.metadata.name,
    kind,
    index,
    matchIndex,
    resolvedHost,
  });
  if (request.protocol === 'tcp') {
    for (const [index, route] of (vs.spec.tcp ?? []).entries()) {
      const hit = tcpRouteMatch(route.match, ctx, namespace);
      if (hit) return l4Decision(route, at('tcp', index, hit.matchIndex));
    }
    return undefined;
  }
  const sni = resolveHost(request.sniHost ?? request.host, request.namespace);
  for (const [index, route] of (vs.spec.tls ?? []).entries()) {
    const hit = tlsRouteMatch(route.match, ctx, namespace, sni);
    if (hit) return l4Decision(route, at('tls', index, hit.matchIndex));
  }
  return undefined;
}

/** Whether the VS has routes for this protocol at all (an http-only VS does not claim tcp traffic). */
function hasRoutesFor(vs: VirtualService, protocol: RoutingRequest['protocol']): boolean {
  if (protocol === 'tcp') return (vs.spec.tcp ?? []).length > 0;
  if (protocol === 'tls') return (vs.spec.tls ?? []).length > 0;
  return (vs.spec.http ?? []).length > 0;
}

export function resolveRoute(config: IstioConfig | MeshSnapshot, request: RoutingRequest): RouteDecision {
  const resolvedHost = resolveHost(request.host, request.namespace, knownNamespaces(config));
  const ctx = matchContext(request);
  const source = request.source;
  if (source.kind === 'gateway') {
    const gateway = findGateway(config.gateways, source.gateway);
    // Unknown Gateway objects are not held against the request (config may be partial); a known
    // one must admit the host, or Envoy has no virtual host for it.
    if (gateway && isL7(request) && !gatewayAdmits(gateway, resolvedHost)) {
      return { destinations: [], mirrors: [], resolvedHost, noRoute: true };
    }
  }
  const consumerNamespace =
    source.kind === 'mesh' ? source.namespace : (source.namespace ?? source.gateway.split('/')[0] ?? '');
  const viaGatewayApi = gatewayApiDecision(config, request, ctx, resolvedHost, consumerNamespace);
  if (viaGatewayApi) return viaGatewayApi;
  const applicable = config.virtualServices.filter((vs) => hasRoutesFor(vs, request.protocol));
  const candidates = candidateVirtualServices(applicable, resolvedHost, ctx.gateway, consumerNamespace);
  const best = candidates[0];
  if (!best) return defaultDecision(request, resolvedHost, false);
  // A sidecar keeps one VirtualService per host (the first); a gateway merges the routes of every
  // VirtualService bound to it for the same host, in the same order (see select-virtual-service).
  const merged = source.kind === 'gateway' ? candidates.filter((c) => c.matchedHost === best.matchedHost) : [best];
  for (const { vs, namespace } of merged) {
    const decision = isL7(request)
      ? firstHttpRoute(config, vs, namespace, ctx, resolvedHost)
      : firstL4Route(vs, namespace, request, ctx, resolvedHost);
    if (decision) return decision;
  }
  return defaultDecision(request, resolvedHost, true);
}

/**
 * Gateway API routes first (decision 0071): a request entering by a Gateway API Gateway is routed
 * by the routes attached to it only; a mesh request for a Service with GAMMA routes is routed by
 * them, ahead of any VirtualService for the host. Undefined when no Gateway API route applies.
 */
function gatewayApiDecision(
  config: IstioConfig | MeshSnapshot,
  request: RoutingRequest,
  ctx: MatchContext,
  resolvedHost: string,
  consumerNamespace: string,
): RouteDecision | undefined {
  const source = request.source;
  if (source.kind === 'gateway') {
    const gateway = findKubeGateway(config, source.gateway);
    if (!gateway) return undefined;
    const { kind, routes } = gatewayAttachedRoutes(config, gateway, request, resolvedHost);
    const hit = bestRule(kind, routes, ctx);
    return hit ? gatewayRouteDecision(kind, hit, ctx, resolvedHost) : noRouteDecision(resolvedHost);
  }
  const { kind, routes } = meshAttachedRoutes(config, request, resolvedHost, consumerNamespace);
  if (routes.length === 0) return undefined;
  const hit = bestRule(kind, routes, ctx);
  return hit ? gatewayRouteDecision(kind, hit, ctx, resolvedHost) : noRouteDecision(resolvedHost);
}
