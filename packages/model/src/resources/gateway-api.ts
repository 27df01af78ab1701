import { z } from 'zod';
import { objectMetaSchema } from './object-meta';

/*
 * Kubernetes Gateway API v1 routes (gateway.networking.k8s.io): HTTPRoute, GRPCRoute (standard
 * channel) and TCPRoute (v1alpha2, experimental channel), and the Gateway they attach to. As with
 * the Istio kinds, every object schema is loose so fields Sluice does not know survive a
 * read-modify-write; the spec's value rules (weights, path values, filter pairs) are in
 * ../validation/gateway-api-route.ts so invalid-but-well-formed objects can be read and reported on.
 * The TypeScript names carry a `Kube` prefix: Istio's VirtualService already has an `HTTPRoute`.
 */

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** A Gateway or (GAMMA, mesh traffic) a Service the route attaches to. */
export const parentRefSchema = z.looseObject({
  group: z.string().optional(),
  kind: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string(),
  sectionName: z.string().optional(),
  port: z.number().int().optional(),
});
export type ParentRef = z.infer<typeof parentRefSchema>;

export const headerModifierSchema = z.looseObject({
  set: z.array(z.looseObject({ name: z.string(), value: z.string() })).optional(),
  add: z.array(z.looseObject({ name: z.string(), value: z.string() })).optional(),
  remove: z.array(z.string()).optional(),
});
export type HeaderModifier = z.infer<typeof headerModifierSchema>;

export const pathModifierSchema = z.looseObject({
  type: z.string(),
  replaceFullPath: z.string().optional(),
  replacePrefixMatch: z.string().optional(),
});

export const backendObjectRefSchema = z.looseObject({
  group: z.string().optional(),
  kind: z.string().optional(),
  name: z.string(),
  namespace: z.string().optional(),
  port: z.number().int().optional(),
});

export const httpRouteFilterSchema = z.looseObject({
  type: z.string(),
  requestHeaderModifier: headerModifierSchema.optional(),
  responseHeaderModifier: headerModifierSchema.optional(),
  requestRedirect: z
    .looseObject({
      scheme: z.string().optional(),
      hostname: z.string().optional(),
      path: pathModifierSchema.optional(),
      port: z.number().int().optional(),
      statusCode: z.number().int().optional(),
    })
    .optional(),
  urlRewrite: z.looseObject({ hostname: z.string().optional(), path: pathModifierSchema.optional() }).optional(),
  requestMirror: z
    .looseObject({
      backendRef: backendObjectRefSchema,
      percent: z.number().int().optional(),
      fraction: z.looseObject({ numerator: z.number().int(), denominator: z.number().int().optional() }).optional(),
    })
    .optional(),
  extensionRef: z.looseObject({}).optional(),
});
export type HTTPRouteFilter = z.infer<typeof httpRouteFilterSchema>;

export const backendRefSchema = backendObjectRefSchema.extend({
  /** Relative weight, 0..1,000,000; 1 when absent. */
  weight: z.number().int().optional(),
  filters: z.array(httpRouteFilterSchema).optional(),
});
export type BackendRef = z.infer<typeof backendRefSchema>;

export const httpPathMatchSchema = z.looseObject({ type: z.string().optional(), value: z.string().optional() });
export const httpNameValueMatchSchema = z.looseObject({
  type: z.string().optional(),
  name: z.string(),
  value: z.string(),
});
export type HTTPNameValueMatch = z.infer<typeof httpNameValueMatchSchema>;

export const httpRouteMatchSchema = z.looseObject({
  path: httpPathMatchSchema.optional(),
  headers: z.array(httpNameValueMatchSchema).optional(),
  queryParams: z.array(httpNameValueMatchSchema).optional(),
  method: z.string().optional(),
});
export type HTTPRouteMatch = z.infer<typeof httpRouteMatchSchema>;

export const httpRouteRuleSchema = z.looseObject({
  name: z.string().optional(),
  matches: z.array(httpRouteMatchSchema).optional(),
  filters: z.array(httpRouteFilterSchema).optional(),
  backendRefs: z.array(backendRefSchema).optional(),
  timeouts: z.looseObject({ request: z.string().optional(), backendRequest: z.string().optional() }).optional(),
});
export type HTTPRouteRule = z.infer<typeof httpRouteRuleSchema>;

const routeSpecBase = {
  parentRefs: z.array(parentRefSchema).optional(),
  hostnames: z.array(z.string()).optional(),
};

export const kubeHttpRouteSchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.literal('HTTPRoute'),
  metadata: objectMetaSchema,
  spec: z.looseObject({ ...routeSpecBase, rules: z.array(httpRouteRuleSchema).optional() }),
});
export type KubeHTTPRoute = z.infer<typeof kubeHttpRouteSchema>;

export const grpcMethodMatchSchema = z.looseObject({
  type: z.string().optional(),
  service: z.string().optional(),
  method: z.string().optional(),
});
export const grpcRouteRuleSchema = z.looseObject({
  name: z.string().optional(),
  matches: z
    .array(
      z.looseObject({
        method: grpcMethodMatchSchema.optional(),
        headers: z.array(httpNameValueMatchSchema).optional(),
      }),
    )
    .optional(),
  filters: z.array(httpRouteFilterSchema).optional(),
  backendRefs: z.array(backendRefSchema).optional(),
});
export type GRPCRouteRule = z.infer<typeof grpcRouteRuleSchema>;

export const kubeGrpcRouteSchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.literal('GRPCRoute'),
  metadata: objectMetaSchema,
  spec: z.looseObject({ ...routeSpecBase, rules: z.array(grpcRouteRuleSchema).optional() }),
});
export type KubeGRPCRoute = z.infer<typeof kubeGrpcRouteSchema>;

export const tcpRouteRuleSchema = z.looseObject({
  name: z.string().optional(),
  backendRefs: z.array(backendRefSchema).optional(),
});
export const kubeTcpRouteSchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.literal('TCPRoute'),
  metadata: objectMetaSchema,
  spec: z.looseObject({
    parentRefs: z.array(parentRefSchema).optional(),
    rules: z.array(tcpRouteRuleSchema).optional(),
  }),
});
export type KubeTCPRoute = z.infer<typeof kubeTcpRouteSchema>;

/** A Gateway API Gateway (not Istio's networking.istio.io Gateway, which shares the kind name). */
export const kubeGatewaySchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.literal('Gateway'),
  metadata: objectMetaSchema,
  spec: z.looseObject({
    gatewayClassName: z.string(),
    listeners: z
      .array(
        z.looseObject({
          name: z.string(),
          hostname: z.string().optional(),
          port: z.number().int(),
          protocol: z.string(),
        }),
      )
      .optional(),
  }),
});
export type KubeGateway = z.infer<typeof kubeGatewaySchema>;

/** Any of the three route kinds. */
export type KubeRoute = KubeHTTPRoute | KubeGRPCRoute | KubeTCPRoute;
