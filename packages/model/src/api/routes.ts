/*
 * Every path of the HTTP API, written once. The API registers each with `routerPath` (its routers are
 * mounted under /api), the OpenAPI document lists it with `openApiPath`, and clients (web, e2e) build
 * URLs with `apiPath`, which encodes each parameter. A route added here and not served, or served and
 * not documented, fails apps/api/src/http/routes.test.ts.
 */
export const API_ROUTES = {
  health: '/api/healthz',
  readiness: '/api/readyz',
  liveness: '/api/livez',
  openapi: '/api/openapi.json',
  session: '/api/session',
  namespaces: '/api/namespaces',
  services: '/api/namespaces/:ns/services',
  istioObjects: '/api/istio',
  graph: '/api/graph',
  graphPreview: '/api/graph/preview',
  serviceTraffic: '/api/namespaces/:ns/services/:name/traffic',
  object: '/api/namespaces/:ns/:plural/:name',
  edits: '/api/namespaces/:ns/:plural/:name/edits',
  routing: '/api/namespaces/:ns/services/:name/routing',
  rollout: '/api/namespaces/:ns/services/:name/rollout',
  rolloutAction: '/api/namespaces/:ns/services/:name/rollout/:action',
  events: '/api/events',
  overview: '/api/overview',
  serviceMetrics: '/api/namespaces/:ns/services/:name/metrics',
  workload: '/api/namespaces/:ns/workloads/:name',
  app: '/api/namespaces/:ns/apps/:app',
  workloadMetrics: '/api/namespaces/:ns/workloads/:name/metrics',
  demoVersionHealth: '/api/demo/namespaces/:ns/apps/:app/versions/:version/health',
} as const;

export type ApiRoute = (typeof API_ROUTES)[keyof typeof API_ROUTES];

/** The `:param` names of a route, as a union of string literals. */
export type RouteParams<R extends string> = R extends `${string}:${infer P}/${infer Rest}`
  ? P | RouteParams<Rest>
  : R extends `${string}:${infer P}`
    ? P
    : never;

const API_PREFIX = '/api';

/** A URL path for a route, each parameter URI-encoded: `apiPath(API_ROUTES.services, { ns: 'bookinfo' })`. */
export function apiPath<R extends ApiRoute>(route: R, params: Record<RouteParams<R>, string>): string {
  const values = params as Record<string, string>;
  return route.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}

/** The route as an Express router mounted under /api registers it; a literal type, so Express types its params. */
export function routerPath<R extends ApiRoute>(route: R): R extends `/api${infer Rest}` ? Rest : never {
  return route.slice(API_PREFIX.length) as R extends `/api${infer Rest}` ? Rest : never;
}

/** The route as an OpenAPI path key (`{ns}`); `fixed` fills some parameters in (one path per plural). */
export function openApiPath<R extends ApiRoute>(route: R, fixed: Partial<Record<RouteParams<R>, string>> = {}): string {
  const values = fixed as Record<string, string | undefined>;
  return route.replace(/:([A-Za-z]+)/g, (_, name: string) => values[name] ?? `{${name}}`);
}
