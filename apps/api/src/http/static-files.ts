import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { Router } from 'express';

/**
 * The built web app on the same port as the API. Unknown non-API GETs get index.html so deep links
 * (/graph?namespaces=bookinfo) work in a single-page app; /api paths never fall through to it.
 */
export function staticFiles(dir: string): Router {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  const router = Router();
  router.use(express.static(root, { index: false, maxAge: '1h' }));
  router.get(/^(?!\/api(\/|$)).*/, (_req, res, next) => {
    if (!existsSync(index)) return next();
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
  return router;
}
