import { queryOptions, useQuery } from '@tanstack/react-query';
import { API_ROUTES, healthSchema } from '@sluice/model';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';

export const getHealth = (signal?: AbortSignal) => apiRequest(API_ROUTES.health, healthSchema, { signal });

// Health is the one query that polls on its own: it is what tells the user the stream is down.
export const healthQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.health, queryFn: ({ signal }) => getHealth(signal), refetchInterval: 15_000 });

export const useHealth = () => useQuery(healthQueryOptions());
