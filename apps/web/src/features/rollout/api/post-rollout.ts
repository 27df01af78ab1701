import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  API_ROUTES,
  apiPath,
  rolloutViewSchema,
  type RolloutActionKind,
  type RolloutActionRequest,
  type StartRolloutRequest,
} from '@sluice/model';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { rolloutPath } from './get-rollout';

interface ServiceRef {
  ns: string;
  name: string;
}

export const postStartRollout = (s: ServiceRef, plan: StartRolloutRequest) =>
  apiRequest(rolloutPath(s.ns, s.name), rolloutViewSchema, { method: 'POST', body: plan });

export const postRolloutAction = (s: ServiceRef, action: RolloutActionKind, body: RolloutActionRequest) =>
  apiRequest(apiPath(API_ROUTES.rolloutAction, { ns: s.ns, name: s.name, action }), rolloutViewSchema, {
    method: 'POST',
    body,
  });

/** Both writes answer with the new view: it goes straight into the cache, no extra round trip. */
export function useStartRollout(s: ServiceRef) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (plan: StartRolloutRequest) => postStartRollout(s, plan),
    onSuccess: (view) => client.setQueryData(queryKeys.rollout.detail(s.ns, s.name), view),
  });
}

export function useRolloutAction(s: ServiceRef) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: RolloutActionKind; body: RolloutActionRequest }) =>
      postRolloutAction(s, action, body),
    onSuccess: (view) => client.setQueryData(queryKeys.rollout.detail(s.ns, s.name), view),
    // A 409 (the rollout moved on) must show the state that won.
    onError: () => void client.invalidateQueries({ queryKey: queryKeys.rollout.detail(s.ns, s.name) }),
  });
}
