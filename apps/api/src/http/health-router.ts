import { API_ROUTES, routerPath } from '@sluice/model';
import { Router } from 'express';
import type { Health } from '@sluice/model';
import type { AppDeps } from './deps';

const PING_TIMEOUT_MS = 2000;

/**
 * GET /api/healthz always answers 200 while the process serves: it reports, it does not gate.
 * `status` is "degraded" when the cluster or the metrics backend cannot be reached.
 */
export function healthRouter({ store, traffic, config, sessions }: AppDeps): Router {
  const router = Router();
  router.get(routerPath(API_ROUTES.health), async (_req, res) => {
    const metricsReachable = await withTimeout(traffic.ping(), PING_TIMEOUT_MS);
    const clusterReachable = store.reachable();
    const body: Health = {
      status: clusterReachable && metricsReachable ? 'ok' : 'degraded',
      cluster: store.kind,
      metrics: traffic.kind,
      clusterReachable,
      metricsReachable,
      readOnly: config.readOnly,
      auth: sessions ? 'token' : 'none',
    };
    res.json(body);
  });
  return router;
}

function withTimeout(ping: Promise<boolean>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    ping
      .then(
        (ok) => resolve(ok),
        () => resolve(false),
      )
      .finally(() => clearTimeout(timer));
  });
}
