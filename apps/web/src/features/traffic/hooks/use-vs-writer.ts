import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useObjectWriter, type ObjectWriter } from '@/lib/edit-kit/use-object-writer';
import { useGlobalParams } from '@/lib/url-state';
import { serviceTrafficQueryOptions } from '../api/get-service-traffic';
import { describeEdits } from '../utils/describe-edits';

export type VsWriter = ObjectWriter<'virtualservices'>;

/**
 * The edit kit's writer for one VirtualService on the service page: the success toast describes the
 * edits, and reload-and-reapply reads the VirtualService's version from the service's traffic view
 * (the query the page itself shows).
 */
export function useVsWriter(
  vs: { namespace: string; name: string },
  resourceVersion: string,
  service: { namespace: string; name: string },
  /** Called after every successful write (Apply, or reapply from the conflict dialog) with the new resourceVersion. */
  onWritten?: (resourceVersion: string | undefined) => void,
): VsWriter {
  const client = useQueryClient();
  const { window } = useGlobalParams();
  const reloadVersion = useCallback(async () => {
    const fresh = await client.fetchQuery({
      ...serviceTrafficQueryOptions(service.namespace, service.name, window),
      staleTime: 0,
    });
    return fresh.virtualServices.find((v) => v.name === vs.name && v.namespace === vs.namespace)?.resourceVersion;
  }, [client, service.name, service.namespace, vs.name, vs.namespace, window]);
  return useObjectWriter({ plural: 'virtualservices', namespace: vs.namespace, name: vs.name }, resourceVersion, {
    describe: describeEdits,
    reloadVersion,
    onWritten,
  });
}
