import { Router } from 'express';
import { API_ROUTES, routerPath, graphQuerySchema, type Graph } from '@sluice/model';
import { buildGraph } from '../graph/build-graph';
import { coverageOf, emptyReason } from '../traffic/coverage';
import type { AppDeps } from './deps';
import { storeFor } from './request-store';
import { parseInput } from './parse-input';
import type { TrafficReader } from '../traffic/read-traffic';

/**
 * GET /api/graph. With metrics down the answer is still 200: every node from config, the last good
 * window's edges (or none), and `metricsError` saying why. The UI shows topology with a stale banner
 * instead of an error page (the "documented degraded shape" of the issue). `window` is the window the
 * rates cover (a source may widen it); no edges always comes with `metricsError` or `emptyReason`.
 */
export function graphRouter(deps: AppDeps, readTraffic: TrafficReader): Router {
  const router = Router();
  router.get(routerPath(API_ROUTES.graph), async (req, res) => {
    const store = storeFor(res, deps);
    const query = parseInput(graphQuerySchema, req.query, 'query');
    const { traffic, metricsError } = await readTraffic(query.namespaces, query.window);
    const built = buildGraph(store.snapshot(), traffic, query);
    const empty = built.edges.length === 0 && metricsError === undefined;
    const scope = `namespace${query.namespaces.length === 1 ? '' : 's'} ${query.namespaces.join(', ')}`;
    const why = empty ? emptyReason(traffic, scope) : undefined;
    const graph: Graph = {
      ...built,
      ...coverageOf(traffic),
      ...(metricsError !== undefined ? { metricsError } : {}),
      ...(why !== undefined ? { emptyReason: why } : {}),
    };
    res.json(graph);
  });
  return router;
}
