import { API_ROUTES, routerPath } from '@sluice/model';
import { Router } from 'express';
import { openEventStream } from '../events/sse-stream';
import type { TrafficTicker } from '../events/traffic-ticker';
import type { AppDeps } from './deps';
import { storeFor } from './request-store';

/** GET /api/events?namespaces=a,b. Returns the router, a function ending every open stream (shutdown) and their count (metrics). */
export function eventsRouter(deps: AppDeps, ticker: TrafficTicker) {
  const router = Router();
  const open = new Set<() => void>();
  const { heartbeatMs = 15_000 } = deps;
  router.get(routerPath(API_ROUTES.events), (req, res) => {
    const store = storeFor(res, deps);
    const param = typeof req.query.namespaces === 'string' ? req.query.namespaces : undefined;
    const namespaces = param
      ?.split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    const close = openEventStream(req, res, {
      store,
      ticker,
      heartbeatMs,
      ...(namespaces?.length ? { namespaces } : {}),
    });
    open.add(close);
    req.on('close', () => open.delete(close));
  });
  const closeAll = () => {
    for (const close of [...open]) close();
    open.clear();
  };
  return { router, closeAll, count: () => open.size };
}
