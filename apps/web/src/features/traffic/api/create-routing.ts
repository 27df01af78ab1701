import { useMutation } from '@tanstack/react-query';
import { API_ROUTES, apiPath, createRoutingResponseSchema } from '@sluice/model';
import { apiRequest } from '@/lib/api-client';

/** POST .../routing; with dryRun the API returns the two objects it would create and writes nothing. */
export const createRouting = (ns: string, service: string, { dryRun = false, versionLabel = 'version' } = {}) =>
  apiRequest(
    `${apiPath(API_ROUTES.routing, { ns, name: service })}${dryRun ? '?dryRun=true' : ''}`,
    createRoutingResponseSchema,
    { method: 'POST', body: { versionLabel } },
  );

export const useCreateRouting = () =>
  useMutation({ mutationFn: ({ ns, service }: { ns: string; service: string }) => createRouting(ns, service) });

export const usePreviewRouting = () =>
  useMutation({
    mutationFn: ({ ns, service }: { ns: string; service: string }) => createRouting(ns, service, { dryRun: true }),
  });
