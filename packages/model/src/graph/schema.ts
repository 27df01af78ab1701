import { z } from 'zod';
import { trafficCoverageShape } from '../traffic/coverage';

/* The service graph as the API serves it (GET /api/graph). See DESIGN.md "API contract". */

export const graphTypeSchema = z.enum(['versionedApp', 'app', 'workload', 'service']);
export type GraphType = z.infer<typeof graphTypeSchema>;

export const nodeKindSchema = z.enum(['service', 'app', 'workload', 'unknown', 'ingress']);
export type NodeKind = z.infer<typeof nodeKindSchema>;

export const nodeFlagsSchema = z.object({
  virtualService: z.boolean().optional(),
  trafficShifting: z.boolean().optional(),
  faultInjection: z.boolean().optional(),
  mirroring: z.boolean().optional(),
  timeout: z.boolean().optional(),
  retries: z.boolean().optional(),
  requestRouting: z.boolean().optional(),
  rollout: z.boolean().optional(),
  /** A VirtualService bound only to gateways routes this Service: in-mesh callers are not bound by it. */
  gatewayVirtualService: z.boolean().optional(),
  /** Its DestinationRule limits connections (connection pool) or ejects failing pods (outlier detection). */
  circuitBreaker: z.boolean().optional(),
  /** A Gateway API route (HTTPRoute, GRPCRoute, TCPRoute) is attached to this Service or sends to it. */
  gatewayApiRoute: z.boolean().optional(),
});
export type NodeFlags = z.infer<typeof nodeFlagsSchema>;

export const splitScopeSchema = z.enum(['mesh', 'gateway']);
export type SplitScope = z.infer<typeof splitScopeSchema>;

/**
 * How one scope's traffic into a Service divides over its versions. A gateway-bound VirtualService
 * routes only requests entering through that gateway, a mesh one only in-mesh callers, so a service
 * routed by both has two splits, and one blended number would match neither VirtualService.
 * The scope comes from each request's source workload (a gateway workload or an in-mesh one).
 */
export const serviceSplitSchema = z.object({
  scope: splitScopeSchema,
  /** "ns/name" of the Gateway the traffic entered through, when config names exactly one. */
  gateway: z.string().optional(),
  /** "ns/name" of the VirtualService that routes this scope's traffic, when exactly one does. */
  virtualService: z.string().optional(),
  /** Traffic that reached a version, in `unit` (requests/s; bytes/s for TCP, connections/s before any bytes). */
  rate: z.number().nonnegative(),
  unit: z.enum(['requests/s', 'bytes/s', 'connections/s']),
  /** Version -> fraction (0..1) of `rate`; sums to 1. Requests that reached no version are not in it. */
  shares: z.record(z.string(), z.number().min(0).max(1)),
});
export type ServiceSplit = z.infer<typeof serviceSplitSchema>;

export const graphNodeSchema = z.object({
  id: z.string(),
  kind: nodeKindSchema,
  namespace: z.string(),
  name: z.string(),
  app: z.string().optional(),
  version: z.string().optional(),
  workload: z.string().optional(),
  flags: nodeFlagsSchema,
  /** Service nodes with traffic: the version split per scope (mesh, each gateway), over the graph's window. */
  splits: z.array(serviceSplitSchema).optional(),
});
export type GraphNode = z.infer<typeof graphNodeSchema>;

export const edgeProtocolSchema = z.enum(['http', 'grpc', 'tcp']);
export type EdgeProtocol = z.infer<typeof edgeProtocolSchema>;

export const graphEdgeSchema = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  protocol: edgeProtocolSchema,
  /** Requests per second as the client saw them, retries not counted (connections opened per second for TCP). */
  rps: z.number().nonnegative(),
  /** This edge's fraction (0..1) of everything its source sends over this protocol (mirrors excluded). */
  share: z.number().min(0).max(1),
  /** Fraction of requests with 5xx, 4xx or no response; injected aborts count. */
  errorRate: z.number().min(0).max(1),
  /** Requests per second by response code ("200", "555", "0" for no response). */
  responses: z.record(z.string(), z.number().nonnegative()),
  /**
   * Requests per second by Envoy response flag (UO: refused by a circuit breaker's connection pool,
   * UH: no healthy pod, e.g. all ejected by outlier detection, URX: retries exhausted, ...); "-" left out.
   */
  responseFlags: z.record(z.string(), z.number().nonnegative()).optional(),
  latencyP95Ms: z.number().nonnegative().optional(),
  /** Like latencyP95Ms: the rps-weighted mean of the hops' medians and 99th percentiles (issue 18 edge labels). */
  latencyP50Ms: z.number().nonnegative().optional(),
  latencyP99Ms: z.number().nonnegative().optional(),
  bytesPerSec: z.number().nonnegative().optional(),
  mirrored: z.boolean().optional(),
  /**
   * Retried attempts: what the destination served beyond the client's requests (Envoy retries),
   * destination-reported, never counted in `rps`, `share` or `errorRate` (those are what the client saw).
   */
  retries: z.object({ rps: z.number().nonnegative(), errorRate: z.number().min(0).max(1) }).optional(),
});
export type GraphEdge = z.infer<typeof graphEdgeSchema>;

export const graphSchema = z.object({
  timestamp: z.string(),
  /** The window the rates cover: the one asked for, or wider (`windowWidenedFrom` says so). */
  window: z.string(),
  graphType: graphTypeSchema,
  nodes: z.array(graphNodeSchema),
  edges: z.array(graphEdgeSchema),
  /** Present when metrics could not be read: topology is shown from config, traffic is missing or stale. */
  metricsError: z.string().optional(),
  ...trafficCoverageShape,
});
export type Graph = z.infer<typeof graphSchema>;
