import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { EDIT_KINDS, type EditFor, type EditablePlural, type Finding } from '@sluice/model';
import { ApiError } from '@/lib/api-client';
import { invalidateAfterConfigWrite } from '@/lib/query-keys';
import { describeError } from '@/components/api-error-alert';
import { useToast } from '@/components/toaster';
import { useReadOnly } from '@/lib/queries/use-read-only';
import { usePostEdits, type EditTarget } from './post-edits';

export interface WriteOptions {
  /** Write weights over an active rollout's route: the rollout is paused (the user confirmed it). */
  overrideRollout?: boolean;
}

export interface ObjectWriter<P extends EditablePlural = EditablePlural> {
  apply: (edits: EditFor<P>[], options?: WriteOptions) => Promise<boolean>;
  isPending: boolean;
  /** The API runs read-only: forms disable their actions. */
  readOnly: boolean;
  /** The last failure other than a stale conflict (shown inline next to the form; 422 carries findings). */
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

export interface WriterOptions<P extends EditablePlural> {
  /** The success toast's description of what was written. */
  describe: (edits: EditFor<P>[]) => string;
  /** The object's current resourceVersion from the server (for reload-and-reapply), undefined if it is gone. */
  reloadVersion: () => Promise<string | undefined>;
  /** Called after every successful write (Apply, or reapply from the conflict dialog) with the new resourceVersion. */
  onWritten?: ((resourceVersion: string | undefined) => void) | undefined;
}

/**
 * The write half of the edit kit, for any kind in the model's edit registry: writes edits with the
 * form's base resourceVersion as the precondition and turns every outcome into something visible - a
 * success toast naming the change, inline findings for 422, a "changed by someone else" dialog for a
 * stale 409 (details.reason) with reload-and-reapply, a warning toast for 403, an error toast for the
 * rest (other 409 reasons - managed, rollout - are refusals a reload cannot fix).
 */
export function useObjectWriter<P extends EditablePlural>(
  target: EditTarget<P>,
  resourceVersion: string,
  options: WriterOptions<P>,
): ObjectWriter<P> {
  const client = useQueryClient();
  const notify = useToast();
  const mutation = usePostEdits<P>();
  const readOnly = useReadOnly();
  const [error, setError] = useState<unknown>(null);
  const [conflicted, setConflicted] = useState<EditFor<P>[] | null>(null);
  const [isReapplying, setReapplying] = useState(false);
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const objectName = `${EDIT_KINDS[target.plural].kind} ${target.namespace}/${target.name}`;

  const write = useCallback(
    async (edits: EditFor<P>[], rv: string, writeOptions: WriteOptions = {}): Promise<boolean> => {
      setError(null);
      try {
        const result = await mutation.mutateAsync({ target, resourceVersion: rv, edits, ...writeOptions });
        latest.current.onWritten?.(result.object.metadata.resourceVersion);
        notify({ variant: 'success', title: `Updated ${objectName}`, description: latest.current.describe(edits) });
        invalidateAfterConfigWrite(client);
        return true;
      } catch (err) {
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
    [client, mutation, notify, objectName, target],
  );

  const apply = useCallback(
    (edits: EditFor<P>[], writeOptions?: WriteOptions) => write(edits, resourceVersion, writeOptions),
    [write, resourceVersion],
  );

  const onReapply = useCallback(async () => {
    if (!conflicted) return;
    setReapplying(true);
    try {
      const rv = await latest.current.reloadVersion();
      setConflicted(null);
      if (rv) await write(conflicted, rv);
      else setError(new ApiError(404, 'not_found', `${objectName} no longer exists`));
    } catch (err) {
      setConflicted(null);
      setError(err);
    } finally {
      setReapplying(false);
    }
  }, [conflicted, objectName, write]);

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
      objectName,
    },
  };
}

/** A 409 whose reason is an active rollout on the route (the API's details.reason "rollout"). */
export function isRolloutConflict(err: unknown): boolean {
  return err instanceof ApiError && err.conflictReason === 'rollout';
}
