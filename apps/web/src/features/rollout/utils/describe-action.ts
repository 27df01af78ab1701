import {
  canaryWeightOf,
  ROLLOUT_ACTIONS,
  rolloutActionAvailable,
  type GateEvaluation,
  type RolloutActionKind,
  type RolloutState,
} from '@sluice/model';

/*
 * What each action button offers in this state and what its confirmation says, pure so the page
 * and its tests agree on when a button is there and what a click will do. Which actions a state
 * accepts is the model's rule (the API refuses the others with the same reason).
 */

export const ACTIONS = ROLLOUT_ACTIONS;
export const actionAvailable = rolloutActionAvailable;

export const ACTION_LABELS: Record<RolloutActionKind, string> = {
  next: 'Next step',
  pause: 'Pause',
  resume: 'Resume',
  promote: 'Promote now',
  abort: 'Abort',
};

export const GATE_NAMES: Record<GateEvaluation['gates'][number]['gate'], string> = {
  requests: 'Canary requests',
  successRate: 'Success rate',
  p99: 'p99 latency',
  p99Factor: 'p99 vs stable',
  split: 'Split converged',
};

/** The gates that would not let automatic mode move: failing first, then waiting, each with why. */
export function gateWarnings(gates: GateEvaluation | null): { status: 'fail' | 'waiting'; text: string }[] {
  if (!gates) return [];
  const of = (status: 'fail' | 'waiting') =>
    gates.gates
      .filter((g) => g.status === status)
      .map((g) => ({ status, text: `${GATE_NAMES[g.gate]}: ${g.message}` }));
  return [...of('fail'), ...of('waiting')];
}

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
      return 'Resume the rollout? The route gets the step’s weights again and the step starts over from now.';
  }
}
