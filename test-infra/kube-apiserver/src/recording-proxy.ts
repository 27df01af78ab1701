import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';

/*
 * A plain-HTTP pass-through in front of the test apiserver. Tests use it to see what a client really
 * sends (method, path, Content-Type, body: e.g. that a write is a JSON merge patch) and to hold watch
 * streams back, which makes "the cache has not seen the other writer's change yet" deterministic
 * instead of a race against the watch.
 */

export interface RecordedRequest {
  method: string;
  url: string;
  contentType: string | undefined;
  body: string;
}

export interface RecordingProxy {
  /** http://127.0.0.1:<port>: point a kubeconfig's server here. */
  url: string;
  /** Every non-GET request, in order. */
  writes: RecordedRequest[];
  /** Buffers the bytes of open and new watch streams until resumeWatches(). */
  holdWatches(): void;
  resumeWatches(): void;
  /** A network partition: open connections are dropped and new requests hang unanswered until heal(). */
  partition(): void;
  heal(): void;
  close(): Promise<void>;
}

export async function startRecordingProxy(upstream: string): Promise<RecordingProxy> {
  const writes: RecordedRequest[] = [];
  let holding = false;
  let partitioned = false;
  const hanging = new Set<ServerResponse>();
  const held: { res: ServerResponse; chunks: Buffer[] }[] = [];
  const open = new Set<ServerResponse>();

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const isWatch = (req.url ?? '').includes('watch=true');
    const headers = { ...req.headers, host: new URL(upstream).host };
    const up = request(
      `${upstream}${req.url ?? '/'}`,
      { method: req.method, headers, rejectUnauthorized: false },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        if (!isWatch) return void upRes.pipe(res);
        res.flushHeaders();
        open.add(res);
        const entry = { res, chunks: [] as Buffer[] };
        held.push(entry);
        upRes.on('data', (chunk: Buffer) => (holding ? entry.chunks.push(chunk) : res.write(chunk)));
        upRes.on('end', () => {
          // A held stream ends only after its buffered events are delivered, as the real one would.
          const finish = () => (holding ? setTimeout(finish, 20) : res.end());
          finish();
        });
        upRes.on('error', () => res.destroy());
      },
    );
    up.on('error', () => res.destroy());
    res.on('close', () => {
      open.delete(res);
      const i = held.findIndex((entry) => entry.res === res);
      if (i >= 0) held.splice(i, 1);
      up.destroy();
    });
    up.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.method !== 'GET') {
        writes.push({
          method: req.method ?? '',
          url: req.url ?? '',
          contentType: req.headers['content-type'],
          body: body.toString(),
        });
      }
      if (!partitioned) return forward(req, res, body);
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    writes,
    holdWatches: () => void (holding = true),
    resumeWatches() {
      holding = false;
      for (const entry of held) for (const chunk of entry.chunks.splice(0)) entry.res.write(chunk);
    },
    partition() {
      partitioned = true;
      for (const res of open) res.destroy();
    },
    heal() {
      partitioned = false;
      // Requests sent during the partition are lost, as on a real network: their clients time out.
      for (const res of hanging) res.destroy();
    },
    async close() {
      for (const res of [...open, ...hanging]) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
