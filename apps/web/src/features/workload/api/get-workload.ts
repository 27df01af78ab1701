import { queryOptions, useQuery } from '@tanstack/react-query';
import { API_ROUTES, apiPath, workloadDetailSchema } from '@sluice/model';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export const getWorkload = (ns: string, name: string, signal?: AbortSignal) =>
  apiRequest(apiPath(API_ROUTES.workload, { ns, name }), workloadDetailSchema, { signal });

export const workloadQueryOptions = (ns: string, name: string) =>
  queryOptions({
    queryKey: queryKeys.workloads.detail(ns, name),
    queryFn: ({ signal }) => getWorkload(ns, name, signal),
  });

export const useWorkload = (ns: string, name: string) => useQuery(workloadQueryOptions(ns, name));
