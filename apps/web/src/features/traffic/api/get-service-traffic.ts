import { queryOptions, useQuery } from '@tanstack/react-query';
import { serviceTrafficSchema } from '@sluice/model';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

const path = (ns: string, name: string) => `/api/namespaces/${encodeURIComponent(ns)}/services/${encodeURIComponent(name)}/traffic`;

export const getServiceTraffic = (ns: string, name: string, signal?: AbortSignal) =>
  apiRequest(path(ns, name), serviceTrafficSchema, { signal });

export const serviceTrafficQueryOptions = (ns: string, name: string) =>
  queryOptions({ queryKey: queryKeys.traffic.detail(ns, name), queryFn: ({ signal }) => getServiceTraffic(ns, name, signal) });

export const useServiceTraffic = (ns: string, name: string) => useQuery(serviceTrafficQueryOptions(ns, name));
