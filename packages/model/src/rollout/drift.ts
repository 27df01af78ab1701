import { readRollout, rolloutRoute, routeWeights, ruleShares, withRollout, type RolloutCarrier } from './annotation';
import { isTerminal, type RolloutState, type SplitWeights } from './state';
import { driftRollout } from './state-machine';

/*
 * Drift: a write that is not the rollout's own changes the weighted destinations of an active
 * rollout's route (a setWeights edit, or a PUT of the whole object), or drops its state. Left
 * alone, the page would read "Expected 50/50, route 80/20" and carry on as if nothing happened, so
 * such a write is refused unless the user overrides, and an override pauses the rollout with a
 * `drift` entry in its timeline (written in the same write as the new weights).
 */

export interface RolloutDrift {
  /** The rollout being drifted from, as stored before the write. */
  state: RolloutState;
  routeWeights: SplitWeights | null;
  newWeights: SplitWeights | null;
}

const destinationsOf = (vs: RolloutCarrier, state: RolloutState) =>
  JSON.stringify(
    vs.kind === 'HTTPRoute'
      ? ruleShares(vs, state.plan)
      : (rolloutRoute(vs, state.plan)?.route ?? []).map((d) => [d.destination.host, d.destination.subset, d.weight]),
  );

/** The drift `next` would cause to `current`'s active rollout, or undefined when it leaves the rollout alone. */
export function detectDrift(current: RolloutCarrier, next: RolloutCarrier): RolloutDrift | undefined {
  const { state } = readRollout(current);
  if (!state || isTerminal(state.phase)) return undefined;
  const touchesRoute = destinationsOf(current, state) !== destinationsOf(next, state);
  // A replacement that rewrites or drops the annotation would end the rollout without a trace.
  const touchesState = JSON.stringify(readRollout(next).state) !== JSON.stringify(state);
  if (!touchesRoute && !touchesState) return undefined;
  return { state, routeWeights: routeWeights(current, state.plan), newWeights: routeWeights(next, state.plan) };
}

/** `next` with the drifted rollout paused and the drift in its timeline. */
export function withDrift<T extends RolloutCarrier>(next: T, drift: RolloutDrift, now: number, actor: string): T {
  const zero = { stable: 0, canary: 0 };
  const paused = driftRollout(drift.state, now, {
    actor,
    routeWeights: drift.routeWeights ?? zero,
    newWeights: drift.newWeights ?? zero,
  });
  return withRollout(next, paused);
}
