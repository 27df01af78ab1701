import { Router } from 'express';
import { API_ROUTES, routerPath, graphQuerySchema, type Graph } from '@sluice/model';
import { buildGraph } from '../graph/build-graph';
import type { AppDeps } from './deps';
import { storeFor } from './request-store';
import { parseInput } from './parse-input';
import type { TrafficReader } from './read-traffic';

/**
 * GET /api/graph. With metrics down the answer is still 200: every node from config, the last good
 * window's edges (or none), and `metricsError` saying why. The UI shows topology with a stale banner
 * instead of an error page (the "documented degraded shape" of the issue).
 */
export function graphRouter(deps: AppDeps, readTraffic: TrafficReader): Router {
  const router = Router();
  router.get(routerPath(API_ROUTES.graph), async (req, res) => {
    const store = storeFor(res, deps);
    const query = parseInput(graphQuerySchema, req.query, 'query');
    const { traffic, metricsError } = await readTraffic(query.namespaces, query.window);
    const graph: Graph = buildGraph(store.snapshot(), traffic, query);
    res.json(metricsError === undefined ? graph : { ...graph, metricsError });
  });
  return router;
}
