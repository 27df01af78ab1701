import { rolloutActionRefusal } from './actions';
import type { GateEvaluation } from './gate-result';
import type { RolloutPlan } from './plan';
import {
  canaryWeightOf,
  isTerminal,
  positionOf,
  TIMELINE_CAP,
  type RolloutActionKind,
  type SplitWeights,
  type RolloutState,
  type TimelineAction,
  type TimelineEntry,
} from './state';

/*
 * The rollout state machine, pure: (state, latest gate evaluation, now, action) -> next state.
 * `check` is the driver's periodic evaluation; in manual mode it never moves anything (the user
 * decides, the page only shows the gates). Automatic mode advances a step once it has baked and
 * every gate passes, and rolls back after `maxFailedChecks` failed checks within one step. A
 * refused action leaves the state as it was and says why; an unchanged state is the same object,
 * so the caller writes only when `changed`.
 */

export type RolloutInput =
  | { kind: 'check'; routeWeights?: SplitWeights }
  | {
      kind: RolloutActionKind;
      actor: string;
      reason?: string;
      /** The weights on the route now; recorded when they differ from what the state implies. */
      routeWeights?: SplitWeights;
    };

export interface RolloutTransition {
  state: RolloutState;
  changed: boolean;
  /** Why a user action cannot apply in this state (the API answers 409). */
  refused?: string;
}

export const DRIVER_ACTOR = 'sluice';

const iso = (ms: number) => new Date(ms).toISOString();

export function startRollout(plan: RolloutPlan, now: number, actor: string): RolloutState {
  const base = { version: 1 as const, plan, phase: 'progressing' as const, stepIndex: 0, failedChecks: 0 };
  const at = iso(now);
  const entry: TimelineEntry = {
    at,
    actor,
    action: 'start',
    from: null,
    to: positionOf(base),
    reason: `${plan.mode} rollout started`,
  };
  return { ...base, startedAt: at, startedBy: actor, stepStartedAt: at, updatedAt: at, timeline: [entry] };
}

export function nextRolloutState(
  state: RolloutState,
  gates: GateEvaluation | undefined,
  now: number,
  input: RolloutInput,
): RolloutTransition {
  if (input.kind === 'check') return check(state, gates, now, drifted(state, input.routeWeights));
  const refusal = rolloutActionRefusal(state, input.kind);
  if (refusal) return refuse(state, refusal);
  const { actor } = input;
  const reason = input.reason;
  const extra = drifted(state, input.routeWeights);
  switch (input.kind) {
    case 'next':
      return moved(state, gates, now, advance(state, now), actor, 'next', reason, extra);
    case 'pause':
      return moved(state, gates, now, { phase: 'paused' }, actor, 'pause', reason, extra);
    case 'resume':
      // The step starts over: the gates judge only traffic after the resume (the route is rewritten to the step's weights).
      return moved(
        state,
        gates,
        now,
        { phase: 'progressing', stepStartedAt: iso(now), failedChecks: 0, lastCheckAt: undefined },
        actor,
        'resume',
        reason,
        extra,
      );
    case 'promote':
      return moved(
        state,
        gates,
        now,
        { phase: 'promoted', stepIndex: state.plan.steps.length - 1 },
        actor,
        'promote',
        reason,
        extra,
      );
    case 'abort':
      return moved(state, gates, now, { phase: 'aborted' }, actor, 'abort', reason, extra);
    default: {
      const unknown: never = input;
      return refuse(state, `unknown action ${JSON.stringify(unknown)}`);
    }
  }
}

