import { ROLLOUT_ANNOTATION, rolloutStateSchema } from '@sluice/model';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { dataProductPlan, failingCanary, ROLLOUT, rolloutHarness, run, stableCanaryWeights, view } from './test-kit';

/*
 * The stories of issue 8 against the simulator: a healthy canary is promoted step by step in
 * automatic mode; a canary answering errors above the gate is rolled back by itself, with the
 * weights back at 100/0, the mirror cleared and the reason in the timeline.
 */

const automatic = {
  ...dataProductPlan,
  mode: 'automatic',
  bakeSeconds: 60,
  checkIntervalSeconds: 10,
  maxFailedChecks: 3,
};

describe('automatic rollout of data-product v4.0 in the simulator', () => {
  it('healthy canary: advances after each bake with all gates passing and promotes to 100', async () => {
    const h = rolloutHarness();
    h.sim.advance(60_000);
    const started = await request(h.app)
      .post(ROLLOUT)
      .send({ ...automatic, gates: { minSuccessRate: 95 } })
      .expect(201);
    expect(started.body.state.phase).toBe('progressing');
    expect(stableCanaryWeights(h.store)).toEqual([90, 10]);

    let phase = 'progressing';
    const seen: number[] = [];
    await run(h, 600_000, () => phase !== 'progressing');
    const v = await view(h.app);
    phase = v.state?.phase ?? '';
    for (const e of v.state?.timeline ?? []) seen.push(e.to.canaryWeight);
    expect(phase).toBe('promoted');
    expect(seen).toEqual([10, 25, 50, 100]);
    expect(stableCanaryWeights(h.store)).toEqual([0, 100]);
    const advances = v.state?.timeline.filter((e) => e.action === 'advance') ?? [];
    expect(advances.every((e) => e.actor === 'sluice' && e.gates?.every((g) => g.status === 'pass'))).toBe(true);
    expect(v.series.length).toBeGreaterThan(10);
    expect(v.series.at(-1)?.canaryWeight).toBe(50);
  });

  it('canary with 5xx above the gate: rolls back automatically to 100/0, clears the mirror, timeline says why', async () => {
    const h = rolloutHarness();
    h.sim.setProfiles([failingCanary(0.3)]);
    h.sim.advance(30_000);
    await request(h.app).post(ROLLOUT).send(automatic).expect(201);
    // Someone mirrors traffic to the canary meanwhile; a rollback must switch that off too.
    const vs = (await request(h.app).get('/api/namespaces/data-product/virtualservices/data-product').expect(200)).body;
    await request(h.app)
      .post('/api/namespaces/data-product/virtualservices/data-product/edits')
      .send({
        resourceVersion: vs.metadata.resourceVersion,
        edits: [
          {
            op: 'setMirror',
            route: { kind: 'http', index: 0 },
            mirror: { destination: { host: 'data-product', subset: 'v4' }, percent: 50 },
          },
        ],
      })
      .expect(200);

    await run(
      h,
      300_000,
      () =>
        h.store
          .get('VirtualService', 'data-product', 'data-product')
          ?.metadata.annotations?.[ROLLOUT_ANNOTATION]?.includes('"rolledBack"') ?? false,
    );
    const stored = h.store.get('VirtualService', 'data-product', 'data-product');
    const state = rolloutStateSchema.parse(JSON.parse(stored?.metadata.annotations?.[ROLLOUT_ANNOTATION] ?? '{}'));
    expect(state.phase).toBe('rolledBack');
    expect(stableCanaryWeights(h.store)).toEqual([100, 0]);
    expect(stored?.spec.http?.[0]?.mirror).toBeUndefined();
    const last = state.timeline.at(-1);
    expect(last).toMatchObject({
      action: 'rollback',
      actor: 'sluice',
      from: { canaryWeight: 10 },
      to: { phase: 'rolledBack', canaryWeight: 0 },
    });
    expect(last?.reason).toMatch(/rolled back after 3 failed checks: success rate \d+(\.\d+)?% < 99%/);
    expect(state.timeline.filter((e) => e.action === 'failedCheck')).toHaveLength(2);
    expect(last?.gates?.find((g) => g.gate === 'successRate')?.status).toBe('fail');
  });
});
