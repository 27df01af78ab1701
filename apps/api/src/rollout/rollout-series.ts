import type { GateEvaluation, RolloutPoint } from '@sluice/model';

/*
 * Chart points per rollout, in memory: metrics are re-readable from Prometheus, so they do not
 * belong in the annotation (which must stay small). After a restart the charts start again from
 * the restart; the timeline, which carries the gate values of every change, survives.
 */

const MAX_POINTS = 360;
/** Rollouts remembered at once (oldest forgotten first): a long-running API must not grow without bound. */
const MAX_ROLLOUTS = 200;

export function createRolloutSeries() {
  const byRollout = new Map<string, RolloutPoint[]>();
  return {
    record(key: string, startedAt: string, canaryWeight: number, gates: GateEvaluation): void {
      const id = `${key}@${startedAt}`;
      const points = byRollout.get(id) ?? [];
      if (points.at(-1)?.at === gates.at) return;
      const side = (s: GateEvaluation['stable']) => ({ rps: s.rps, errorRate: s.errorRate, p99Ms: s.p99Ms });
      points.push({ at: gates.at, canaryWeight, stable: side(gates.stable), canary: side(gates.canary) });
      if (points.length > MAX_POINTS) points.splice(0, points.length - MAX_POINTS);
      byRollout.delete(id);
      byRollout.set(id, points);
      if (byRollout.size > MAX_ROLLOUTS) byRollout.delete(byRollout.keys().next().value as string);
    },
    points(key: string, startedAt: string): RolloutPoint[] {
      return byRollout.get(`${key}@${startedAt}`) ?? [];
    },
  };
}

export type RolloutSeries = ReturnType<typeof createRolloutSeries>;
