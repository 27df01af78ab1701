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
});
export type NodeFlags = z.infer<typeof nodeFlagsSchema>;

export const graphNodeSchema = z.object({
  id: z.string(),
  kind: nodeKindSchema,
  namespace: z.string(),
  name: z.string(),
  app: z.string().optional(),
  version: z.string().optional(),
  workload: z.string().optional(),
  flags: nodeFlagsSchema,
});
export type GraphNode = z.infer<typeof graphNodeSchema>;

export const edgeProtocolSchema = z.enum(['http', 'grpc', 'tcp']);
export type EdgeProtocol = z.infer<typeof edgeProtocolSchema>;

export const graphEdgeSchema = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  protocol: edgeProtocolSchema,
  /** Requests per second (connections opened per second for TCP). */
  rps: z.number().nonnegative(),
  /** This edge's fraction (0..1) of everything its source sends over this protocol (mirrors excluded). */
  share: z.number().min(0).max(1),
  /** Fraction of requests with 5xx, 4xx or no response; injected aborts count. */
  errorRate: z.number().min(0).max(1),
  /** Requests per second by response code ("200", "555", "0" for no response). */
  responses: z.record(z.string(), z.number().nonnegative()),
  latencyP95Ms: z.number().nonnegative().optional(),
  bytesPerSec: z.number().nonnegative().optional(),
  mirrored: z.boolean().optional(),
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
