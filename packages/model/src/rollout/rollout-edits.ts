import type { Edit } from '../edits/edit-schema';
import { canaryWeightOf, type RolloutState } from './state';

/*
 * The VirtualService edits that make a route match a rollout state, with the model's own edit
 * operations (setWeights, setMirror). Both destinations stay in the route, at 0 when idle, so the
 * split reads "100/0" and the next rollout finds the same route shape. Rollback and abort also
 * switch mirroring off: a mirror to a bad canary still loads it.
 */
export function rolloutEdits(state: Pick<RolloutState, 'phase' | 'stepIndex' | 'plan'>): Edit[] {
  const { plan } = state;
  const canary = canaryWeightOf(state);
  const edits: Edit[] = [
    {
      op: 'setWeights',
      route: plan.route,
      weights: [
        { destination: plan.stable, weight: 100 - canary },
        { destination: plan.canary, weight: canary },
      ],
    },
  ];
  if (state.phase === 'rolledBack' || state.phase === 'aborted')
    edits.push({ op: 'setMirror', route: plan.route, mirror: null });
  return edits;
}
