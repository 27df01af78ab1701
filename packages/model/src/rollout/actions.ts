import { isTerminal, type RolloutActionKind, type RolloutState } from './state';

/*
 * Which user actions a rollout accepts in its state: the one rule, used by the state machine to
 * refuse (the API answers 409 with the reason) and by the page to offer only the buttons that work.
 */

export const ROLLOUT_ACTIONS: readonly RolloutActionKind[] = ['next', 'pause', 'resume', 'promote', 'abort'];

/** Why `action` cannot apply to `state`, or undefined when it can. */
export function rolloutActionRefusal(
  state: Pick<RolloutState, 'phase'>,
  action: RolloutActionKind,
): string | undefined {
  if (isTerminal(state.phase)) return `the rollout is already ${state.phase}; start a new one`;
  if (action === 'pause' && state.phase === 'paused') return 'the rollout is already paused';
  if (action === 'resume' && state.phase !== 'paused') return 'the rollout is not paused';
  return undefined;
}

export function rolloutActionAvailable(state: Pick<RolloutState, 'phase'>, action: RolloutActionKind): boolean {
  return rolloutActionRefusal(state, action) === undefined;
}
