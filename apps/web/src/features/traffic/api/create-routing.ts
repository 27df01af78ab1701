import { useMutation } from '@tanstack/react-query';
import { API_ROUTES, apiPath, createRoutingResponseSchema } from '@sluice/model';
import { apiRequest } from '@/lib/api-client';

export const createRouting = (ns: string, service: string, versionLabel = 'version') =>
  apiRequest(apiPath(API_ROUTES.routing, { ns, name: service }), createRoutingResponseSchema, {
    method: 'POST',
    body: { versionLabel },
  });

export const useCreateRouting = () =>
  useMutation({ mutationFn: ({ ns, service }: { ns: string; service: string }) => createRouting(ns, service) });
