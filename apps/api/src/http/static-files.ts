import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import { cspNonce } from '../security/headers';

/**
 * The built web app on the same port as the API. Unknown non-API GETs get index.html so deep links
 * (/graph?namespaces=bookinfo) work in a single-page app; /api paths never fall through to it.
 * index.html carries this response's CSP style nonce in <meta name="csp-nonce"> for the YAML editor
 * (apps/web/src/lib/csp-nonce.ts), so it is never served as a cached static file.
 */
export function staticFiles(dir: string): Router {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  const serveIndex: RequestHandler = (_req, res, next) => {
    if (!existsSync(index)) return next();
    const html = readFileSync(index, 'utf8').replace(
      '<head>',
      `<head>\n    <meta name="csp-nonce" content="${cspNonce(res)}" />`,
    );
    res.set('Cache-Control', 'no-cache').type('html').send(html);
  };
  const router = Router();
  router.get('/index.html', serveIndex);
  router.use(express.static(root, { index: false, maxAge: '1h' }));
  router.get(/^(?!\/api(\/|$)).*/, serveIndex);
  return router;
}
