import { detectDrift, withDrift, type Finding, type RolloutCarrier } from '@sluice/model';
import { conflict } from '../errors/app-error';

/*
 * The drift check of every routing write (edits and PUT): a write that changes the weighted
 * destinations of an active rollout's route, or its stored state, is refused with 409 `rollout`
 * naming the rollout, unless the request overrides; an override pauses the rollout and records the
 * drift in its timeline, in the same write as the new weights. A dry run previews the override
 * (the diff shows the rollout paused) and says, as a warning, that the write needs it.
 */
export function guardRolloutDrift<T extends RolloutCarrier>(
  current: T,
  next: T,
  options: { overrideRollout?: boolean | undefined; actor: string; now: number; findings?: Finding[] },
): T {
  const drift = detectDrift(current, next);
  if (!drift) return next;
  if (!options.overrideRollout && options.findings) {
    options.findings.push({
      path: `spec.${current.kind === 'HTTPRoute' ? 'rules' : 'http'}[${'index' in drift.state.plan.route ? drift.state.plan.route.index : drift.state.plan.route.name}]`,
      code: 'rollout_drift',
      severity: 'warning',
      message: `this changes the route of an active rollout (${drift.state.phase}); writing it needs overrideRollout, which pauses the rollout`,
    });
  } else if (!options.overrideRollout) {
    const { state } = drift;
    const ns = current.metadata.namespace ?? 'default';
    const weights = drift.routeWeights ? `${drift.routeWeights.stable}/${drift.routeWeights.canary}` : 'its weights';
    throw conflict(
      'rollout',
      `a ${state.plan.mode} rollout of ${state.plan.canary.subset ?? state.plan.canary.host} is ${state.phase} on this route (step ${state.stepIndex + 1}, ${weights}); change the weights through the rollout, or send overrideRollout: true to pause it and write them anyway`,
      {
        currentResourceVersion: current.metadata.resourceVersion,
        rollout: {
          namespace: ns,
          virtualService: current.metadata.name,
          route: state.plan.route,
          phase: state.phase,
          step: state.stepIndex,
          stable: state.plan.stable,
          canary: state.plan.canary,
        },
      },
    );
  }
  return withDrift(next, drift, options.now, options.actor);
}
