import type { ConfigEvent } from '@sluice/model';
import type { Request, Response } from 'express';
import type { MeshStore } from '../cluster/mesh-store';
import type { TrafficTicker } from './traffic-ticker';

/*
 * One server-sent-events stream (GET /api/events): `config` for each store change in the requested
 * namespaces, `traffic` for each new window, a comment heartbeat so proxies keep the connection open,
 * and every subscription released when the client goes or the server shuts down.
 */

export interface StreamOptions {
  store: MeshStore;
  ticker: TrafficTicker;
  namespaces?: readonly string[];
  heartbeatMs: number;
}

export function openEventStream(req: Request, res: Response, options: StreamOptions): () => void {
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    // Tells nginx-style proxies not to buffer the stream.
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  // Browsers reconnect after `retry` ms if the stream drops (server restart, network blip).
  res.write('retry: 3000\n\n');

  const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const wanted = (e: ConfigEvent) => !options.namespaces || options.namespaces.includes(e.namespace);
  const unsubscribeConfig = options.store.subscribe((e) => {
    if (wanted(e)) send('config', e);
  });
  const unsubscribeTraffic = options.ticker.subscribe((e) => send('traffic', e));
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), options.heartbeatMs);
  heartbeat.unref();

  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribeConfig();
    unsubscribeTraffic();
    res.end();
  };
  req.on('close', close);
  return close;
}
