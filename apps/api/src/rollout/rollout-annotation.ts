import {
  ROLLOUT_ANNOTATION,
  rolloutStateSchema,
  TERMINAL_PHASES,
  type RolloutState,
  type VirtualService,
} from '@sluice/model';

/*
 * The rollout's state lives on its VirtualService as one JSON annotation, so it is written in the
 * same preconditioned write as the weights it explains: the state and the route can never disagree
 * after a crash, and a restarted API (or another replica) reads exactly where the rollout is.
 */

export interface StoredRollout {
  state: RolloutState | null;
  /** The annotation exists but cannot be read: shown to the user, never silently replaced. */
  error?: string;
}

export function readRollout(vs: VirtualService): StoredRollout {
  const raw = vs.metadata.annotations?.[ROLLOUT_ANNOTATION];
  if (raw === undefined) return { state: null };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { state: null, error: `annotation ${ROLLOUT_ANNOTATION} is not JSON` };
  }
  const parsed = rolloutStateSchema.safeParse(json);
  if (!parsed.success)
    return {
      state: null,
      error: `annotation ${ROLLOUT_ANNOTATION} is not a rollout state: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    };
  return { state: parsed.data };
}

export function withRollout(vs: VirtualService, state: RolloutState): VirtualService {
  const annotations = { ...(vs.metadata.annotations ?? {}), [ROLLOUT_ANNOTATION]: JSON.stringify(state) };
  return { ...vs, metadata: { ...vs.metadata, annotations } };
}

/** A Sluice rollout that is still moving (progressing or paused): the graph marks its service. */
export function rolloutInProgress(vs: VirtualService): boolean {
  const { state } = readRollout(vs);
  return state !== null && !TERMINAL_PHASES.includes(state.phase);
}
