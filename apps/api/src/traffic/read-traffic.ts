import type { TrafficWindow } from '@sluice/model';
import type { Logger } from 'pino';
import { asAppErrorLike } from '../errors/app-error';
import type { TrafficSource } from './traffic-source';

/*
 * Metrics going away must degrade the graph, not break it (DESIGN.md "Quality bars"). A failed query
 * answers with the last good window for the same namespaces and window, marked by `metricsError`,
 * or with no traffic at all (topology only) when there is none yet.
 */

export interface TrafficRead {
  traffic?: TrafficWindow;
  metricsError?: string;
}

const MAX_REMEMBERED = 64;

export function createTrafficReader(source: TrafficSource, logger: Logger) {
  const lastGood = new Map<string, TrafficWindow>();
  return async function readTraffic(namespaces: string[], window: string): Promise<TrafficRead> {
    const key = `${[...namespaces].sort().join(',')}|${window}`;
    try {
      const traffic = await source.query(namespaces, window);
      lastGood.delete(key);
      lastGood.set(key, traffic);
      if (lastGood.size > MAX_REMEMBERED) lastGood.delete(lastGood.keys().next().value as string);
      return { traffic };
    } catch (err) {
      // A bad request (e.g. a window the source cannot answer) is the caller's to fix, not an outage.
      const known = asAppErrorLike(err);
      if (known && known.status < 500) throw known;
      const reason = err instanceof Error ? err.message : String(err);
      logger.warn({ err: reason, source: source.kind }, 'metrics query failed; serving topology without live traffic');
      const stale = lastGood.get(key);
      if (stale) return { traffic: stale, metricsError: `${reason} (showing traffic from ${stale.timestamp})` };
      return { metricsError: reason };
    }
  };
}

export type TrafficReader = ReturnType<typeof createTrafficReader>;
