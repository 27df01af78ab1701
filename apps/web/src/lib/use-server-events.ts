import { useEffect, useState } from 'react';
import { API_ROUTES } from '@sluice/model';
import { useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { POLLING_KEYS, queryKeysForServerEvent, SERVER_EVENT_TYPES } from './events';
import { queryString } from './api-client';

/** `live` = server-sent events (polling every 10s while the stream is down); an interval = polling only. */
export type RefreshMode = 'live' | '10s' | '30s' | '1m' | 'off';
export type LiveStatus = 'connecting' | 'live' | 'polling' | 'paused';

const INTERVAL_MS: Record<Exclude<RefreshMode, 'live' | 'off'>, number> = {
  '10s': 10_000,
  '30s': 30_000,
  '1m': 60_000,
};
const FALLBACK_POLL_MS = 10_000;

function invalidate(client: QueryClient, keys: QueryKey[]): void {
  for (const queryKey of keys) void client.invalidateQueries({ queryKey });
}

/**
 * The app's single EventSource. Server events mark react-query caches stale (through the pure
 * mapping in ./events); when the stream fails, or the user picks an interval, it polls instead.
 */
export function useServerEvents(namespaces: readonly string[], mode: RefreshMode): LiveStatus {
  const client = useQueryClient();
  const nsKey = namespaces.join(',');
  // Stream state belongs to one connection (namespaces); a new connection starts as "connecting".
  const [stream, setStream] = useState<{ key: string; up: boolean } | undefined>(undefined);
  const canStream = typeof EventSource !== 'undefined';
  const streamUp = !canStream ? false : stream?.key === nsKey ? stream.up : undefined;

  useEffect(() => {
    if (mode !== 'live' || !canStream) return;
    const source = new EventSource(`${API_ROUTES.events}${queryString({ namespaces: nsKey || undefined })}`);
    const handlers = SERVER_EVENT_TYPES.map((type) => {
      const handler = (e: MessageEvent<string>) => invalidate(client, queryKeysForServerEvent(type, e.data));
      source.addEventListener(type, handler);
      return [type, handler] as const;
    });
    source.onopen = () => setStream({ key: nsKey, up: true });
    // EventSource reconnects by itself; until it does, the polling below keeps the page fresh.
    source.onerror = () => setStream({ key: nsKey, up: false });
    return () => {
      for (const [type, handler] of handlers) source.removeEventListener(type, handler);
      source.close();
    };
  }, [client, mode, nsKey, canStream]);

  const pollMs =
    mode === 'off'
      ? undefined
      : mode === 'live'
        ? streamUp === false
          ? FALLBACK_POLL_MS
          : undefined
        : INTERVAL_MS[mode];
  useEffect(() => {
    if (pollMs === undefined) return;
    const timer = setInterval(() => invalidate(client, POLLING_KEYS), pollMs);
    return () => clearInterval(timer);
  }, [client, pollMs]);

  if (mode === 'off') return 'paused';
  if (mode !== 'live') return 'polling';
  return streamUp === undefined ? 'connecting' : streamUp ? 'live' : 'polling';
}
