import { describe, expect, it } from 'vitest';
import { applyEdits } from '../edits';
import type { VirtualService } from '../resources/istio';
import { rolloutActionAvailable, ROLLOUT_ACTIONS } from './actions';
import { readRollout, routeWeights, withRollout } from './annotation';
import { detectDrift, withDrift } from './drift';
import { rolloutEdits } from './rollout-edits';
import { nextRolloutState, startRollout } from './state-machine';
import { plan } from './test-kit';

const T0 = Date.UTC(2026, 0, 1);
const base: VirtualService = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'data-product', namespace: 'data-product', resourceVersion: '1' },
  spec: {
    hosts: ['data-product'],
    http: [
      {
        route: [
          { destination: { host: 'data-product', subset: 'v3' }, weight: 100 },
          { destination: { host: 'data-product', subset: 'v4' }, weight: 0 },
        ],
      },
    ],
  },
};
const withState = (state = startRollout(plan(), T0, 'ana')) =>
  withRollout(applyEdits(base, rolloutEdits(state)), state);
const setWeights = (vs: VirtualService, stable: number, canary: number) =>
  applyEdits(vs, [
    {
      op: 'setWeights',
      route: { kind: 'http', index: 0 },
      weights: [
        { destination: { host: 'data-product', subset: 'v3' }, weight: stable },
        { destination: { host: 'data-product', subset: 'v4' }, weight: canary },
      ],
    },
  ]);

describe('rollout drift', () => {
  it('a weight change on an active rollout route is drift; other changes and finished rollouts are not', () => {
    const current = withState();
    expect(detectDrift(current, setWeights(current, 80, 20))).toMatchObject({
      routeWeights: { stable: 90, canary: 10 },
      newWeights: { stable: 80, canary: 20 },
    });
    expect(
      detectDrift(
        current,
        applyEdits(current, [{ op: 'setTimeout', route: { kind: 'http', index: 0 }, timeout: '2s' }]),
      ),
    ).toBeUndefined();
    const aborted = nextRolloutState(readRollout(current).state!, undefined, T0, { kind: 'abort', actor: 'ana' }).state;
    const done = withState(aborted);
    expect(detectDrift(done, setWeights(done, 80, 20))).toBeUndefined();
  });

  it('an override pauses the rollout and records old and new weights', () => {
    const current = withState();
    const next = setWeights(current, 80, 20);
    const written = withDrift(next, detectDrift(current, next)!, T0 + 5000, 'bo');
    const state = readRollout(written).state!;
    expect(state.phase).toBe('paused');
    expect(routeWeights(written, state.plan)).toEqual({ stable: 80, canary: 20 });
    expect(state.timeline.at(-1)).toMatchObject({
      action: 'drift',
      actor: 'bo',
      newWeights: { stable: 80, canary: 20 },
    });
  });
});

describe('which actions a rollout offers', () => {
  it('is the state machine’s own rule: an available action is never refused, an unavailable one always is', () => {
    const progressing = startRollout(plan(), T0, 'ana');
    const paused = nextRolloutState(progressing, undefined, T0, { kind: 'pause', actor: 'ana' }).state;
    const promoted = nextRolloutState(progressing, undefined, T0, { kind: 'promote', actor: 'ana' }).state;
    for (const state of [progressing, paused, promoted])
      for (const action of ROLLOUT_ACTIONS) {
        const t = nextRolloutState(state, undefined, T0 + 1, { kind: action, actor: 'ana' });
        expect(t.refused === undefined).toBe(rolloutActionAvailable(state, action));
      }
    expect(ROLLOUT_ACTIONS.filter((a) => rolloutActionAvailable(paused, a))).toEqual([
      'next',
      'resume',
      'promote',
      'abort',
    ]);
  });
});
