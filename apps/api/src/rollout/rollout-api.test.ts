import { graphSchema } from '@sluice/model';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { apiOver, dataProductPlan, ROLLOUT, rolloutHarness, run, stableCanaryWeights, view } from './test-kit';

/* The rollout endpoints: manual steps, restart and replicas, bad input, controller-owned VirtualServices. */

describe('rollout API', () => {
  it('manual rollout: next twice, abort -> weights 100/0; every change in the timeline with who and gates', async () => {
    const h = rolloutHarness();
    h.sim.advance(60_000);
    await request(h.app).post(ROLLOUT).send(dataProductPlan).expect(201);
    await run(h, 120_000);
    expect((await view(h.app)).state?.stepIndex).toBe(0);
    await request(h.app).post(`${ROLLOUT}/next`).send({ expectedStep: 0 }).expect(200);
    // A second click from the same page (it saw step 0) must not skip a step.
    const twice = await request(h.app).post(`${ROLLOUT}/next`).send({ expectedStep: 0 }).expect(409);
    expect(twice.body.error.details.reason).toBe('state');
    const two = await request(h.app).post(`${ROLLOUT}/next`).send({ expectedStep: 1 }).expect(200);
    expect(two.body.expected).toEqual({ stable: 50, canary: 50 });
    expect(stableCanaryWeights(h.store)).toEqual([50, 50]);
    h.sim.advance(60_000);
    const live = await view(h.app);
    expect(live.gates?.gates.map((g) => g.gate)).toEqual(['requests', 'successRate', 'p99', 'split']);
    expect(live.observed?.canary).toBeGreaterThan(0.35);
    const aborted = await request(h.app).post(`${ROLLOUT}/abort`).send({ reason: 'enough' }).expect(200);
    expect(aborted.body.state.phase).toBe('aborted');
    expect(stableCanaryWeights(h.store)).toEqual([100, 0]);
    const timeline = aborted.body.state.timeline as { action: string; actor: string; gates?: unknown[] }[];
    expect(timeline.map((e) => e.action)).toEqual(['start', 'next', 'next', 'abort']);
    expect(timeline.every((e) => e.actor === 'anonymous')).toBe(true);
    expect(timeline.at(-1)?.gates?.length).toBeGreaterThan(0);
    await request(h.app).post(`${ROLLOUT}/next`).send({}).expect(409);
  });

  it('an API restart mid-rollout resumes from the stored state; two replicas never move it twice', async () => {
    const h = rolloutHarness();
    h.sim.advance(60_000);
    await request(h.app)
      .post(ROLLOUT)
      .send({ ...dataProductPlan, mode: 'automatic', bakeSeconds: 60, gates: { minSuccessRate: 95 } })
      .expect(201);
    await run(h, 300_000, () => stableCanaryWeights(h.store)[1] === 25);
    expect(stableCanaryWeights(h.store)).toEqual([75, 25]);

    const restarted = apiOver(h.store, h.sim);
    const resumed = await view(restarted.app);
    expect(resumed.state).toMatchObject({ phase: 'progressing', stepIndex: 1 });
    expect(resumed.expected).toEqual({ stable: 75, canary: 25 });

    // Old and new process both drive from now on, as two replicas would: one write per decision.
    const both = {
      sim: h.sim,
      options: {
        driver: {
          tick: async () => void (await Promise.all([h.options.driver?.tick(), restarted.options.driver?.tick()])),
        },
      },
    };
    await run(both as Parameters<typeof run>[0], 600_000, () => stableCanaryWeights(h.store)[1] === 100);
    const done = await view(restarted.app);
    expect(done.state?.phase).toBe('promoted');
    expect(done.state?.timeline.map((e) => e.to.canaryWeight)).toEqual([10, 25, 50, 100]);
  });

  it('bad input is a clear 4xx naming the path; nothing is written', async () => {
    const h = rolloutHarness();
    const before = h.store.get('VirtualService', 'data-product', 'data-product');
    const bad = await request(h.app)
      .post(ROLLOUT)
      .send({ ...dataProductPlan, steps: [50, 10] })
      .expect(400);
    expect(bad.body.error.details[0].path).toBe('steps');
    await request(h.app).post(ROLLOUT).send({ stable: dataProductPlan.stable }).expect(400);
    await request(h.app)
      .post(ROLLOUT)
      .send({ ...dataProductPlan, canary: dataProductPlan.stable })
      .expect(400);
    const unknownSubset = await request(h.app)
      .post(ROLLOUT)
      .send({ ...dataProductPlan, canary: { host: 'data-product', subset: 'v9' } })
      .expect(422);
    expect(JSON.stringify(unknownSubset.body.error.details)).toContain('v9');
    await request(h.app).post('/api/namespaces/data-product/services/nope/rollout').send(dataProductPlan).expect(404);
    await request(h.app).post(`${ROLLOUT}/next`).send({}).expect(404);
    await request(h.app).post(`${ROLLOUT}/jump`).send({}).expect(404);
    expect(h.store.get('VirtualService', 'data-product', 'data-product')).toBe(before);
    await request(h.app).post(ROLLOUT).send(dataProductPlan).expect(201);
    await request(h.app).post(ROLLOUT).send(dataProductPlan).expect(409);
  });

  it('without a route in the plan, the rollout shifts the default (match-less) route, never a match route ahead of it', async () => {
    const h = rolloutHarness();
    const demoapp = '/api/namespaces/demoapp/services/demoapp/rollout';
    const offered = await request(h.app).get(demoapp).expect(200);
    expect(offered.body.destinations.slice(0, 2)).toEqual([
      { host: 'demoapp', subset: 'v10' },
      { host: 'demoapp', subset: 'v11' },
    ]);
    const started = await request(h.app)
      .post(demoapp)
      .send({ stable: { host: 'demoapp', subset: 'v10' }, canary: { host: 'demoapp', subset: 'v11' } })
      .expect(201);
    expect(started.body.state.plan.route).toEqual({ kind: 'http', index: 2 });
    const http = h.store.get('VirtualService', 'demoapp', 'demoapp')?.spec.http ?? [];
    expect(http.map((r) => (r.route ?? []).map((d) => d.weight))).toEqual([[undefined], [], [90, 10]]);
  });

  it('the graph marks the service while a rollout is in progress', async () => {
    const h = rolloutHarness();
    const flag = async () => {
      const g = graphSchema.parse((await request(h.app).get('/api/graph?namespaces=data-product').expect(200)).body);
      return g.nodes.find((n) => n.id === 'service:data-product:data-product')?.flags.rollout;
    };
    expect(await flag()).toBeUndefined();
    await request(h.app).post(ROLLOUT).send(dataProductPlan).expect(201);
    expect(await flag()).toBe(true);
    await request(h.app).post(`${ROLLOUT}/abort`).send({}).expect(200);
    expect(await flag()).toBeUndefined();
  });

  it('a VirtualService managed by Flagger is read-only: rollouts, edits and replacements refused naming the owner', async () => {
    const h = rolloutHarness();
    const vs = h.store.get('VirtualService', 'data-product', 'data-product');
    if (!vs) throw new Error('no VirtualService');
    const owned = await h.store.replace({
      ...vs,
      metadata: { ...vs.metadata, annotations: { 'flagger.app/canary': 'data-product' } },
    });
    const refused = await request(h.app).post(ROLLOUT).send(dataProductPlan).expect(409);
    expect(refused.body.error.message).toContain('managed by Flagger');
    const edit = await request(h.app)
      .post('/api/namespaces/data-product/virtualservices/data-product/edits')
      .send({
        resourceVersion: owned.metadata.resourceVersion,
        edits: [{ op: 'setMirror', route: { kind: 'http', index: 0 }, mirror: null }],
      })
      .expect(409);
    expect(edit.body.error.details).toEqual({ reason: 'managed', managedBy: 'Flagger' });
    const put = await request(h.app)
      .put('/api/namespaces/data-product/virtualservices/data-product')
      .send({ object: owned })
      .expect(409);
    expect(put.body.error.message).toContain('managed by Flagger');
    expect((await view(h.app)).managedBy).toBe('Flagger');
  });
});
