import { z } from 'zod';

/*
 * Demo only: GET/PUT /api/demo/namespaces/:ns/apps/:app/versions/:version/health. The simulator
 * makes that version's own workload unhealthy (5xx from the application, latency added to its own
 * processing), so destination- and source-reported metrics both show it, as they would for a real
 * bad release: an operator can rehearse a rollout that must roll back. 404 outside demo mode.
 */

export const versionHealthSchema = z.strictObject({
  /** Share of requests (0..1) the version answers with a 5xx (gRPC: status UNKNOWN) on top of its own. */
  errorRate: z.number().min(0).max(1),
  /** Milliseconds added to the version's own processing time. */
  extraLatencyMs: z.number().min(0).max(60_000),
});
export type VersionHealth = z.infer<typeof versionHealthSchema>;

export const HEALTHY: VersionHealth = { errorRate: 0, extraLatencyMs: 0 };

export const versionHealthViewSchema = versionHealthSchema.extend({
  namespace: z.string(),
  app: z.string(),
  version: z.string(),
});
export type VersionHealthView = z.infer<typeof versionHealthViewSchema>;
