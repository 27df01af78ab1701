import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { RefreshMode } from './use-server-events';

/*
 * The URL is the page state (as in Kiali): namespaces, window and refresh travel with every link,
 * so any view can be bookmarked or pasted into a ticket.
 */
export const WINDOWS = ['10s', '30s', '1m', '5m', '15m', '1h'] as const;
export const REFRESH_MODES: readonly RefreshMode[] = ['live', '10s', '30s', '1m', 'off'];
const GLOBAL_PARAMS = ['namespaces', 'window', 'refresh'] as const;

export interface GlobalParams {
  namespaces: string[];
  window: string;
  refresh: RefreshMode;
}

export function parseGlobalParams(search: URLSearchParams): GlobalParams {
  const namespaces = (search.get('namespaces') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const window = search.get('window') ?? '';
  const refresh = search.get('refresh') ?? '';
  return {
    namespaces,
    window: (WINDOWS as readonly string[]).includes(window) ? window : '30s',
    refresh: (REFRESH_MODES as readonly string[]).includes(refresh) ? (refresh as RefreshMode) : 'live',
  };
}

export function useGlobalParams() {
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseGlobalParams(search), [search]);
  const update = useCallback(
    (patch: Partial<Record<string, string | undefined>>) =>
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === '') next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      ),
    [setSearch],
  );
  return { ...params, search, update };
}

/** A link target that keeps the global params of the current URL. */
export function useGlobalLink(): (path: string, extra?: Record<string, string>) => string {
  const [search] = useSearchParams();
  return useCallback(
    (path: string, extra: Record<string, string> = {}) => {
      const next = new URLSearchParams();
      for (const k of GLOBAL_PARAMS) {
        const v = search.get(k);
        if (v) next.set(k, v);
      }
      for (const [k, v] of Object.entries(extra)) next.set(k, v);
      const s = next.toString();
      return s ? `${path}?${s}` : path;
    },
    [search],
  );
}
