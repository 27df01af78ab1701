import { z } from 'zod';

/*
 * A DestinationRule's TrafficPolicy (networking.istio.io/v1), the fields Sluice edits: load balancing,
 * connection pool (circuit breaking), outlier detection and client TLS. Shapes only, strict so a typo
 * ("maxConnection") is refused with its path; ranges, durations and combinations are validation's
 * (validation/traffic-policy.ts), which reports them with paths into the stored object.
 */

const duration = z.string().min(1);
const count = z.number().int();

export const LB_SIMPLE = [
  'UNSPECIFIED',
  'RANDOM',
  'PASSTHROUGH',
  'ROUND_ROBIN',
  'LEAST_REQUEST',
  'LEAST_CONN',
] as const;

export const consistentHashSchema = z.strictObject({
  httpHeaderName: z.string().min(1).optional(),
  httpCookie: z
    .strictObject({ name: z.string().min(1), path: z.string().optional(), ttl: duration.optional() })
    .optional(),
  useSourceIp: z.boolean().optional(),
  httpQueryParameterName: z.string().min(1).optional(),
  minimumRingSize: count.optional(),
});

export const loadBalancerSchema = z.strictObject({
  simple: z.enum(LB_SIMPLE).optional(),
  consistentHash: consistentHashSchema.optional(),
  localityLbSetting: z.strictObject({ enabled: z.boolean().optional() }).optional(),
  warmupDurationSecs: duration.optional(),
});
export type LoadBalancerSettings = z.infer<typeof loadBalancerSchema>;

export const connectionPoolSchema = z.strictObject({
  tcp: z
    .strictObject({
      maxConnections: count.optional(),
      connectTimeout: duration.optional(),
    })
    .optional(),
  http: z
    .strictObject({
      http1MaxPendingRequests: count.optional(),
      http2MaxRequests: count.optional(),
      maxRequestsPerConnection: count.optional(),
      maxRetries: count.optional(),
      idleTimeout: duration.optional(),
      h2UpgradePolicy: z.enum(['DEFAULT', 'DO_NOT_UPGRADE', 'UPGRADE']).optional(),
      useClientProtocol: z.boolean().optional(),
    })
    .optional(),
});
export type ConnectionPoolSettings = z.infer<typeof connectionPoolSchema>;

export const outlierDetectionSchema = z.strictObject({
  consecutive5xxErrors: count.optional(),
  consecutiveGatewayErrors: count.optional(),
  interval: duration.optional(),
  baseEjectionTime: duration.optional(),
  maxEjectionPercent: count.optional(),
  minHealthPercent: count.optional(),
  splitExternalLocalOriginErrors: z.boolean().optional(),
  consecutiveLocalOriginFailures: count.optional(),
});
export type OutlierDetection = z.infer<typeof outlierDetectionSchema>;

export const TLS_MODES = ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'] as const;
export const clientTlsSchema = z.strictObject({
  mode: z.enum(TLS_MODES),
  clientCertificate: z.string().min(1).optional(),
  privateKey: z.string().min(1).optional(),
  caCertificates: z.string().min(1).optional(),
  credentialName: z.string().min(1).optional(),
  subjectAltNames: z.array(z.string().min(1)).optional(),
  sni: z.string().min(1).optional(),
  insecureSkipVerify: z.boolean().optional(),
});
export type ClientTls = z.infer<typeof clientTlsSchema>;

/**
 * The four policies one `setTrafficPolicy` edit owns. A field left out is kept as stored; `null` removes
 * it; a value replaces it whole (so the form's view of a policy is exactly what is written).
 */
export const trafficPolicyInputSchema = z.strictObject({
  loadBalancer: loadBalancerSchema.nullable().optional(),
  connectionPool: connectionPoolSchema.nullable().optional(),
  outlierDetection: outlierDetectionSchema.nullable().optional(),
  tls: clientTlsSchema.nullable().optional(),
});
export type TrafficPolicyInput = z.infer<typeof trafficPolicyInputSchema>;

/** A stored TrafficPolicy as Sluice reads it (unknown fields are carried over untouched). */
export interface TrafficPolicy {
  loadBalancer?: LoadBalancerSettings;
  connectionPool?: ConnectionPoolSettings;
  outlierDetection?: OutlierDetection;
  tls?: ClientTls;
  portLevelSettings?: (Omit<TrafficPolicy, 'portLevelSettings'> & { port?: { number?: number } })[];
  [key: string]: unknown;
}

export const POLICY_FIELDS = ['loadBalancer', 'connectionPool', 'outlierDetection', 'tls'] as const;

/** Whether any level of a DestinationRule limits connections or ejects pods (the "circuit breaker" badge). */
export function hasCircuitBreaker(spec: {
  trafficPolicy?: Record<string, unknown> | undefined;
  subsets?: { trafficPolicy?: Record<string, unknown> | undefined }[] | undefined;
}): boolean {
  const levels = [spec.trafficPolicy, ...(spec.subsets ?? []).map((s) => s.trafficPolicy)] as (
    TrafficPolicy | undefined
  )[];
  const breaks = (p: Omit<TrafficPolicy, 'portLevelSettings'> | undefined) =>
    p?.connectionPool !== undefined || p?.outlierDetection !== undefined;
  return levels.some((p) => breaks(p) || (p?.portLevelSettings ?? []).some(breaks));
}
