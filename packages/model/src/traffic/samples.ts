import { z } from 'zod';
import type { PartialTraffic, SparseWindow } from './coverage';

/*
 * Traffic samples: what a TrafficSource (Prometheus or the simulator) returns for a window, in the
 * vocabulary of Istio's standard metrics. The graph builder and the service traffic view only see these.
 * Rates are per second, averaged over the window (PromQL `rate(...[window])`).
 */

export const reporterSchema = z.enum(['source', 'destination']);
export type Reporter = z.infer<typeof reporterSchema>;

/** The edge identity: labels Istio puts on every request/TCP metric (empty string when Istio reports "unknown"). */
export const edgeLabelsSchema = z.object({
  reporter: reporterSchema,
  sourceWorkload: z.string(),
  sourceWorkloadNamespace: z.string(),
  /** source_canonical_service / source_canonical_revision */
  sourceCanonicalService: z.string(),
  sourceCanonicalRevision: z.string(),
  /** FQDN, e.g. reviews.bookinfo.svc.cluster.local */
  destinationService: z.string(),
  destinationServiceName: z.string(),
  destinationServiceNamespace: z.string(),
  destinationWorkload: z.string(),
  destinationWorkloadNamespace: z.string(),
  destinationCanonicalService: z.string(),
  destinationCanonicalRevision: z.string(),
  requestProtocol: z.enum(['http', 'grpc', 'tcp']),
});
export type EdgeLabels = z.infer<typeof edgeLabelsSchema>;

export const requestSampleSchema = edgeLabelsSchema.extend({
  responseCode: z.string(),
  responseFlags: z.string(),
  grpcResponseStatus: z.string().optional(),
  /** istio_requests_total rate */
  rps: z.number().nonnegative(),
});
export type RequestSample = z.infer<typeof requestSampleSchema>;

/** Quantiles of istio_request_duration_milliseconds over the window, per edge (all response codes). */
export const latencySampleSchema = edgeLabelsSchema.extend({
  p50Ms: z.number().nonnegative().optional(),
  p95Ms: z.number().nonnegative(),
  p99Ms: z.number().nonnegative().optional(),
});
export type LatencySample = z.infer<typeof latencySampleSchema>;

export const tcpSampleSchema = edgeLabelsSchema.extend({
  sentBytesPerSec: z.number().nonnegative(),
  receivedBytesPerSec: z.number().nonnegative(),
  connectionsOpenedPerSec: z.number().nonnegative(),
});
export type TcpSample = z.infer<typeof tcpSampleSchema>;

export interface TrafficWindow {
  /** ISO time the window ends. */
  timestamp: string;
  /** e.g. "30s": the window the rates cover, which a source may widen (see windowWidenedFrom). */
  window: string;
  /**
   * Seconds of the window the source had data for, by which its rates were divided (the simulator
   * right after it started); absent: the whole window (Prometheus's rate()).
   */
  coveredSeconds?: number;
  requests: RequestSample[];
  latencies: LatencySample[];
  tcp: TcpSample[];
  /** The window asked for, when the source widened it (too few scrapes in it for a rate). */
  windowWidenedFrom?: string;
  windowNote?: string;
  scrapeIntervalSeconds?: number;
  /** Set when the window holds less data than its length. */
  sparse?: SparseWindow;
  /** Set when latency or TCP could not be read; requests are complete. */
  partial?: PartialTraffic;
  /** When latency was evaluated, if earlier than `timestamp`. */
  latencyAsOf?: string;
}