function check(
  state: RolloutState,
  gates: GateEvaluation | undefined,
  now: number,
  extra: Partial<TimelineEntry>,
): RolloutTransition {
  const { plan } = state;
  if (plan.mode !== 'automatic' || state.phase !== 'progressing') return same(state);
  // Metrics unknown (backend down) or not enough traffic: wait; an outage of Prometheus is no verdict on the canary.
  if (!gates || gates.verdict === 'waiting') return same(state);
  // An evaluation of another step's traffic (read before a move landed) decides nothing about this one.
  if (gates.since !== undefined && gates.since !== state.stepStartedAt) return same(state);
  if (state.lastCheckAt !== undefined && now - Date.parse(state.lastCheckAt) < plan.checkIntervalSeconds * 1000)
    return same(state);
  if (gates.verdict === 'fail') {
    const failedChecks = state.failedChecks + 1;
    const failing = gates.gates
      .filter((g) => g.status === 'fail')
      .map((g) => g.message)
      .join('; ');
    if (failedChecks >= plan.maxFailedChecks) {
      const why = `rolled back after ${failedChecks} failed checks: ${failing}`;
      return moved(
        state,
        gates,
        now,
        { phase: 'rolledBack', failedChecks, lastCheckAt: iso(now) },
        DRIVER_ACTOR,
        'rollback',
        why,
        extra,
      );
    }
    const why = `failed check ${failedChecks} of ${plan.maxFailedChecks}: ${failing}`;
    return moved(state, gates, now, { failedChecks, lastCheckAt: iso(now) }, DRIVER_ACTOR, 'failedCheck', why, extra);
  }
  if (now - Date.parse(state.stepStartedAt) < plan.bakeSeconds * 1000) return same(state);
  return moved(
    state,
    gates,
    now,
    advance(state, now),
    DRIVER_ACTOR,
    'advance',
    `all gates passed after a ${plan.bakeSeconds}s bake`,
    extra,
  );
}

/** The next step; reaching the last one (100 %) is the promotion. */
function advance(state: RolloutState, now: number): Partial<RolloutState> {
  const stepIndex = Math.min(state.stepIndex + 1, state.plan.steps.length - 1);
  const promoted = stepIndex === state.plan.steps.length - 1;
  return {
    stepIndex,
    stepStartedAt: iso(now),
    failedChecks: 0,
    lastCheckAt: undefined,
    ...(promoted ? { phase: 'promoted' as const } : {}),
  };
}

/**
 * A weight edit made outside the rollout (PUT or setWeights with `overrideRollout`): the rollout is
 * paused where it is, and the timeline says who wrote which weights over which. Resume rewrites the
 * step's weights and starts the step over. A finished rollout has nothing to pause.
 */
export function driftRollout(
  state: RolloutState,
  now: number,
  change: { actor: string; routeWeights: SplitWeights; newWeights: SplitWeights },
): RolloutState {
  if (isTerminal(state.phase)) return state;
  const { stable, canary } = change.newWeights;
  return moved(
    state,
    undefined,
    now,
    { phase: 'paused' },
    change.actor,
    'drift',
    `route weights set to ${stable}/${canary} (stable/canary) outside the rollout; paused until resumed`,
    { routeWeights: change.routeWeights, newWeights: change.newWeights },
  ).state;
}

/** The route's real weights, when they are not what the state says the route carries. */
function drifted(state: RolloutState, routeWeights: SplitWeights | undefined): Partial<TimelineEntry> {
  if (!routeWeights) return {};
  const canary = canaryWeightOf(state);
  if (routeWeights.canary === canary && routeWeights.stable === 100 - canary) return {};
  return { routeWeights };
}

function moved(
  state: RolloutState,
  gates: GateEvaluation | undefined,
  now: number,
  patch: Partial<RolloutState>,
  actor: string,
  action: TimelineAction,
  reason: string | undefined,
  extra: Partial<TimelineEntry> = {},
): RolloutTransition {
  const next: RolloutState = { ...state, ...patch, updatedAt: iso(now) };
  if (next.lastCheckAt === undefined) delete next.lastCheckAt;
  const entry: TimelineEntry = {
    at: iso(now),
    actor,
    action,
    from: positionOf(state),
    to: positionOf(next),
    ...(gates ? { gates: gates.gates } : {}),
    ...(reason ? { reason } : {}),
    ...extra,
  };
  next.timeline = [...state.timeline, entry].slice(-TIMELINE_CAP);
  return { state: next, changed: true };
}

const same = (state: RolloutState): RolloutTransition => ({ state, changed: false });
const refuse = (state: RolloutState, refused: string): RolloutTransition => ({ state, changed: false, refused });
