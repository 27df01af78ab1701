import { useCallback, useEffect, useRef, useState } from 'react';
import { useReportUnsaved } from '@/lib/unsaved-edits';

/** What a form is editing: the server snapshot it started from, its resourceVersion, and the user's values. */
interface EditState<S, T> {
  source: S;
  resourceVersion: string;
  initial: T;
  values: T;
  /** After a write: the server's version at that moment, not a reason to restart (it predates our write). */
  held?: string;
  /** After a write: restart from the server once it shows the written version (source is older). */
  resync?: boolean;
}

export interface EditBase<S, T> {
  /** The user's values (what the form shows). */
  values: T;
  setValues: (update: T | ((values: T) => T)) => void;
  /** Changes some fields of an object-shaped value. */
  update: (patch: Partial<T>) => void;
  /** The server object the values are based on: the form renders from it, not from the latest one. */
  source: S;
  /** The resourceVersion the values are based on: the precondition of Apply. */
  resourceVersion: string;
  dirty: boolean;
  /** Set while the user has unsaved edits and the server object has moved on (someone else's write). */
  stale: { from: string; to: string } | null;
  /** Back to the values of the base (the form's "Reset"). */
  reset: () => void;
  /** Throws the edits away and starts again from the latest server object. */
  discard: () => void;
  /**
   * After a successful write: the values are stored (at `writtenVersion`, the base of any next edit),
   * the form is pristine again and restarts from the server object once the server shows it.
   */
  commit: (writtenVersion?: string) => void;
  /** Keeps the user's values but bases them on another server object (e.g. after reloading on a 409). */
  rebase: (source: S, resourceVersion: string, values?: T) => void;
}

const sameJson = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

const start = <S, T>(source: S, resourceVersion: string, toValues: (s: S) => T): EditState<S, T> => {
  const initial = toValues(source);
  return { source, resourceVersion, initial, values: initial };
};

/**
 * The base of an edit form and its dirty tracking. A pristine form follows the server: when the
 * resourceVersion changes it restarts from the new object. A dirty form never loses what the user
 * typed: it keeps its values and the resourceVersion they were based on, and reports `stale`, so
 * Apply sends the old version and gets the conflict dialog instead of overwriting the other change.
 */
export function useEditBase<S, T>(
  server: S,
  serverVersion: string,
  toValues: (source: S) => T,
  same: (a: T, b: T) => boolean = sameJson,
): EditBase<S, T> {
  const [state, setState] = useState(() => start(server, serverVersion, toValues));
  const latest = useRef(serverVersion);
  useEffect(() => {
    latest.current = serverVersion;
  });
  let current = state;
  const dirty = !same(current.values, current.initial);
  const moved = current.resourceVersion !== serverVersion && current.held !== serverVersion;
  if (!dirty && (moved || (current.resync && current.resourceVersion === serverVersion))) {
    // Pristine: follow the server (adjusting state while rendering, as React documents for derived state).
    current = start(server, serverVersion, toValues);
    setState(current);
  }

  const setValues = useCallback(
    (u: T | ((v: T) => T)) =>
      setState((s) => ({ ...s, values: typeof u === 'function' ? (u as (v: T) => T)(s.values) : u })),
    [],
  );
  const update = useCallback((patch: Partial<T>) => setState((s) => ({ ...s, values: { ...s.values, ...patch } })), []);
  const reset = useCallback(() => setState((s) => ({ ...s, values: s.initial })), []);
  // Committed values wait for the version our write produced; until then the server may still show
  // the one the write went on top of (after reload-and-reapply), which must not flash back into the form,
  // nor turn an edit made meanwhile into a false "changed by someone else".
  const commit = useCallback(
    (writtenVersion?: string) =>
      setState((s) => ({
        ...s,
        initial: s.values,
        resourceVersion: writtenVersion ?? s.resourceVersion,
        held: latest.current,
        resync: writtenVersion !== undefined,
      })),
    [],
  );
  const rebase = (source: S, resourceVersion: string, values?: T) =>
    setState((s) => ({ source, resourceVersion, initial: toValues(source), values: values ?? s.values }));
  const discard = () => setState(start(server, serverVersion, toValues));
  // Unsaved edits are announced app-wide, so leaving the page asks first (UnsavedEditsGuard).
  useReportUnsaved(!same(current.values, current.initial));

  return {
    values: current.values,
    setValues,
    update,
    source: current.source,
    resourceVersion: current.resourceVersion,
    dirty: !same(current.values, current.initial),
    stale:
      moved && !same(current.values, current.initial) ? { from: current.resourceVersion, to: serverVersion } : null,
    reset,
    discard,
    commit,
    rebase,
  };
}
