import { Router } from 'express';
import {
  API_ROUTES,
  graphPreviewRequestSchema,
  graphQuerySchema,
  routerPath,
  unmodelledEffects,
  type GraphPreview,
} from '@sluice/model';
import { applyPendingChanges, entryForKind } from '../preview/pending-changes';
import { previewGraph } from '../preview/graph-preview';
import { coverageOf } from '../traffic/coverage';
import type { TrafficReader } from '../traffic/read-traffic';
import type { AppDeps } from './deps';
import { parseInput } from './parse-input';
import { storeFor } from './request-store';

/**
 * POST /api/graph/preview: GET /api/graph's query, pending changes in the body. The changes are
 * validated as writes would be and written nowhere; the answer pairs each edge's observed traffic
 * with the expected one and names the blast radius. It reads, so --read-only serves it.
 */
export function graphPreviewRouter(deps: AppDeps, readTraffic: TrafficReader): Router {
  const router = Router();
  router.post(routerPath(API_ROUTES.graphPreview), async (req, res) => {
    const store = storeFor(res, deps);
    const query = parseInput(graphQuerySchema, req.query, 'query');
    const body = parseInput(graphPreviewRequestSchema, req.body ?? {}, 'body');
    const current = store.snapshot();
    const parsed = body.changes.map((change, i) => {
      const entry = entryForKind(change.kind, i);
      const edits = { resourceVersion: change.resourceVersion, edits: change.edits };
      return {
        entry,
        namespace: change.namespace,
        name: change.name,
        body: parseInput(entry.requestSchema, edits, 'body', `changes[${i}]`),
      };
    });
    const { candidate, findings } = await applyPendingChanges(store, parsed, deps.logger);
    const { traffic, metricsError } = await readTraffic(query.namespaces, query.window);
    const core = previewGraph({
      current,
      candidate,
      traffic,
      query,
      ...(body.matchShares ? { matchShares: body.matchShares } : {}),
    });
    const preview: GraphPreview = {
      ...core,
      // What the change does that the prediction cannot model is said, not shown as "no change".
      assumptions: [...unmodelledEffects(body.changes), ...core.assumptions],
      ...coverageOf(traffic),
      findings,
      ...(metricsError !== undefined ? { metricsError } : {}),
    };
    res.json(preview);
  });
  return router;
}
