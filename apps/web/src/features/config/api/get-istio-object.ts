import { queryOptions, useQuery } from '@tanstack/react-query';
import { API_ROUTES, apiPath, istioObjectSchema } from '@sluice/model';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export interface ObjectRef {
  namespace: string;
  plural: string;
  name: string;
}

const path = ({ namespace, plural, name }: ObjectRef) => apiPath(API_ROUTES.object, { ns: namespace, plural, name });

export const getIstioObject = (ref: ObjectRef, signal?: AbortSignal) =>
  apiRequest(path(ref), istioObjectSchema, { signal });

export const istioObjectQueryOptions = (ref: ObjectRef) =>
  queryOptions({
    queryKey: queryKeys.config.detail(ref.namespace, ref.plural, ref.name),
    queryFn: ({ signal }) => getIstioObject(ref, signal),
  });

export const useIstioObject = (ref: ObjectRef) => useQuery(istioObjectQueryOptions(ref));

export const objectPath = path;
