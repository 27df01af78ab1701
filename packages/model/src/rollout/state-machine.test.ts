import { describe, expect, it } from 'vitest';
import { rolloutPlanSchema } from './plan';
import { rolloutEdits } from './rollout-edits';
import { canaryWeightOf, rolloutStateSchema } from './state';
import { nextRolloutState, startRollout } from './state-machine';
import { evaluation, plan } from './test-kit';

const T0 = Date.UTC(2026, 0, 1);
const auto = () =>
  startRollout(plan({ mode: 'automatic', bakeSeconds: 60, checkIntervalSeconds: 10, maxFailedChecks: 3 }), T0, 'ana');

describe('plan defaults', () => {
  it('fills steps, bake, gates and mode', () => {
    const p = plan();
    expect(p).toMatchObject({
      steps: [10, 25, 50, 100],
      mode: 'manual',
      bakeSeconds: 60,
      route: { kind: 'http', index: 0 },
    });
    expect(p.gates).toMatchObject({
      minSuccessRate: 99,
      maxP99Ms: 500,
      maxP99Factor: null,
      minRequests: 20,
      window: '1m',
    });
  });

  it('refuses steps that do not increase or do not end at 100, and tcp routes', () => {
    const base = { virtualService: 'vs', stable: { host: 'a' }, canary: { host: 'b' } };
    expect(rolloutPlanSchema.safeParse({ ...base, steps: [50, 25, 100] }).success).toBe(false);
    expect(rolloutPlanSchema.safeParse({ ...base, steps: [10, 50] }).success).toBe(false);
    expect(rolloutPlanSchema.safeParse({ ...base, route: { kind: 'tcp', index: 0 } }).success).toBe(false);
  });
});

describe('manual mode', () => {
  it('moves only on user actions: next, pause, resume, abort', () => {
    let s = startRollout(plan(), T0, 'ana');
    expect(canaryWeightOf(s)).toBe(10);
    expect(nextRolloutState(s, evaluation('pass'), T0 + 3_600_000, { kind: 'check' }).changed).toBe(false);
    s = nextRolloutState(s, evaluation('pass'), T0 + 1000, { kind: 'next', actor: 'ana' }).state;
    expect(canaryWeightOf(s)).toBe(25);
    s = nextRolloutState(s, undefined, T0 + 2000, { kind: 'pause', actor: 'ana' }).state;
    expect(s.phase).toBe('paused');
    expect(nextRolloutState(s, undefined, T0 + 2000, { kind: 'pause', actor: 'ana' }).refused).toContain(
      'already paused',
    );
    s = nextRolloutState(s, undefined, T0 + 3000, { kind: 'resume', actor: 'ana' }).state;
    s = nextRolloutState(s, undefined, T0 + 4000, { kind: 'abort', actor: 'bo', reason: 'errors in logs' }).state;
    expect(s.phase).toBe('aborted');
    expect(canaryWeightOf(s)).toBe(0);
    expect(s.timeline.map((e) => e.action)).toEqual(['start', 'next', 'pause', 'resume', 'abort']);
    expect(s.timeline.at(-1)).toMatchObject({
      actor: 'bo',
      reason: 'errors in logs',
      from: { canaryWeight: 25 },
      to: { canaryWeight: 0 },
    });
    expect(nextRolloutState(s, undefined, T0 + 5000, { kind: 'next', actor: 'ana' }).refused).toContain(
      'already aborted',
    );
  });

  it('next from the last-but-one step promotes; promote jumps to 100', () => {
    let s = startRollout(plan({ steps: [50, 100] }), T0, 'ana');
    s = nextRolloutState(s, undefined, T0, { kind: 'next', actor: 'ana' }).state;
    expect(s.phase).toBe('promoted');
    const p = nextRolloutState(startRollout(plan(), T0, 'ana'), undefined, T0, { kind: 'promote', actor: 'ana' }).state;
    expect([p.phase, canaryWeightOf(p)]).toEqual(['promoted', 100]);
  });
});

describe('automatic mode', () => {
  it('advances after the bake when all gates pass, up to promotion', () => {
    let s = auto();
    expect(nextRolloutState(s, evaluation('pass'), T0 + 30_000, { kind: 'check' }).changed).toBe(false);
    const weights: number[] = [];
    for (let t = T0 + 60_000; s.phase === 'progressing'; t += 60_000) {
      s = nextRolloutState(s, evaluation('pass'), t, { kind: 'check' }).state;
      weights.push(canaryWeightOf(s));
    }
    expect(weights).toEqual([25, 50, 100]);
    expect(s.phase).toBe('promoted');
    expect(s.timeline.filter((e) => e.action === 'advance')).toHaveLength(3);
  });

  it('waits without enough traffic or metrics, and does not count that as a failure', () => {
    const s = auto();
    expect(nextRolloutState(s, evaluation('waiting'), T0 + 600_000, { kind: 'check' }).changed).toBe(false);
    expect(nextRolloutState(s, undefined, T0 + 600_000, { kind: 'check' }).changed).toBe(false);
  });

  it('rolls back after N failed checks, counted at most once per check interval, and says why', () => {
    let s = auto();
    s = nextRolloutState(s, evaluation('fail'), T0 + 1000, { kind: 'check' }).state;
    expect(s.failedChecks).toBe(1);
    expect(nextRolloutState(s, evaluation('fail'), T0 + 5000, { kind: 'check' }).changed).toBe(false);
    s = nextRolloutState(s, evaluation('fail'), T0 + 11_000, { kind: 'check' }).state;
    s = nextRolloutState(s, evaluation('fail'), T0 + 21_000, { kind: 'check' }).state;
    expect(s.phase).toBe('rolledBack');
    expect(canaryWeightOf(s)).toBe(0);
    const last = s.timeline.at(-1);
    expect(last).toMatchObject({ action: 'rollback', actor: 'sluice' });
    expect(last?.reason).toContain('3 failed checks: success rate 80% < 99%');
    expect(last?.gates?.[0]?.value).toBe(80);
    expect(rolloutEdits(s)).toEqual([
      {
        op: 'setWeights',
        route: { kind: 'http', index: 0 },
        weights: [
          { destination: { host: 'data-product', subset: 'v3' }, weight: 100 },
          { destination: { host: 'data-product', subset: 'v4' }, weight: 0 },
        ],
      },
      { op: 'setMirror', route: { kind: 'http', index: 0 }, mirror: null },
    ]);
  });

  it('an evaluation of another step (read before the move landed) decides nothing', () => {
    const s = auto();
    const old = { ...evaluation('fail'), since: '2025-12-31T23:00:00.000Z' };
    expect(nextRolloutState(s, old, T0 + 120_000, { kind: 'check' }).changed).toBe(false);
    const current = { ...evaluation('fail'), since: s.stepStartedAt };
    expect(nextRolloutState(s, current, T0 + 120_000, { kind: 'check' }).state.failedChecks).toBe(1);
  });

  it('a paused rollout is not driven', () => {
    const s = nextRolloutState(auto(), undefined, T0, { kind: 'pause', actor: 'ana' }).state;
    expect(nextRolloutState(s, evaluation('fail'), T0 + 60_000, { kind: 'check' }).changed).toBe(false);
    expect(nextRolloutState(s, evaluation('pass'), T0 + 60_000, { kind: 'check' }).changed).toBe(false);
  });

  it('stored state round-trips through its schema (what the annotation holds)', () => {
    const s = nextRolloutState(auto(), evaluation('fail'), T0 + 1000, { kind: 'check' }).state;
    expect(rolloutStateSchema.parse(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });
});
