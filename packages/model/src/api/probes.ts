import { z } from 'zod';

/*
 * Kubernetes probes (GET /api/readyz, GET /api/livez), separate from /api/healthz, which reports
 * backends and always answers 200. Readiness gates traffic: 503 until the cluster caches have synced
 * once, and again while the server drains on SIGTERM. A later apiserver or Prometheus outage does not
 * make a replica unready: every replica would drop out together, and the console serves the last
 * known state with a banner instead. Liveness only says the event loop answers.
 */

export const readinessSchema = z.object({
  ready: z.boolean(),
  /** The cluster caches (or the demo's in-memory store) have been complete at least once. */
  storeSynced: z.boolean(),
  /** SIGTERM received: finishing in-flight requests, taking no new ones. */
  draining: z.boolean(),
});
export type Readiness = z.infer<typeof readinessSchema>;

export const livenessSchema = z.object({
  alive: z.literal(true),
  uptimeSeconds: z.number().nonnegative(),
});
export type Liveness = z.infer<typeof livenessSchema>;
