import { z } from 'zod';
import { destinationRuleEditSchema } from '../edits/destination-rule-edits';
import { editSchema } from '../edits/edit-schema';
import { graphTypeSchema, splitScopeSchema } from '../graph/schema';
import { activeRolloutSchema } from '../rollout/state';
import { trafficCoverageShape } from '../traffic/coverage';
import {
  destinationRuleSchema,
  destinationSchema,
  httpFaultInjectionSchema,
  httpRedirectSchema,
  httpMatchRequestSchema,
  headersSchema,
  httpRouteDestinationSchema,
  httpRetrySchema,
  httpRewriteSchema,
  istioObjectSchema,
  virtualServiceSchema,
} from '../resources/istio';
import { routeKindSchema } from '../resources/route-ref';
import { findingSchema } from '../validation/finding';
import { gatewayRouteViewSchema } from './gateway-route-schemas';

/* Request and response bodies of API v1 (DESIGN.md "API contract"). The API validates with these; the web parses with them. */

/** `window` is a Prometheus-style duration: 10s..1h. */
export const windowSchema = z.string().regex(/^\d+(s|m|h)$/, 'window must look like 30s, 5m or 1h');

export const graphQuerySchema = z.object({
  namespaces: z
    .string()
    .min(1, 'namespaces is required')
    .transform((s) =>
      s
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean),
    ),
  graphType: graphTypeSchema.default('versionedApp'),
  window: windowSchema.default('30s'),
  injectServiceNodes: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});
export type GraphQuery = z.infer<typeof graphQuerySchema>;

export const serviceSummarySchema = z.object({
  namespace: z.string(),
  name: z.string(),
  ports: z.array(
    z.object({ name: z.string().optional(), port: z.number().int(), protocol: z.enum(['http', 'grpc', 'tcp']) }),
  ),
  versions: z.array(z.string()),
  virtualServices: z.array(z.string()),
  destinationRules: z.array(z.string()),
  /** Gateway API routes that route the service, as "HTTPRoute/echo" (decision 70). */
  gatewayRoutes: z.array(z.string()).optional(),
  hasRouting: z.boolean(),
  /** Whether "set up traffic management" (POST .../routing) can work here, and if not, why. */
  routingSetup: z.object({ available: z.boolean(), reason: z.string().optional() }).optional(),
});
export type ServiceSummary = z.infer<typeof serviceSummarySchema>;
export const serviceListSchema = z.object({ items: z.array(serviceSummarySchema) });

export const subsetViewSchema = z.object({
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  /** Workloads whose labels the subset selects; empty means the subset selects nothing. */
  workloads: z.array(z.string()),
  version: z.string().optional(),
  destinationRule: z.string().optional(),
});

export const expectedShareSchema = z.object({
  destination: destinationSchema,
  /** 0..1 of this route's requests. */
  share: z.number().min(0).max(1),
});

export const routeViewSchema = z.object({
  kind: routeKindSchema,
  index: z.number().int().nonnegative(),
  name: z.string().optional(),
  /** A human summary of the match block, e.g. `headers.end-user exact "jason"`; empty for the default route. */
  matchSummary: z.array(z.string()),
  expected: z.array(expectedShareSchema),
  fault: httpFaultInjectionSchema.optional(),
  mirrors: z.array(z.object({ destination: destinationSchema, percent: z.number() })),
  timeout: z.string().optional(),
  retries: httpRetrySchema.optional(),
  redirect: httpRedirectSchema.optional(),
  rewrite: httpRewriteSchema.optional(),
  /** The match blocks as stored (http routes), for the forms that edit them. */
  match: z.array(httpMatchRequestSchema).optional(),
  /** Route-level header operations (http routes). */
  headers: headersSchema.optional(),
  /** The weighted destinations as stored, with their own header operations (http routes). */
  destinations: z.array(httpRouteDestinationSchema).optional(),
});
export type RouteView = z.infer<typeof routeViewSchema>;

export const virtualServiceViewSchema = z.object({
  name: z.string(),
  namespace: z.string(),
  resourceVersion: z.string(),
  hosts: z.array(z.string()),
  gateways: z.array(z.string()),
  routes: z.array(routeViewSchema),
  /** Set when a controller (Flagger, Argo Rollouts) owns the weights; the UI shows it read-only. */
  managedBy: z.string().optional(),
  /** A Sluice rollout in progress on this VirtualService: weight edits on its route need an explicit override. */
  rollout: activeRolloutSchema.optional(),
});
export type VirtualServiceView = z.infer<typeof virtualServiceViewSchema>;

