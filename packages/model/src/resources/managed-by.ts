import type { VirtualService } from './istio';

/*
 * Progressive-delivery controllers rewrite a VirtualService's weights on their own schedule; an edit
 * by hand would be overwritten within seconds. Recognise their VirtualServices so the UI can show the
 * weights read-only: by ownerReferences (Flagger's Canary, Argo Rollouts' Rollout), or by the labels
 * and annotations those controllers put on objects they manage or reference.
 */

interface OwnerReference {
  kind?: unknown;
  name?: unknown;
}

export function managedBy(vs: Pick<VirtualService, 'metadata'>): string | undefined {
  const owners = (vs.metadata as { ownerReferences?: OwnerReference[] }).ownerReferences ?? [];
  for (const o of owners) {
    const name = typeof o.name === 'string' ? ` ${o.name}` : '';
    if (o.kind === 'Canary') return `Flagger Canary${name}`;
    if (o.kind === 'Rollout') return `Argo Rollout${name}`;
  }
  const marks = { ...(vs.metadata.labels ?? {}), ...(vs.metadata.annotations ?? {}) };
  for (const key of Object.keys(marks)) {
    if (key.startsWith('flagger.app') || key.startsWith('flagger.')) return 'Flagger';
    if (key.startsWith('argo-rollouts.argoproj.io') || key.startsWith('rollouts.argoproj.io')) return 'Argo Rollouts';
  }
  if (marks['app.kubernetes.io/managed-by']?.toLowerCase().includes('flagger')) return 'Flagger';
  return undefined;
}
