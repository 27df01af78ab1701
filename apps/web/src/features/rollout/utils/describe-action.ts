import { canaryWeightOf, type GateEvaluation, type RolloutActionKind, type RolloutState } from '@sluice/model';

/*
 * What each action button offers in this state and what its confirmation says, pure so the page
 * and its tests agree on when a button is there and what a click will do.
 */

export const ACTIONS: readonly RolloutActionKind[] = ['next', 'pause', 'resume', 'promote', 'abort'];

export function actionAvailable(state: RolloutState, action: RolloutActionKind): boolean {
  if (state.phase === 'promoted' || state.phase === 'rolledBack' || state.phase === 'aborted') return false;
  if (action === 'pause') return state.phase === 'progressing';
  if (action === 'resume') return state.phase === 'paused';
  return true;
}

export const ACTION_LABELS: Record<RolloutActionKind, string> = {
  next: 'Next step',
  pause: 'Pause',
  resume: 'Resume',
  promote: 'Promote now',
  abort: 'Abort',
};

export function confirmation(state: RolloutState, action: RolloutActionKind, gates: GateEvaluation | null): string {
  const now = canaryWeightOf(state);
  const next = state.plan.steps[Math.min(state.stepIndex + 1, state.plan.steps.length - 1)] ?? 100;
  const failing =
    gates?.verdict === 'fail'
      ? ' Some gates are failing right now.'
      : gates?.verdict === 'waiting'
        ? ' Some gates are still waiting for traffic.'
        : '';
  switch (action) {
    case 'next':
      return `Move the canary from ${now}% to ${next}% of traffic?${failing}`;
    case 'promote':
      return `Send 100% of traffic to the canary now, skipping the remaining steps?${failing}`;
    case 'abort':
      return `Send 100% of traffic back to stable and clear any mirror? The rollout ends.`;
    case 'pause':
      return 'Pause the rollout? Automatic mode stops advancing and rolling back until you resume.';
    case 'resume':
      return 'Resume the rollout? The current step bakes again from now.';
  }
}
