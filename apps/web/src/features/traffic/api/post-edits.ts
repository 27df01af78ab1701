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

export const postEdits = (vs: VsRef, resourceVersion: string, edits: Edit[], dryRun = false, overrideRollout = false) =>
  apiRequest(path(vs, dryRun), editsResponseSchema, {
    method: 'POST',
    // Only a weight change on an active rollout's route needs it; the user asked for it explicitly.
    body: { resourceVersion, edits, ...(overrideRollout ? { overrideRollout: true } : {}) },
  });

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
  overrideRollout?: boolean;
}

export const usePostEdits = () =>
  useMutation({
    mutationFn: ({ vs, resourceVersion, edits, overrideRollout }: EditsVariables) =>
      postEdits(vs, resourceVersion, edits, false, overrideRollout),
  });
