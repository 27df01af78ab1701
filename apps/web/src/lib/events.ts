import type { QueryKey } from '@tanstack/react-query';
import { configEventSchema, ISTIO_PLURALS, trafficEventSchema, type IstioKind } from '@sluice/model';
import { queryKeys } from './query-keys';

/** The named events GET /api/events sends. */
export const SERVER_EVENT_TYPES = ['config', 'traffic'] as const;

const isIstioKind = (kind: string): kind is IstioKind => kind in ISTIO_PLURALS;

/**
 * Which cached queries a server event makes stale, as key prefixes. Pure so it can be tested and
 * so polling (which pretends a `traffic` event arrived) uses the very same mapping.
 * Unknown or malformed events invalidate nothing: a bad event must not cause a refetch storm.
 */
export function queryKeysForServerEvent(type: string, rawData: string | undefined): QueryKey[] {
  let data: unknown;
  try {
    data = rawData ? JSON.parse(rawData) : {};
  } catch {
    return [];
  }
  if (type === 'traffic') {
    if (!trafficEventSchema.safeParse(data).success) return [];
    // New samples change rates and splits, never config or the object lists.
    return [queryKeys.graph.all, queryKeys.traffic.all];
  }
  if (type === 'config') {
    const parsed = configEventSchema.safeParse(data);
    if (!parsed.success) return [];
    const { kind, namespace, name } = parsed.data;
    const keys: QueryKey[] = [
      // Badges and the service-to-version edges follow config.
      queryKeys.graph.all,
      // A VirtualService in one namespace may route a service in another, so every traffic view.
      queryKeys.traffic.all,
      queryKeys.services.all,
      queryKeys.namespaces,
    ];
    if (isIstioKind(kind)) {
      keys.push(queryKeys.config.lists, queryKeys.config.detail(namespace, ISTIO_PLURALS[kind], name));
    }
    return keys;
  }
  return [];
}

/** Keys a polling tick refreshes when the event stream is unavailable: the same as a traffic event. */
export const POLLING_KEYS: QueryKey[] = [queryKeys.graph.all, queryKeys.traffic.all];
