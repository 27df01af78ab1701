import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Edit, Finding } from '@sluice/model';
import { ApiError } from '@/lib/api-client';
import { invalidateAfterConfigWrite } from '@/lib/query-keys';
import { describeError } from '@/components/api-error-alert';
import { useToast } from '@/components/toaster';
import { useReadOnly } from '@/lib/queries/use-read-only';
import { useGlobalParams } from '@/lib/url-state';
import { usePostEdits, type VsRef } from '../api/post-edits';
import { serviceTrafficQueryOptions } from '../api/get-service-traffic';
import { describeEdits } from '../utils/describe-edits';

export interface WriteOptions {
  /** Write weights over an active rollout's route: the rollout is paused (the user confirmed it). */
  overrideRollout?: boolean;
}

export interface VsWriter {
  apply: (edits: Edit[], options?: WriteOptions) => Promise<boolean>;
  isPending: boolean;
  /** The API runs read-only: forms disable their actions. */
  readOnly: boolean;
  /** The last failure other than a conflict (shown inline next to the form). */
  error: unknown;
  findings: Finding[];
  conflict: {
    isOpen: boolean;
    isReapplying: boolean;
    onReapply: () => void;
    onDiscard: () => void;
    objectName: string;
  };
}

/**
 * Writes edits to one VirtualService with its resourceVersion as the precondition, and turns every
 * outcome into something visible: a success toast naming the change, inline findings for 422, a
 * "changed by someone else" dialog for a stale 409 with reload-and-reapply, an error toast for the rest.
 */
export function useVsWriter(
  vs: VsRef,
  resourceVersion: string,
  service: { namespace: string; name: string },
  /** Called after every successful write (Apply, or reapply from the conflict dialog) with the new resourceVersion. */
  onWritten?: (resourceVersion: string | undefined) => void,
): VsWriter {
  const client = useQueryClient();
  const notify = useToast();
  const mutation = usePostEdits();
  const readOnly = useReadOnly();
  const { window } = useGlobalParams();
  const [error, setError] = useState<unknown>(null);
  const [conflicted, setConflicted] = useState<Edit[] | null>(null);
  const [isReapplying, setReapplying] = useState(false);
  const written = useRef(onWritten);
  useEffect(() => {
    written.current = onWritten;
  });

  const write = useCallback(
    async (edits: Edit[], rv: string, options: WriteOptions = {}): Promise<boolean> => {
      setError(null);
      try {
        const result = await mutation.mutateAsync({ vs, resourceVersion: rv, edits, ...options });
        written.current?.(result.object.metadata.resourceVersion);
        notify({
          variant: 'success',
          title: `Updated VirtualService ${vs.namespace}/${vs.name}`,
          description: describeEdits(edits),
        });
        invalidateAfterConfigWrite(client);
        return true;
      } catch (err) {
        // Only a stale resourceVersion is "changed by someone else"; other 409s (managed, rollout,
        // exists, state) are refusals a reload cannot fix, shown as errors with their reason.
        if (err instanceof ApiError && err.isStale) {
          setConflicted(edits);
          return false;
        }
        setError(err);
        const d = describeError(err);
        notify({
          variant: err instanceof ApiError && err.code === 'forbidden' ? 'warning' : 'danger',
          title: d.title,
          description: d.message,
        });
        return false;
      }
    },
    [client, mutation, notify, vs],
  );

  const apply = useCallback(
    (edits: Edit[], options?: WriteOptions) => write(edits, resourceVersion, options),
    [write, resourceVersion],
  );

  const onReapply = useCallback(async () => {
    if (!conflicted) return;
    setReapplying(true);
    try {
      const fresh = await client.fetchQuery({
        ...serviceTrafficQueryOptions(service.namespace, service.name, window),
        staleTime: 0,
      });
      const rv = fresh.virtualServices.find((v) => v.name === vs.name && v.namespace === vs.namespace)?.resourceVersion;
      setConflicted(null);
      if (rv) await write(conflicted, rv);
      else setError(new ApiError(404, 'not_found', `VirtualService ${vs.name} no longer exists`));
    } catch (err) {
      setConflicted(null);
      setError(err);
    } finally {
      setReapplying(false);
    }
  }, [client, conflicted, service.name, service.namespace, vs, window, write]);

  return {
    apply,
    isPending: mutation.isPending || isReapplying,
    readOnly,
    error,
    findings: error instanceof ApiError ? error.findings : [],
    conflict: {
      isOpen: conflicted !== null,
      isReapplying,
      onReapply: () => void onReapply(),
      onDiscard: () => setConflicted(null),
      objectName: `VirtualService ${vs.namespace}/${vs.name}`,
    },
  };
}

/** A 409 whose reason is an active rollout on the route (the API's details.reason "rollout"). */
export function isRolloutConflict(err: unknown): boolean {
  if (!(err instanceof ApiError) || err.status !== 409) return false;
  const d = err.details;
  return typeof d === 'object' && d !== null && (d as { reason?: unknown }).reason === 'rollout';
}
