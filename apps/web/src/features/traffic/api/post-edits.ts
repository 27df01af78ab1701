import { queryOptions, useMutation } from '@tanstack/react-query';
import { API_ROUTES, apiPath, editsResponseSchema, type Edit } from '@sluice/model';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export interface VsRef {
  namespace: string;
  name: string;
}

const path = (vs: VsRef, dryRun: boolean) =>
  `${apiPath(API_ROUTES.edits, { ns: vs.namespace, name: vs.name })}${dryRun ? '?dryRun=true' : ''}`;

export const postEdits = (vs: VsRef, resourceVersion: string, edits: Edit[], dryRun = false) =>
  apiRequest(path(vs, dryRun), editsResponseSchema, { method: 'POST', body: { resourceVersion, edits } });

/** The dry run behind every "YAML diff" preview: cached per exact edit list and resourceVersion. */
export const dryRunQueryOptions = (vs: VsRef, resourceVersion: string, edits: Edit[]) =>
  queryOptions({
    queryKey: [...queryKeys.dryRun.all, vs.namespace, vs.name, resourceVersion, JSON.stringify(edits)],
    queryFn: () => postEdits(vs, resourceVersion, edits, true),
    staleTime: Infinity,
    retry: false,
  });

export interface EditsVariables {
  vs: VsRef;
  resourceVersion: string;
  edits: Edit[];
}

export const usePostEdits = () =>
  useMutation({
    mutationFn: ({ vs, resourceVersion, edits }: EditsVariables) => postEdits(vs, resourceVersion, edits),
  });
