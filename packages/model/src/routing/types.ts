import type {
  Destination,
  HTTPFaultInjection,
  HTTPRedirect,
  HTTPRewrite,
  HTTPRetry,
  HTTPRoute,
} from '../resources/istio';
import type { RouteKind } from '../resources/route-ref';

/*
 * Types of the routing semantics: the one function (resolveRoute in ./resolve) that decides where
 * a request goes. The simulator routes with it; the UI's expected split is computed with it.
 */

export type RequestSource =
  /** A sidecar inside the mesh; `labels` are the client workload's labels (for sourceLabels matches). */
  | { kind: 'mesh'; namespace: string; labels?: Record<string, string> }
  /** An ingress gateway; `gateway` is "namespace/name" of the Gateway object the request entered by. */
  /**
   * An ingress gateway; `gateway` is "namespace/name" of the Gateway object the request entered by.
   * `namespace` is the gateway workload's namespace (defaults to the Gateway's), `labels` its pod
   * labels (for sourceLabels matches on gateway-bound routes).
   */
  | { kind: 'gateway'; gateway: string; namespace?: string; labels?: Record<string, string> };

export interface RoutingRequest {
  protocol: 'http' | 'grpc' | 'tcp' | 'tls';
  /** Host as the client addressed it: a short Service name, an FQDN, or a gateway host like fe.toptops.top. */
  host: string;
  /** Namespace the short host name resolves in (the client's namespace for mesh traffic). */
  namespace: string;
  port?: number;
  path?: string;
  method?: string;
  /** Lower-case header names. */
  headers?: Record<string, string>;
  sniHost?: string;
  source: RequestSource;
}

export interface WeightedTarget {
  destination: Destination;
  /** Integer or fractional percentage; the weights of one decision sum to 100. */
  weight: number;
}

export interface MirrorTarget {
  destination: Destination;
  /** 0..100 */
  percent: number;
}

export interface RouteDecision {
  /** The VirtualService that matched, or undefined when the request took the default (no VS) path. */
  virtualService?: { namespace: string; name: string };
  routeKind?: RouteKind;
  routeIndex?: number;
  routeName?: string;
  /**
   * The Gateway API route that matched (decision 0071): `ruleIndex` into `spec.rules`. Set instead of
   * `virtualService` when an HTTPRoute, GRPCRoute or TCPRoute decided.
   */
  gatewayRoute?: { kind: 'HTTPRoute' | 'GRPCRoute' | 'TCPRoute'; namespace: string; name: string; ruleIndex: number };
  /** Set when the route lives in a delegate VirtualService: the root VirtualService and route that delegated. */
  delegatedFrom?: { namespace: string; name: string; routeIndex: number };
  /** Index of the match block that matched (undefined when the route has no match: it matches all). */
  matchIndex?: number;
  /** The route as configured, for callers that need more than the summary below. */
  route?: HTTPRoute;
  /**
   * Where requests go, with weights summing to 100 (0-weight destinations are kept so a UI can
   * show them). Empty for redirect/directResponse/noRoute. Hosts are fully qualified: a short
   * name in a VirtualService is resolved in the VirtualService's namespace.
   */
  destinations: WeightedTarget[];
  redirect?: HTTPRedirect;
  rewrite?: HTTPRewrite;
  /** Path the destination receives after `rewrite` (undefined when the route does not rewrite the path). */
  rewrittenPath?: string;
  directResponse?: { status: number };
  fault?: HTTPFaultInjection;
  mirrors: MirrorTarget[];
  /** Route timeout in ms (undefined: none, Istio's default is no timeout). */
  timeoutMs?: number;
  retries?: HTTPRetry & { perTryTimeoutMs?: number };
  /** Fully qualified host the decision was made for (name.namespace.svc.cluster.local for Services). */
  resolvedHost: string;
  /** No VirtualService route matched and the request has no default destination (e.g. gateway 404). */
  noRoute?: boolean;
}
