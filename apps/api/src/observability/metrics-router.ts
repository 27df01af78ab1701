import { Router } from 'express';
import type { SluiceMetrics } from './metrics';

/** GET /metrics in Prometheus's text format. Open like the probes: Prometheus scrapes without a session. */
export function metricsRouter(metrics: Pick<SluiceMetrics, 'registry'>): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    res.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
