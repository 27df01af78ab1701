import { ProgressStep, ProgressStepper } from '@patternfly/react-core';
import { canaryWeightOf, type RolloutState } from '@sluice/model';

type Variant = 'success' | 'info' | 'pending' | 'danger' | 'default';

/** The plan's steps, the current one highlighted; a rollback or abort marks the step it stopped at. */
export function RolloutStepper({ state }: { state: RolloutState }) {
  const stopped = state.phase === 'rolledBack' || state.phase === 'aborted';
  const variant = (i: number): Variant => {
    if (state.phase === 'promoted' || i < state.stepIndex) return 'success';
    if (i === state.stepIndex) return stopped ? 'danger' : 'info';
    return 'pending';
  };
  return (
    <ProgressStepper
      aria-label="Rollout steps"
      data-testid="rollout-stepper"
      data-canary-weight={canaryWeightOf(state)}
    >
      {state.plan.steps.map((weight, i) => (
        <ProgressStep
          key={weight}
          id={`rollout-step-${i}`}
          titleId={`rollout-step-${i}-title`}
          variant={variant(i)}
          isCurrent={i === state.stepIndex}
          description={i === state.stepIndex ? state.phase : undefined}
          data-testid="rollout-step"
          data-step={i}
          data-weight={weight}
          data-current={i === state.stepIndex}
        >
          Canary {weight}%
        </ProgressStep>
      ))}
    </ProgressStepper>
  );
}
