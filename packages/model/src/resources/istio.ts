import { z } from 'zod';
import {
  GATEWAY_API_GROUP,
  kubeGrpcRouteSchema,
  kubeHttpRouteSchema,
  kubeTcpRouteSchema,
  type KubeGateway,
  type KubeGRPCRoute,
  type KubeHTTPRoute,
  type KubeTCPRoute,
} from './gateway-api';
import { objectMetaSchema } from './object-meta';

/*
 * Istio networking v1 resources (v1beta1/v1alpha3 objects have the same schema).
 * Every object schema is loose: fields Sluice does not know are kept, so a read-modify-write
 * never drops what an operator (or a newer Istio) put there. Field rules istiod enforces live in
 * ../validation, not here: these schemas only fix the shapes, so that invalid-but-well-formed
 * objects can still be read, shown and reported on.
 */

export const ISTIO_GROUP = 'networking.istio.io';
/**
 * The config kinds Sluice reads and writes: Istio's networking kinds and the Gateway API routes
 * (decision 0070). The Gateway API's own `Gateway` is not one of them: its kind name is Istio's,
 * and Sluice only reads it (IstioConfig.kubeGateways).
 */
export const ISTIO_KINDS = [
  'VirtualService',
  'DestinationRule',
  'Gateway',
  'HTTPRoute',
  'GRPCRoute',
  'TCPRoute',
] as const;
export type IstioKind = (typeof ISTIO_KINDS)[number];
/** URL segment for each kind, as in the API paths and Kubernetes plural names. */
export const ISTIO_PLURALS = {
  VirtualService: 'virtualservices',
  DestinationRule: 'destinationrules',
  Gateway: 'gateways',
  HTTPRoute: 'httproutes',
  GRPCRoute: 'grpcroutes',
  TCPRoute: 'tcproutes',
} as const satisfies Record<IstioKind, string>;
export type IstioPlural = (typeof ISTIO_PLURALS)[IstioKind];

/**
 * The API group and the version Sluice reads and writes each kind at, and the apiVersions it
 * accepts in a pasted object.
 */
export const KIND_API = {
  VirtualService: { group: ISTIO_GROUP, version: 'v1', accepts: ['v1', 'v1beta1', 'v1alpha3'] },
  DestinationRule: { group: ISTIO_GROUP, version: 'v1', accepts: ['v1', 'v1beta1', 'v1alpha3'] },
  Gateway: { group: ISTIO_GROUP, version: 'v1', accepts: ['v1', 'v1beta1', 'v1alpha3'] },
  HTTPRoute: { group: GATEWAY_API_GROUP, version: 'v1', accepts: ['v1', 'v1beta1'] },
  GRPCRoute: { group: GATEWAY_API_GROUP, version: 'v1', accepts: ['v1'] },
  // v1alpha2 is what every Gateway API release serves for TCPRoute (v1.6 adds v1 with the same schema).
  TCPRoute: { group: GATEWAY_API_GROUP, version: 'v1alpha2', accepts: ['v1alpha2', 'v1'] },
} as const satisfies Record<IstioKind, { group: string; version: string; accepts: readonly string[] }>;

/** The apiVersion a kind is written with (`gateway.networking.k8s.io/v1`). */
export const apiVersionOf = (kind: IstioKind): string => `${KIND_API[kind].group}/${KIND_API[kind].version}`;

export { objectMetaSchema, type ObjectMeta } from './object-meta';

export const stringMatchSchema = z.looseObject({
  exact: z.string().optional(),
  prefix: z.string().optional(),
  regex: z.string().optional(),
});
export type StringMatch = z.infer<typeof stringMatchSchema>;

export const percentSchema = z.looseObject({ value: z.number() });
export type Percent = z.infer<typeof percentSchema>;

export const portSelectorSchema = z.looseObject({ number: z.number().int().optional() });

export const destinationSchema = z.looseObject({
  host: z.string(),
  subset: z.string().optional(),
  port: portSelectorSchema.optional(),
});
export type Destination = z.infer<typeof destinationSchema>;

