import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/*
 * gzip/deflate for every compressible response (JSON, JS, CSS, HTML) above 1 KB, negotiated by
 * Accept-Encoding. A 4,000-node graph is ~2.5 MB of JSON and the graph page's JS ~1.5 MB raw; both
 * shrink 6-10x. Server-sent events are left alone: the middleware buffers a compressed stream until
 * it is flushed, which would hold `config`/`traffic` events back (the filter runs once headers are set). See apps/api/README.md "Compression".
 */
export function compress(): RequestHandler {
  return compression({
    threshold: 1024,
    filter: (req: Request, res: Response) =>
      !String(res.getHeader('content-type') ?? '').startsWith('text/event-stream') && compression.filter(req, res),
  });
}
