import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/* /metrics over HTTP for a real Prometheus to scrape (and /healthz for readiness checks). */

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

export function serveMetricsText(
  chunks: () => Iterable<string>,
  opts: { host?: string; port?: number } = {},
): Promise<MetricsServer> {
  const host = opts.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      // Streamed: at benchmark scale one scrape is far larger than a JS string may be.
      for (const chunk of chunks()) res.write(chunk);
      res.end();
    } else if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok\n');
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${port}/metrics`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