export const headerOperationsSchema = z.looseObject({
  set: z.record(z.string(), z.string()).optional(),
  add: z.record(z.string(), z.string()).optional(),
  remove: z.array(z.string()).optional(),
});
export const headersSchema = z.looseObject({
  request: headerOperationsSchema.optional(),
  response: headerOperationsSchema.optional(),
});

export const httpRouteDestinationSchema = z.looseObject({
  destination: destinationSchema,
  weight: z.number().optional(),
  headers: headersSchema.optional(),
});
export type HTTPRouteDestination = z.infer<typeof httpRouteDestinationSchema>;

export const httpMatchRequestSchema = z.looseObject({
  name: z.string().optional(),
  uri: stringMatchSchema.optional(),
  scheme: stringMatchSchema.optional(),
  method: stringMatchSchema.optional(),
  authority: stringMatchSchema.optional(),
  headers: z.record(z.string(), stringMatchSchema).optional(),
  withoutHeaders: z.record(z.string(), stringMatchSchema).optional(),
  queryParams: z.record(z.string(), stringMatchSchema).optional(),
  port: z.number().int().optional(),
  sourceLabels: z.record(z.string(), z.string()).optional(),
  gateways: z.array(z.string()).optional(),
  sourceNamespace: z.string().optional(),
  ignoreUriCase: z.boolean().optional(),
});
export type HTTPMatchRequest = z.infer<typeof httpMatchRequestSchema>;

export const httpRedirectSchema = z.looseObject({
  uri: z.string().optional(),
  authority: z.string().optional(),
  port: z.number().int().optional(),
  derivePort: z.string().optional(),
  scheme: z.string().optional(),
  redirectCode: z.number().int().optional(),
});
export type HTTPRedirect = z.infer<typeof httpRedirectSchema>;

export const httpRewriteSchema = z.looseObject({
  uri: z.string().optional(),
  authority: z.string().optional(),
  uriRegexRewrite: z.looseObject({ match: z.string(), rewrite: z.string() }).optional(),
});
export type HTTPRewrite = z.infer<typeof httpRewriteSchema>;

export const faultDelaySchema = z.looseObject({
  fixedDelay: z.string().optional(),
  percentage: percentSchema.optional(),
  /** Deprecated integer percent; still accepted by istiod. */
  percent: z.number().optional(),
});
export const faultAbortSchema = z.looseObject({
  httpStatus: z.number().int().optional(),
  grpcStatus: z.string().optional(),
  percentage: percentSchema.optional(),
});
export const httpFaultInjectionSchema = z.looseObject({
  delay: faultDelaySchema.optional(),
  abort: faultAbortSchema.optional(),
});
export type HTTPFaultInjection = z.infer<typeof httpFaultInjectionSchema>;

export const httpRetrySchema = z.looseObject({
  attempts: z.number().int().optional(),
  perTryTimeout: z.string().optional(),
  retryOn: z.string().optional(),
  retryRemoteLocalities: z.boolean().optional(),
});
export type HTTPRetry = z.infer<typeof httpRetrySchema>;

export const httpMirrorPolicySchema = z.looseObject({
  destination: destinationSchema,
  percentage: percentSchema.optional(),
});
export type HTTPMirrorPolicy = z.infer<typeof httpMirrorPolicySchema>;

export const httpRouteSchema = z.looseObject({
  name: z.string().optional(),
  match: z.array(httpMatchRequestSchema).optional(),
  route: z.array(httpRouteDestinationSchema).optional(),
  redirect: httpRedirectSchema.optional(),
  directResponse: z.looseObject({ status: z.number().int() }).optional(),
  delegate: z.looseObject({ name: z.string(), namespace: z.string().optional() }).optional(),
  rewrite: httpRewriteSchema.optional(),
  timeout: z.string().optional(),
  retries: httpRetrySchema.optional(),
  fault: httpFaultInjectionSchema.optional(),
  mirror: destinationSchema.optional(),
  mirrorPercentage: percentSchema.optional(),
  /** Deprecated integer percent of the single mirror. */
  mirrorPercent: z.number().optional(),
  mirrors: z.array(httpMirrorPolicySchema).optional(),
  headers: headersSchema.optional(),
  corsPolicy: z.looseObject({}).optional(),
});
export type HTTPRoute = z.infer<typeof httpRouteSchema>;

