import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { SluiceMetrics } from './metrics';

/*
 * Times every request into sluice_http_request_duration_seconds and writes one log line per request
 * (debug level: method, route, path, status, ms; the request id comes from the logger's mixin). The
 * route label is the matched route's template, so /api/namespaces/bookinfo/services and
 * /api/namespaces/demoapp/services are one series; paths no route matched are `unmatched` (under /api)
 * or `static` (the web app), so a scanner cannot blow up the number of series.
 */

export function observeRequests(metrics: Pick<SluiceMetrics, 'httpDuration'>, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      const route = routeOf(req);
      metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      logger.debug(
        { method: req.method, route, url: req.originalUrl, status: res.statusCode, ms: Math.round(seconds * 1000) },
        'request',
      );
    });
    next();
  };
}

function routeOf(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path === 'string') return `${req.baseUrl}${path}`;
  return req.originalUrl.startsWith('/api/') || req.originalUrl === '/api' ? 'unmatched' : 'static';
}
