import { queryOptions, useQuery } from '@tanstack/react-query';
import { API_ROUTES, apiPath, destinationRuleSchema } from '@sluice/model';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** One DestinationRule as stored (resourceVersion, policies): the base of the service page's policy forms. */
export const destinationRuleQueryOptions = (namespace: string, name: string) =>
  queryOptions({
    // The config detail key: every config write and config event refreshes it.
    queryKey: queryKeys.config.detail(namespace, 'destinationrules', name),
    queryFn: ({ signal }) =>
      apiRequest(
        apiPath(API_ROUTES.object, { ns: namespace, plural: 'destinationrules', name }),
        destinationRuleSchema,
        {
          signal,
        },
      ),
  });

export const useDestinationRule = (namespace: string, name: string) =>
  useQuery(destinationRuleQueryOptions(namespace, name));
