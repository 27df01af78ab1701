import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useObjectWriter, type ObjectWriter } from '@/lib/edit-kit/use-object-writer';
import { useGlobalParams } from '@/lib/url-state';
import { serviceTrafficQueryOptions } from '../api/get-service-traffic';
import { describeRouteEdits } from '../utils/backend-rows';

export type RouteWriter = ObjectWriter<'httproutes'>;

/**
 * The edit kit's writer for one HTTPRoute on the service page (as useVsWriter is for a
 * VirtualService): reload-and-reapply reads the route's version from the service's traffic view.
 */
export function useRouteWriter(
  route: { namespace: string; name: string },
  resourceVersion: string,
  service: { namespace: string; name: string },
  onWritten?: (resourceVersion: string | undefined) => void,
): RouteWriter {
  const client = useQueryClient();
  const { window } = useGlobalParams();
  const reloadVersion = useCallback(async () => {
    const fresh = await client.fetchQuery({
      ...serviceTrafficQueryOptions(service.namespace, service.name, window),
      staleTime: 0,
    });
    return (fresh.gatewayRoutes ?? []).find(
      (r) => r.kind === 'HTTPRoute' && r.name === route.name && r.namespace === route.namespace,
    )?.resourceVersion;
  }, [client, service.name, service.namespace, route.name, route.namespace, window]);
  return useObjectWriter({ plural: 'httproutes', namespace: route.namespace, name: route.name }, resourceVersion, {
    describe: describeRouteEdits,
    reloadVersion,
    onWritten,
  });
}
