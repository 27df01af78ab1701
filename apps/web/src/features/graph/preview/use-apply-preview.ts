import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  API_ROUTES,
  EDIT_KINDS,
  apiPath,
  rolloutViewSchema,
  type EditablePlural,
  type PendingChange,
} from '@sluice/model';
import { apiRequest } from '@/lib/api-client';
import type { PreviewState } from '@/lib/graph-preview-link';
import { postEdits } from '@/lib/edit-kit/post-edits';
import { invalidateAfterConfigWrite } from '@/lib/query-keys';

/*
 * Apply from the preview: the same writes the form's Apply makes (POST .../edits with the
 * resourceVersion the form saw, so a change made meanwhile is a 409, never overwritten), one change
 * after another. Remembers when it succeeded, for the after-Apply comparison.
 */

function pluralOf(kind: string): EditablePlural {
  const hit = (Object.entries(EDIT_KINDS) as [EditablePlural, { kind: string }][]).find(([, e]) => e.kind === kind);
  if (!hit) throw new Error(`no edit operations for ${kind}`);
  return hit[0];
}

/** A rollout's next step goes through the rollout (pinned to the step on screen: a move meanwhile is a 409). */
const rolloutNext = (r: NonNullable<PreviewState['rolloutNext']>) =>
  apiRequest(
    apiPath(API_ROUTES.rolloutAction, { ns: r.namespace, name: r.service, action: 'next' }),
    rolloutViewSchema,
    {
      method: 'POST',
      body: { expectedStep: r.expectedStep },
    },
  );

export function useApplyPreview(changes: readonly PendingChange[], rollout?: PreviewState['rolloutNext']) {
  const client = useQueryClient();
  const [appliedAt, setAppliedAt] = useState<number | undefined>();
  const mutation = useMutation({
    mutationFn: async () => {
      if (rollout) {
        await rolloutNext(rollout);
        return;
      }
      for (const c of changes) {
        const plural = pluralOf(c.kind);
        // The registry's schema checked these edits on the server already (the preview); the write re-checks them.
        await postEdits({ plural, namespace: c.namespace, name: c.name }, c.resourceVersion, c.edits as never[]);
      }
    },
    onSuccess: () => {
      setAppliedAt(Date.now());
      invalidateAfterConfigWrite(client);
    },
  });
  return { apply: () => mutation.mutate(), isPending: mutation.isPending, error: mutation.error, appliedAt };
}
