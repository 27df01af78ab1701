import { queryOptions, useMutation } from '@tanstack/react-query';
import { API_ROUTES, EDIT_KINDS, apiPath, type EditFor, type EditablePlural } from '@sluice/model';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** The object an edit form writes to: any kind in the model's edit registry. */
export interface EditTarget<P extends EditablePlural = EditablePlural> {
  plural: P;
  namespace: string;
  name: string;
}

const path = (target: EditTarget, dryRun: boolean) =>
  `${apiPath(API_ROUTES.edits, { ns: target.namespace, plural: target.plural, name: target.name })}${dryRun ? '?dryRun=true' : ''}`;

/** POST .../:plural/:name/edits, the answer parsed with the kind's own response schema. */
export const postEdits = <P extends EditablePlural>(
  target: EditTarget<P>,
  resourceVersion: string,
  edits: EditFor<P>[],
  dryRun = false,
  overrideRollout = false,
) =>
  apiRequest(path(target, dryRun), EDIT_KINDS[target.plural].responseSchema, {
    method: 'POST',
    // Only a weight change on an active rollout's route needs it; the user asked for it explicitly.
    body: { resourceVersion, edits, ...(overrideRollout ? { overrideRollout: true } : {}) },
  });

/** The dry run behind every "YAML diff" preview: cached per target, exact edit list and resourceVersion. */
export const dryRunQueryOptions = <P extends EditablePlural>(
  target: EditTarget<P>,
  resourceVersion: string,
  edits: EditFor<P>[],
) =>
  queryOptions({
    queryKey: [
      ...queryKeys.dryRun.all,
      target.plural,
      target.namespace,
      target.name,
      resourceVersion,
      JSON.stringify(edits),
    ],
    queryFn: () => postEdits(target, resourceVersion, edits, true),
    staleTime: Infinity,
    retry: false,
  });

export interface EditsVariables<P extends EditablePlural> {
  target: EditTarget<P>;
  resourceVersion: string;
  edits: EditFor<P>[];
  overrideRollout?: boolean;
}

export const usePostEdits = <P extends EditablePlural>() =>
  useMutation({
    mutationFn: ({ target, resourceVersion, edits, overrideRollout }: EditsVariables<P>) =>
      postEdits(target, resourceVersion, edits, false, overrideRollout),
  });
