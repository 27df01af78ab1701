import { queryOptions, useQuery } from '@tanstack/react-query';
import { API_ROUTES, apiPath, appDetailSchema } from '@sluice/model';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export const getApp = (ns: string, app: string, signal?: AbortSignal) =>
  apiRequest(apiPath(API_ROUTES.app, { ns, app }), appDetailSchema, { signal });

export const appQueryOptions = (ns: string, app: string) =>
  queryOptions({ queryKey: queryKeys.workloads.app(ns, app), queryFn: ({ signal }) => getApp(ns, app, signal) });

export const useApp = (ns: string, app: string) => useQuery(appQueryOptions(ns, app));
