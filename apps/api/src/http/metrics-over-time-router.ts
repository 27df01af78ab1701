import { Router, type Request, type Response } from 'express';
import { API_ROUTES, metricsQuerySchema, routerPath, type MetricsTargetKind } from '@sluice/model';
import { getMetrics } from '../metrics/get-metrics';
import { getOverview } from '../overview/get-overview';
import { getApp, getWorkload } from '../overview/get-workload';
import type { AppDeps } from './deps';
import { parseInput } from './parse-input';
import { storeFor } from './request-store';

/**
 * The overview (landing page) and metrics over time of services and workloads (issue 18). Metrics
 * down: the overview still answers (config parts, `metricsError`); the metrics endpoints answer 503.
 */
export function metricsOverTimeRouter(deps: AppDeps): Router {
  const router = Router();

  router.get(routerPath(API_ROUTES.overview), async (_req, res) => {
    res.json(await getOverview(storeFor(res, deps).snapshot(), deps.traffic));
  });

  router.get(routerPath(API_ROUTES.workload), (req, res) => {
    res.json(getWorkload(storeFor(res, deps).snapshot(), req.params.ns, req.params.name));
  });

  router.get(routerPath(API_ROUTES.app), (req, res) => {
    res.json(getApp(storeFor(res, deps).snapshot(), req.params.ns, req.params.app));
  });

  const metrics = (kind: MetricsTargetKind) => async (req: Request, res: Response) => {
    const query = parseInput(metricsQuerySchema, req.query, 'query');
    const { ns, name } = req.params as { ns: string; name: string };
    const snapshot = storeFor(res, deps).snapshot();
    res.json(
      await getMetrics({ snapshot, traffic: deps.traffic, audit: deps.audit }, { kind, namespace: ns, name }, query),
    );
  };
  router.get(routerPath(API_ROUTES.serviceMetrics), metrics('service'));
  router.get(routerPath(API_ROUTES.workloadMetrics), metrics('workload'));

  return router;
}
