import { Router } from 'express';
import { API_ROUTES, routerPath, windowSchema } from '@sluice/model';
import { notFound } from '../errors/app-error';
import { findService } from '../writes/service-routing';
import { coverageOf, emptyReason } from '../traffic/coverage';
import { buildServiceTraffic } from '../traffic/service-traffic';
import type { AppDeps } from './deps';
import { storeFor } from './request-store';
import { parseInput } from './parse-input';
import type { TrafficReader } from '../traffic/read-traffic';

/**
 * GET /api/namespaces/:ns/services/:name/traffic?window=30s: subsets, the VirtualServices routing the
 * service with their expected split, and the observed split. Metrics down: 200 with config parts and
 * `observed.metricsError` (observed numbers from the last good window, or zero).
 */
export function serviceTrafficRouter(deps: AppDeps, readTraffic: TrafficReader): Router {
  const router = Router();
  router.get(routerPath(API_ROUTES.serviceTraffic), async (req, res) => {
    const { ns, name } = req.params;
    const window = parseInput(windowSchema.default('30s'), req.query.window, 'query', 'window');
    const snapshot = storeFor(res, deps).snapshot();
    if (!findService(snapshot, ns, name)) throw notFound(`Service ${ns}/${name}`);
    const { traffic, metricsError } = await readTraffic([ns], window);
    const view = buildServiceTraffic(snapshot, traffic, ns, name, window);
    const why =
      view.observed.rps === 0 && metricsError === undefined ? emptyReason(traffic, `${ns}/${name}`) : undefined;
    res.json({
      ...view,
      observed: {
        ...view.observed,
        ...coverageOf(traffic),
        ...(metricsError !== undefined ? { metricsError } : {}),
        ...(why !== undefined ? { emptyReason: why } : {}),
      },
    });
  });
  return router;
}
