import { queryOptions, useQueries } from '@tanstack/react-query';
import { API_ROUTES, apiPath, serviceListSchema, type ServiceSummary } from '@sluice/model';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export const getServices = (ns: string, signal?: AbortSignal) =>
  apiRequest(apiPath(API_ROUTES.services, { ns }), serviceListSchema, { signal });

export const servicesQueryOptions = (ns: string) =>
  queryOptions({ queryKey: queryKeys.services.list(ns), queryFn: ({ signal }) => getServices(ns, signal) });

/** Services of several namespaces, one cached query per namespace so a config event refreshes only what it must. */
export function useServices(namespaces: readonly string[]) {
  return useQueries({
    queries: namespaces.map((ns) => servicesQueryOptions(ns)),
    combine: (results) => ({
      items: results.flatMap((r) => r.data?.items ?? []) as ServiceSummary[],
      isPending: results.some((r) => r.isPending),
      error: results.find((r) => r.error)?.error ?? null,
    }),
  });
}
