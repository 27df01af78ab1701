import { queryOptions, useQuery } from '@tanstack/react-query';
import { API_ROUTES, apiPath, rolloutViewSchema } from '@sluice/model';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export const rolloutPath = (ns: string, name: string) => apiPath(API_ROUTES.rollout, { ns, name });

/*
 * Under the namespace's traffic prefix on purpose: every `traffic` event (new samples: live gates
 * and charts) and `config` event (the driver moved the rollout) already invalidates it.
 */

export const getRollout = (ns: string, name: string, signal?: AbortSignal) =>
  apiRequest(rolloutPath(ns, name), rolloutViewSchema, { signal });

export const rolloutQueryOptions = (ns: string, name: string) =>
  queryOptions({ queryKey: queryKeys.rollout.detail(ns, name), queryFn: ({ signal }) => getRollout(ns, name, signal) });

export const useRollout = (ns: string, name: string) => useQuery(rolloutQueryOptions(ns, name));
