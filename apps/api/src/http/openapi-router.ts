import { Router } from 'express';
import { API_ROUTES, routerPath, buildOpenApiDocument } from '@sluice/model';

/** GET /api/openapi.json: generated from the same zod schemas the handlers parse with, so it cannot drift. */
export function openApiRouter(): Router {
  const router = Router();
  let document: unknown;
  router.get(routerPath(API_ROUTES.openapi), (_req, res) => {
    document ??= buildOpenApiDocument();
    res.json(document);
  });
  return router;
}
