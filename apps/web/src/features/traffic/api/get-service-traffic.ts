import { queryOptions, useQuery } from '@tanstack/react-query';
import { API_ROUTES, apiPath, serviceTrafficSchema } from '@sluice/model';
import { apiRequest, queryString } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

const path = (ns: string, name: string) => apiPath(API_ROUTES.serviceTraffic, { ns, name });

export const getServiceTraffic = (ns: string, name: string, window: string, signal?: AbortSignal) =>
  apiRequest(`${path(ns, name)}${queryString({ window })}`, serviceTrafficSchema, { signal });

export const serviceTrafficQueryOptions = (ns: string, name: string, window: string) =>
  queryOptions({
    queryKey: queryKeys.traffic.detail(ns, name, window),
    // No placeholder from a previous key: forms must never show (and write) another service's routes.
    queryFn: ({ signal }) => getServiceTraffic(ns, name, window, signal),
  });

export const useServiceTraffic = (ns: string, name: string, window: string) =>
  useQuery(serviceTrafficQueryOptions(ns, name, window));
