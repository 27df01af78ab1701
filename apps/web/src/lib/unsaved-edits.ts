import { useEffect, useRef, useSyncExternalStore } from 'react';

/*
 * Which forms hold unsaved edits, app-wide. Every edit form's base (useEditBase) reports its dirty
 * flag here, so the shell can warn before a reload, a closed tab or an in-app navigation would
 * throw the edits away, without each form wiring that up itself.
 */

const dirtyForms = new Set<symbol>();
const listeners = new Set<() => void>();

function setDirty(id: symbol, dirty: boolean): void {
  const had = dirtyForms.has(id);
  if (dirty === had) return;
  if (dirty) dirtyForms.add(id);
  else dirtyForms.delete(id);
  for (const l of [...listeners]) l();
}

export function hasUnsavedEdits(): boolean {
  return dirtyForms.size > 0;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Reports one form's dirty flag for as long as the form is mounted. */
export function useReportUnsaved(dirty: boolean): void {
  const id = useRef<symbol>(undefined);
  id.current ??= Symbol('edit-form');
  useEffect(() => {
    const me = id.current!;
    setDirty(me, dirty);
    return () => setDirty(me, false);
  }, [dirty]);
}

/** Whether any mounted form holds unsaved edits (re-renders when that changes). */
export function useHasUnsavedEdits(): boolean {
  return useSyncExternalStore(subscribe, hasUnsavedEdits, hasUnsavedEdits);
}
