import { z } from 'zod';
import { pendingChangeSchema, type PendingChange } from '@sluice/model';

/*
 * "Preview on graph" travels in the URL (the URL is the page state): the graph page reads `preview`,
 * a base64url JSON of the pending changes, a label saying what they do, and the page to go back to.
 * Forms (traffic, policy, rollout) build the link; the graph feature decodes it.
 */

export const previewStateSchema = z.object({
  changes: z.array(pendingChangeSchema).min(1),
  /** What the change does, for the preview's heading ("Abort 20 % on demoapp route default"). */
  label: z.string(),
  /** Where "Back" goes: the form the preview came from. */
  returnTo: z.string().optional(),
  /**
   * The changes are a rollout's next step: Apply moves the rollout (POST .../rollout/next pinned to
   * this step) instead of writing the weights behind its back.
   */
  rolloutNext: z.object({ namespace: z.string(), service: z.string(), expectedStep: z.number().int() }).optional(),
});
export type PreviewState = z.infer<typeof previewStateSchema>;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): string {
  const b64 = encoded.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export const encodePreview = (state: PreviewState): string => toBase64Url(JSON.stringify(state));

/** The preview a `preview` URL parameter holds, or undefined when it is not one (a mangled link). */
export function decodePreview(encoded: string): PreviewState | undefined {
  try {
    const parsed = previewStateSchema.safeParse(JSON.parse(fromBase64Url(encoded)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The graph URL of a preview: the changed objects' namespaces (and istio-system, where the ingress
 * gateway runs, so its caller edges are in view) plus the current window.
 */
export function previewHref(state: PreviewState, window: string): string {
  const namespaces = [...new Set([...state.changes.map((c: PendingChange) => c.namespace), 'istio-system'])];
  const params = new URLSearchParams({ namespaces: namespaces.join(','), window, preview: encodePreview(state) });
  return `/graph?${params.toString()}`;
}
