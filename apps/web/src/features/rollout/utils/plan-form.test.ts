import { describe, expect, it } from 'vitest';
import { nextRolloutState, rolloutPlanSchema, startRollout } from '@sluice/model';
import { actionAvailable, confirmation } from './describe-action';
import { DEFAULT_FIELDS, planFromFields } from './plan-form';

const destinations = [
  { host: 'reviews', subset: 'v1' },
  { host: 'reviews', subset: 'v3' },
];
const state = startRollout(
  rolloutPlanSchema.parse({ virtualService: 'reviews', stable: destinations[0], canary: destinations[1] }),
  0,
  'ana',
);

describe('plan form', () => {
  it('turns the fields into a plan with numbers; an empty p99 switches that gate off', () => {
    const plan = planFromFields(
      { ...DEFAULT_FIELDS, stable: 0, canary: 1, steps: '5 20,100', maxP99Ms: ' ' },
      destinations,
    );
    expect(plan).toMatchObject({
      steps: [5, 20, 100],
      bakeSeconds: 60,
      gates: { minSuccessRate: 99, maxP99Ms: null, minRequests: 20 },
    });
  });

  it('says what is wrong before anything is sent', () => {
    expect(planFromFields({ ...DEFAULT_FIELDS, stable: 1, canary: 1 }, destinations)).toBe(
      'stable and canary must differ',
    );
    expect(planFromFields({ ...DEFAULT_FIELDS, stable: 0, canary: 1, steps: '10, x' }, destinations)).toMatch(
      /whole percentages/,
    );
  });
});

describe('actions', () => {
  it('offers pause while progressing, resume while paused, nothing once finished', () => {
    expect(actionAvailable(state, 'pause')).toBe(true);
    expect(actionAvailable(state, 'resume')).toBe(false);
    const paused = nextRolloutState(state, undefined, 1, { kind: 'pause', actor: 'ana' }).state;
    expect([actionAvailable(paused, 'pause'), actionAvailable(paused, 'resume')]).toEqual([false, true]);
    const aborted = nextRolloutState(state, undefined, 1, { kind: 'abort', actor: 'ana' }).state;
    expect(actionAvailable(aborted, 'next')).toBe(false);
  });

  it('confirmations say what will happen', () => {
    expect(confirmation(state, 'next', null)).toBe('Move the canary from 10% to 25% of traffic?');
    expect(confirmation(state, 'abort', null)).toContain('100% of traffic back to stable');
  });
});
