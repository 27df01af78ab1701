import type { IstioObject } from '@sluice/model';

/*
 * Writes to the apiserver are JSON merge patches (RFC 7386, Content-Type
 * application/merge-patch+json) holding only what changed, plus metadata.resourceVersion. The
 * apiserver treats a resourceVersion in a patch as an optimistic-concurrency precondition and answers
 * 409 Conflict when it is stale, so a patch never lands on a version its author did not see.
 *
 * Why merge patch rather than JSON patch with a `test` op: a failed `test` is reported as 422, the same
 * status as a schema refusal, while the resourceVersion precondition gives a clean 409. Merge patch
 * replaces arrays whole (e.g. all of spec.http when one weight changed); that is safe because the
 * precondition guarantees the array we diffed against is the one stored. Objects are diffed key by key,
 * so fields we did not touch (including ones Sluice does not know) are not sent at all.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type MergePatch = { [key: string]: JsonValue };

/** The patch turning `current` into `next` (spec, labels, annotations), preconditioned on `resourceVersion`. */
export function buildMergePatch(current: IstioObject, next: IstioObject, resourceVersion: string): MergePatch {
  const metadata: MergePatch = { resourceVersion };
  for (const key of ['labels', 'annotations'] as const) {
    const change = diffValue(current.metadata[key], next.metadata[key]);
    if (change !== undefined) metadata[key] = change;
  }
  const patch: MergePatch = { metadata };
  const spec = diffValue(current.spec, next.spec);
  if (spec !== undefined) patch.spec = spec;
  return patch;
}

/** The merge-patch fragment for a -> b, or undefined when they are equal. Removed keys become null. */
export function diffValue(a: unknown, b: unknown): JsonValue | undefined {
  if (b === undefined) return a === undefined ? undefined : null;
  if (isPlainObject(a) && isPlainObject(b)) {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, value] of Object.entries(b)) {
      const change = diffValue(own(a, key), value);
      if (change !== undefined) setOwn(out, key, change);
    }
    for (const key of Object.keys(a)) if (!Object.hasOwn(b, key) && a[key] !== undefined) setOwn(out, key, null);
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return deepEqual(a, b) ? undefined : (b as JsonValue);
}

/** Applies a merge patch (RFC 7386); used by tests to prove patch(current) == next. */
export function applyMergePatch(target: unknown, patch: JsonValue): unknown {
  if (!isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else setOwn(out, key, applyMergePatch(own(out, key), value));
  }
  return out;
}

/*
 * JSON may carry any key, "__proto__" included (JSON.parse makes it an own property). Plain
 * `o[key]` would read or replace the prototype for that key and lose the field, so keys are read
 * and written as own properties only.
 */
function own(o: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a).filter((k) => a[k] !== undefined);
    const otherKeys = Object.keys(b).filter((k) => b[k] !== undefined);
    return keys.length === otherKeys.length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
