import { queryOptions, useQuery } from '@tanstack/react-query';
import { API_ROUTES, namespaceListSchema } from '@sluice/model';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';

export const getNamespaces = (signal?: AbortSignal) =>
  apiRequest(API_ROUTES.namespaces, namespaceListSchema, { signal });

export const namespacesQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.namespaces, queryFn: ({ signal }) => getNamespaces(signal) });

export const useNamespaces = () => useQuery(namespacesQueryOptions());