export const l4MatchSchema = z.looseObject({
  destinationSubnets: z.array(z.string()).optional(),
  port: z.number().int().optional(),
  sourceLabels: z.record(z.string(), z.string()).optional(),
  gateways: z.array(z.string()).optional(),
  sourceNamespace: z.string().optional(),
});
export const tlsMatchSchema = l4MatchSchema.extend({ sniHosts: z.array(z.string()).optional() });

export const routeDestinationSchema = z.looseObject({
  destination: destinationSchema,
  weight: z.number().optional(),
});
export type RouteDestination = z.infer<typeof routeDestinationSchema>;

export const tcpRouteSchema = z.looseObject({
  match: z.array(l4MatchSchema).optional(),
  route: z.array(routeDestinationSchema).optional(),
});
export type TCPRoute = z.infer<typeof tcpRouteSchema>;

export const tlsRouteSchema = z.looseObject({
  match: z.array(tlsMatchSchema).optional(),
  route: z.array(routeDestinationSchema).optional(),
});
export type TLSRoute = z.infer<typeof tlsRouteSchema>;

export const virtualServiceSpecSchema = z.looseObject({
  hosts: z.array(z.string()).optional(),
  gateways: z.array(z.string()).optional(),
  http: z.array(httpRouteSchema).optional(),
  tcp: z.array(tcpRouteSchema).optional(),
  tls: z.array(tlsRouteSchema).optional(),
  exportTo: z.array(z.string()).optional(),
});
export type VirtualServiceSpec = z.infer<typeof virtualServiceSpecSchema>;

export const virtualServiceSchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.literal('VirtualService'),
  metadata: objectMetaSchema,
  spec: virtualServiceSpecSchema,
});
export type VirtualService = z.infer<typeof virtualServiceSchema>;

export const subsetSchema = z.looseObject({
  name: z.string(),
  labels: z.record(z.string(), z.string()).optional(),
  trafficPolicy: z.looseObject({}).optional(),
});
export type Subset = z.infer<typeof subsetSchema>;

export const destinationRuleSpecSchema = z.looseObject({
  host: z.string(),
  trafficPolicy: z.looseObject({}).optional(),
  subsets: z.array(subsetSchema).optional(),
  exportTo: z.array(z.string()).optional(),
});
export type DestinationRuleSpec = z.infer<typeof destinationRuleSpecSchema>;

export const destinationRuleSchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.literal('DestinationRule'),
  metadata: objectMetaSchema,
  spec: destinationRuleSpecSchema,
});
export type DestinationRule = z.infer<typeof destinationRuleSchema>;

export const gatewayServerSchema = z.looseObject({
  port: z.looseObject({ number: z.number().int(), name: z.string().optional(), protocol: z.string() }),
  hosts: z.array(z.string()),
  tls: z.looseObject({}).optional(),
  name: z.string().optional(),
});
export type GatewayServer = z.infer<typeof gatewayServerSchema>;

export const gatewaySchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.literal('Gateway'),
  metadata: objectMetaSchema,
  spec: z.looseObject({
    selector: z.record(z.string(), z.string()).optional(),
    servers: z.array(gatewayServerSchema).optional(),
  }),
});
export type Gateway = z.infer<typeof gatewaySchema>;

export const istioObjectSchema = z.discriminatedUnion('kind', [
  virtualServiceSchema,
  destinationRuleSchema,
  gatewaySchema,
  kubeHttpRouteSchema,
  kubeGrpcRouteSchema,
  kubeTcpRouteSchema,
]);
export type IstioObject = z.infer<typeof istioObjectSchema>;
/** The object type of one kind. */
export type IstioObjectOf<K extends IstioKind> = Extract<IstioObject, { kind: K }>;

/** Everything the routing semantics and cross-object validation look at, for one snapshot. */
export interface IstioConfig {
  virtualServices: VirtualService[];
  destinationRules: DestinationRule[];
  gateways: Gateway[];
  /** Gateway API routes and Gateways (absent: none). */
  httpRoutes?: KubeHTTPRoute[];
  grpcRoutes?: KubeGRPCRoute[];
  tcpRoutes?: KubeTCPRoute[];
  kubeGateways?: KubeGateway[];
}
