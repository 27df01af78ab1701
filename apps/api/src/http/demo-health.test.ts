import { createSimulator, dataProductProfile } from '@sluice/mesh-sim';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { createDemoStore } from '../cluster/demo-store';
import type { RolloutAppDeps } from './rollout-router';
import { rolloutHarness, START } from '../rollout/test-kit';
import { createSimulatorSource } from '../traffic/simulator-source';

/* The demo-only health control that makes a canary unhealthy on purpose (issue 11), and its refusals. */

describe('demo health endpoint', () => {
  const HEALTH = '/api/demo/namespaces/data-product/apps/data-product/versions/v4.0/health';

  it('GET/PUT round-trip; bad input is 400 naming the field, an unknown version 404, and nothing changes', async () => {
    const h = rolloutHarness();
    expect((await request(h.app).get(HEALTH).expect(200)).body).toEqual({
      namespace: 'data-product',
      app: 'data-product',
      version: 'v4.0',
      errorRate: 0,
      extraLatencyMs: 0,
    });
    await request(h.app).put(HEALTH).send({ errorRate: 0.25, extraLatencyMs: 40 }).expect(200);

    const tooHigh = await request(h.app).put(HEALTH).send({ errorRate: 2, extraLatencyMs: 0 }).expect(400);
    expect(tooHigh.body.error.details[0].path).toBe('errorRate');
    const negative = await request(h.app).put(HEALTH).send({ errorRate: 0.1, extraLatencyMs: -5 }).expect(400);
    expect(negative.body.error.details[0].path).toBe('extraLatencyMs');
    await request(h.app).put(HEALTH).send({ errorRate: '0.1', extraLatencyMs: 0 }).expect(400);
    await request(h.app).put(HEALTH).send({ errorRate: 0.1 }).expect(400);
    const unknown = await request(h.app)
      .put(HEALTH.replace('v4.0', 'v9.9'))
      .send({ errorRate: 0.5, extraLatencyMs: 0 })
      .expect(404);
    expect(unknown.body.error.message).toContain('v9.9');
    await request(h.app).get(HEALTH.replace('apps/data-product', 'apps/nope')).expect(404);

    expect((await request(h.app).get(HEALTH).expect(200)).body).toMatchObject({ errorRate: 0.25, extraLatencyMs: 40 });
    expect(h.sim.versionHealth('data-product', 'data-product', 'v9.9')).toEqual({ errorRate: 0, extraLatencyMs: 0 });
  });

  it('the simulator applies it at the destination: both reporters see the errors and the latency', async () => {
    const h = rolloutHarness();
    await request(h.app).put(HEALTH).send({ errorRate: 0.5, extraLatencyMs: 200 }).expect(200);
    h.sim.advance(60_000);
    const w = h.sim.query(60, ['data-product']);
    for (const reporter of ['source', 'destination'] as const) {
      const canary = w.requests.filter((s) => s.reporter === reporter && s.destinationWorkload === 'data-product-v4.0');
      const total = canary.reduce((a, s) => a + s.rps, 0);
      const failed = canary.filter((s) => (s.grpcResponseStatus ?? '0') !== '0').reduce((a, s) => a + s.rps, 0);
      expect(failed / total).toBeGreaterThan(0.35);
      expect(failed / total).toBeLessThan(0.65);
      const p99 = w.latencies.find((l) => l.reporter === reporter && l.destinationWorkload === 'data-product-v4.0');
      expect(p99?.p95Ms).toBeGreaterThan(200);
    }
    const stable = w.latencies.find((l) => l.reporter === 'destination' && l.destinationWorkload === 'data-product');
    expect(stable?.p95Ms).toBeLessThan(50);
  });

  it('is 404 outside demo mode', async () => {
    const store = createDemoStore();
    const sim = createSimulator({ config: store, profiles: [dataProductProfile], clock: { now: () => START } });
    const deps: RolloutAppDeps = {
      store,
      traffic: createSimulatorSource(sim),
      config: { readOnly: false },
      logger: pino({ level: 'silent' }),
      rollout: { driveEveryMs: 0 },
    };
    const app = createApp(deps);
    const res = await request(app).put(HEALTH).send({ errorRate: 0.5, extraLatencyMs: 0 }).expect(404);
    expect(res.body.error.message).toContain('not in demo mode');
    expect(sim.versionHealth('data-product', 'data-product', 'v4.0')).toEqual({ errorRate: 0, extraLatencyMs: 0 });
  });
});