export const observedVersionSchema = z.object({
  version: z.string(),
  /** The DestinationRule subset that selects this version's workloads, when one does. */
  subset: z.string().optional(),
  rps: z.number().nonnegative(),
  /** 0..1 of the requests that reached a version in the window (mirrored copies, retries and unrouted requests excluded). */
  share: z.number().min(0).max(1),
  errorRate: z.number().min(0).max(1),
  latencyP95Ms: z.number().nonnegative().optional(),
});
/**
 * Requests to the service that reached no version, by why: injected aborts (Envoy's fault filter
 * answers before routing), replies of the caller's own sidecar (redirect, direct response, no
 * route), no healthy upstream. Istio reports them without a destination version; so does Sluice.
 */
export const observedUnroutedSchema = z.object({
  reason: z.enum(['fault_abort', 'local_reply', 'no_upstream']),
  rps: z.number().nonnegative(),
  errorRate: z.number().min(0).max(1),
});
export type ObservedUnrouted = z.infer<typeof observedUnroutedSchema>;

export const observedBySourceSchema = z.object({
  /** Source workload name, e.g. `istio-ingressgateway` or `productpage-v1`. */
  source: z.string(),
  sourceNamespace: z.string(),
  /** Whether the caller is a gateway workload (gateway-bound VirtualServices route it) or in the mesh; as the graph's splits. */
  scope: splitScopeSchema.optional(),
  rps: z.number().nonnegative(),
  versions: z.array(observedVersionSchema),
});

export const serviceTrafficSchema = z.object({
  namespace: z.string(),
  service: z.string(),
  protocol: z.enum(['http', 'grpc', 'tcp']),
  versions: z.array(z.string()),
  subsets: z.array(subsetViewSchema),
  virtualServices: z.array(virtualServiceViewSchema),
  /** Gateway API routes that route the Service (GAMMA parent, or a backendRef serving its pods). */
  gatewayRoutes: z.array(gatewayRouteViewSchema).optional(),
  observed: z.object({
    window: z.string(),
    /** Every request the clients sent (routed to a version or not). */
    rps: z.number().nonnegative(),
    versions: z.array(observedVersionSchema),
    unrouted: z.array(observedUnroutedSchema).optional(),
    bySource: z.array(observedBySourceSchema),
    metricsError: z.string().optional(),
    ...trafficCoverageShape,
  }),
  findings: z.array(findingSchema),
});
export type ServiceTraffic = z.infer<typeof serviceTrafficSchema>;

/**
 * A weight change on the route of an active rollout is refused (409, reason `rollout`) unless the
 * body says `overrideRollout: true`; the rollout is then paused and its timeline records the drift.
 */
const overrideRolloutSchema = z.boolean().optional();

export const editsRequestSchema = z.strictObject({
  resourceVersion: z.string().min(1, 'resourceVersion is required'),
  edits: z.array(editSchema).min(1, 'at least one edit is required'),
  overrideRollout: overrideRolloutSchema,
});
export type EditsRequest = z.infer<typeof editsRequestSchema>;

export const editsResponseSchema = z.object({
  dryRun: z.boolean(),
  object: virtualServiceSchema,
  /** Unified diff of the YAML before and after. */
  diff: z.string(),
  findings: z.array(findingSchema),
});
export type EditsResponse = z.infer<typeof editsResponseSchema>;

/** POST .../destinationrules/:name/edits (no rollout concerns a DestinationRule, so no override). */
export const destinationRuleEditsRequestSchema = z.strictObject({
  resourceVersion: z.string().min(1, 'resourceVersion is required'),
  edits: z.array(destinationRuleEditSchema).min(1, 'at least one edit is required'),
});

export const destinationRuleEditsResponseSchema = z.object({
  dryRun: z.boolean(),
  object: destinationRuleSchema,
  diff: z.string(),
  findings: z.array(findingSchema),
});

export const createRoutingRequestSchema = z.strictObject({
  /** The pod label whose values become subsets (default `version`). */
  versionLabel: z.string().min(1).default('version'),
});
export const createRoutingResponseSchema = z.object({
  /** true: the objects that would be created (POST ...?dryRun=true), nothing written. */
  dryRun: z.boolean().optional(),
  destinationRule: destinationRuleSchema,
  virtualService: virtualServiceSchema,
});
export type CreateRoutingResponse = z.infer<typeof createRoutingResponseSchema>;

/** PUT /api/namespaces/:ns/:kind/:name body: YAML text, or the object itself; metadata.resourceVersion is the precondition. */
export const replaceObjectRequestSchema = z.union([
  z.strictObject({ yaml: z.string().min(1), overrideRollout: overrideRolloutSchema }),
  z.strictObject({ object: z.record(z.string(), z.unknown()), overrideRollout: overrideRolloutSchema }),
]);
export type ReplaceObjectRequest = z.infer<typeof replaceObjectRequestSchema>;

export const istioObjectWithFindingsSchema = z.object({
  object: istioObjectSchema,
  findings: z.array(findingSchema),
});
export const istioObjectListSchema = z.object({ items: z.array(istioObjectWithFindingsSchema) });
export type IstioObjectList = z.infer<typeof istioObjectListSchema>;
