import { useMutation } from '@tanstack/react-query';
import { createRoutingResponseSchema } from '@sluice/model';
import { apiRequest } from '../../../lib/api-client';

export const createRouting = (ns: string, service: string, versionLabel = 'version') =>
  apiRequest(
    `/api/namespaces/${encodeURIComponent(ns)}/services/${encodeURIComponent(service)}/routing`,
    createRoutingResponseSchema,
    {
      method: 'POST',
      body: { versionLabel },
    },
  );

export const useCreateRouting = () =>
  useMutation({ mutationFn: ({ ns, service }: { ns: string; service: string }) => createRouting(ns, service) });
