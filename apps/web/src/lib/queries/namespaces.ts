import { queryOptions, useQuery } from '@tanstack/react-query';
import { namespaceListSchema } from '@sluice/model';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';

export const getNamespaces = (signal?: AbortSignal) => apiRequest('/api/namespaces', namespaceListSchema, { signal });

export const namespacesQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.namespaces, queryFn: ({ signal }) => getNamespaces(signal) });

export const useNamespaces = () => useQuery(namespacesQueryOptions());
