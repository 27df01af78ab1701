import { queryOptions, useQuery } from '@tanstack/react-query';
import { API_ROUTES, overviewSchema } from '@sluice/model';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export const getOverview = (signal?: AbortSignal) => apiRequest(API_ROUTES.overview, overviewSchema, { signal });

export const overviewQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.metrics.overview, queryFn: ({ signal }) => getOverview(signal) });

export const useOverview = () => useQuery(overviewQueryOptions());
