import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_ROUTES, apiPath, versionHealthViewSchema, type VersionHealth } from '@sluice/model';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/* Demo only: GET/PUT /api/demo/namespaces/:ns/apps/:app/versions/:version/health (rehearse a bad canary). */

export interface VersionRef {
  ns: string;
  app: string;
  version: string;
}

const path = (v: VersionRef) => apiPath(API_ROUTES.demoVersionHealth, v);

export const getVersionHealth = (v: VersionRef, signal?: AbortSignal) =>
  apiRequest(path(v), versionHealthViewSchema, { signal });

export const putVersionHealth = (v: VersionRef, health: VersionHealth) =>
  apiRequest(path(v), versionHealthViewSchema, { method: 'PUT', body: health });

export const versionHealthQueryOptions = (v: VersionRef) =>
  queryOptions({
    queryKey: queryKeys.demo.health(v.ns, v.app, v.version),
    queryFn: ({ signal }) => getVersionHealth(v, signal),
  });

export const useVersionHealth = (v: VersionRef | undefined, enabled: boolean) =>
  useQuery({
    ...versionHealthQueryOptions(v ?? { ns: '', app: '', version: '' }),
    enabled: enabled && v !== undefined,
  });

export function usePutVersionHealth() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ version, health }: { version: VersionRef; health: VersionHealth }) =>
      putVersionHealth(version, health),
    onSuccess: (view) => client.setQueryData(queryKeys.demo.health(view.namespace, view.app, view.version), view),
  });
}
