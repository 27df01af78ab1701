import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { API_ROUTES, istioObjectListSchema } from '@sluice/model';
import { apiRequest, queryString } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export const listIstioObjects = (namespaces: readonly string[], signal?: AbortSignal) =>
  apiRequest(`${API_ROUTES.istioObjects}${queryString({ namespaces: namespaces.join(',') })}`, istioObjectListSchema, {
    signal,
  });

export const istioListQueryOptions = (namespaces: readonly string[]) =>
  queryOptions({
    queryKey: queryKeys.config.list(namespaces),
    queryFn: ({ signal }) => listIstioObjects(namespaces, signal),
    placeholderData: keepPreviousData,
  });

export const useIstioObjects = (namespaces: readonly string[]) =>
  useQuery({ ...istioListQueryOptions(namespaces), enabled: namespaces.length > 0 });
