import { z } from 'zod';
import { podSummarySchema } from '../resources/pod';

/*
 * The mesh overview (issue 18, the landing page): one card per namespace, worst health first. Health
 * is by the share of inbound requests with errors over `window`, with the graph's thresholds.
 */

/** `unknown`: the metrics backend could not be read. */
export const meshHealthSchema = z.enum(['unknown', 'idle', 'healthy', 'degraded', 'failing']);

export const overviewNamespaceSchema = z.object({
  name: z.string(),
  health: meshHealthSchema,
  /**
   * Requests per second into the namespace's services over `window` (the newest sparkline step with data), as the
   * callers' proxies reported them (reporter=source: injected faults count); null when unknown.
   */
  inboundRps: z.number().nonnegative().nullable(),
  /** Share of those requests with 4xx, 5xx, no response or a failing gRPC status; null without requests. */
  errorRate: z.number().min(0).max(1).nullable(),
  /** Inbound req/s per step over `sparklineRange`, oldest first (null: no data for that step). */
  sparkline: z.array(z.number().nullable()),
  services: z.number().int().nonnegative(),
  workloads: z.number().int().nonnegative(),
  istioConfig: z.object({
    objects: z.number().int().nonnegative(),
    errors: z.number().int().nonnegative(),
    warnings: z.number().int().nonnegative(),
  }),
  /** Services with an active (not finished) canary rollout. */
  activeRollouts: z.array(z.string()),
  /** VirtualServices with fault injection on some route. */
  faults: z.array(z.string()),
});
export type OverviewNamespace = z.infer<typeof overviewNamespaceSchema>;

/** GET /api/namespaces/:ns/workloads/:name: a workload as the store knows it, with the services that select it. */
export const workloadDetailSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  kind: z.string(),
  /** Istio's canonical service and revision (app / version labels first). */
  app: z.string(),
  version: z.string(),
  /** Ready pods as the controller reports them (the desired count before it reports status). */
  replicas: z.number().int().nonnegative(),
  labels: z.record(z.string(), z.string()),
  createdAt: z.string().optional(),
  services: z.array(z.string()),
  /** Other workloads of the same app in the namespace: its versions. */
  siblings: z.array(z.object({ name: z.string(), version: z.string(), replicas: z.number().int().nonnegative() })),
  /** The workload's pods, by name. */
  pods: z.array(podSummarySchema),
  /** False when the store does not list pods (then `pods` is empty for that reason, not because there are none). */
  podsListed: z.boolean(),
});
export type WorkloadDetail = z.infer<typeof workloadDetailSchema>;

/** GET /api/namespaces/:ns/apps/:app: the workloads (versions) of one app and the services selecting them. */
export const appDetailSchema = z.object({
  namespace: z.string(),
  app: z.string(),
  workloads: z.array(
    z.object({ name: z.string(), version: z.string(), replicas: z.number().int().nonnegative(), kind: z.string() }),
  ),
  services: z.array(z.string()),
  /** The app's pods grouped by their own version label (a pod's labels can differ from its template's). */
  versions: z.array(z.object({ version: z.string(), pods: z.array(podSummarySchema) })),
  podsListed: z.boolean(),
});
export type AppDetail = z.infer<typeof appDetailSchema>;

export const overviewSchema = z.object({
  window: z.string(),
  sparklineRange: z.string(),
  sparklineStep: z.string(),
  /** Set when metrics could not be read: the cards still show config, with health `unknown`. */
  metricsError: z.string().optional(),
  namespaces: z.array(overviewNamespaceSchema),
});
export type Overview = z.infer<typeof overviewSchema>;
