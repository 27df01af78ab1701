import type { IstioObject, ObjectMeta } from '@sluice/model';

/**
 * What a replace takes from the caller: spec, labels and annotations (and any unknown top-level
 * fields). Identity and server-managed metadata (uid, creationTimestamp, generation...) stay as stored,
 * as the apiserver would keep them.
 */
export function mergeForReplace(current: IstioObject, next: IstioObject, resourceVersion: string): IstioObject {
  const metadata: ObjectMeta = {
    ...current.metadata,
    resourceVersion,
    generation: (current.metadata.generation ?? 1) + (specChanged(current, next) ? 1 : 0),
  };
  setOrDelete(metadata, 'labels', next.metadata.labels);
  setOrDelete(metadata, 'annotations', next.metadata.annotations);
  return { ...next, apiVersion: next.apiVersion, kind: current.kind, metadata } as IstioObject;
}

function specChanged(a: IstioObject, b: IstioObject): boolean {
  return JSON.stringify(a.spec) !== JSON.stringify(b.spec);
}

function setOrDelete(meta: ObjectMeta, key: 'labels' | 'annotations', value: Record<string, string> | undefined): void {
  if (value === undefined) delete meta[key];
  else meta[key] = value;
}
