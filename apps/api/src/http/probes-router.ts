import { API_ROUTES, routerPath, type Liveness, type Readiness } from '@sluice/model';
import { Router } from 'express';
import type { AppDeps } from './deps';

/** What the probes read of the process: whether SIGTERM has started draining. */
export interface Lifecycle {
  draining: boolean;
}

/**
 * GET /api/readyz and GET /api/livez, the Deployment's probes (model api/probes.ts says why readiness
 * does not follow later outages). The store counts as synced once it has been reachable: the
 * Kubernetes store is built after its first lists came in, and after that an outage is a banner in
 * the console, not a reason to take every replica out of the Service.
 */
export function probesRouter({ store }: Pick<AppDeps, 'store'>, lifecycle: Lifecycle): Router {
  const router = Router();
  const startedAt = performance.now();
  let synced = false;
  router.get(routerPath(API_ROUTES.readiness), (_req, res) => {
    synced ||= store.reachable();
    const body: Readiness = { ready: synced && !lifecycle.draining, storeSynced: synced, draining: lifecycle.draining };
    res.status(body.ready ? 200 : 503).json(body);
  });
  router.get(routerPath(API_ROUTES.liveness), (_req, res) => {
    const body: Liveness = { alive: true, uptimeSeconds: Math.round((performance.now() - startedAt) / 1000) };
    res.json(body);
  });
  return router;
}
