import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GateStatus } from './gate-result';
import { rolloutEdits } from './rollout-edits';
import { canaryWeightOf, isTerminal, TIMELINE_CAP, type RolloutState } from './state';
import { nextRolloutState, startRollout, type RolloutInput } from './state-machine';
import { evaluation, plan } from './test-kit';

const T0 = Date.UTC(2026, 0, 1);

const input = fc.oneof(
  fc.constant<RolloutInput>({ kind: 'check' }),
  fc.constantFrom<RolloutInput>(
    ...(['next', 'pause', 'resume', 'promote', 'abort'] as const).map((kind) => ({ kind, actor: 'u' })),
  ),
);
const event = fc.record({
  input,
  verdict: fc.option(fc.constantFrom<GateStatus>('pass', 'fail', 'waiting'), { nil: undefined }),
  dt: fc.integer({ min: 0, max: 120_000 }),
});

function run(
  mode: 'manual' | 'automatic',
  events: { input: RolloutInput; verdict: GateStatus | undefined; dt: number }[],
) {
  let s: RolloutState = startRollout(plan({ mode, maxFailedChecks: 2 }), T0, 'u');
  let t = T0;
  const trace: RolloutState[] = [s];
  for (const e of events) {
    t += e.dt;
    const r = nextRolloutState(s, e.verdict && evaluation(e.verdict), t, e.input);
    // Unchanged means the very same object: the caller writes only when something moved.
    if (!r.changed) expect(r.state).toBe(s);
    s = r.state;
    trace.push(s);
  }
  return trace;
}

describe('rollout state machine properties', () => {
  it('weights stay on the plan, the canary never goes backwards while progressing, terminal states stay terminal', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('manual', 'automatic' as const),
        fc.array(event, { maxLength: 60 }),
        (mode, events) => {
          const trace = run(mode, events);
          for (let i = 1; i < trace.length; i++) {
            const [a, b] = [trace[i - 1] as RolloutState, trace[i] as RolloutState];
            const w = canaryWeightOf(b);
            expect([0, ...b.plan.steps]).toContain(w);
            if (isTerminal(a.phase)) expect(b).toBe(a);
            if (!isTerminal(b.phase)) expect(b.stepIndex).toBeGreaterThanOrEqual(a.stepIndex);
            expect(b.timeline.length).toBeLessThanOrEqual(TIMELINE_CAP);
            if (b !== a) expect(b.timeline.at(-1)?.to.canaryWeight).toBe(w);
            const weights = rolloutEdits(b)[0];
            if (weights?.op === 'setWeights') expect(weights.weights.reduce((sum, x) => sum + x.weight, 0)).toBe(100);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('manual mode never moves by itself; automatic mode rolls back only on failures and the driver acts as "sluice"', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('manual', 'automatic' as const),
        fc.array(event, { maxLength: 60 }),
        (mode, events) => {
          const trace = run(
            mode,
            events.map((e) => ({ ...e, input: { kind: 'check' } as const })),
          );
          const last = trace.at(-1) as RolloutState;
          if (mode === 'manual') expect(last).toBe(trace[0]);
          for (const e of last.timeline.slice(1)) expect(e.actor).toBe('sluice');
          if (last.phase === 'rolledBack') expect(events.some((e) => e.verdict === 'fail')).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
