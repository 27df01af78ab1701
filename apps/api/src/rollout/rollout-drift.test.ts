import type { VirtualService } from '@sluice/model';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { dataProductPlan, ROLLOUT, rolloutHarness, stableCanaryWeights, view } from './test-kit';

/*
 * Drift is never silent (issue 11): a weight change on the route of an active rollout, by edits or
 * by PUT, is refused with 409 `rollout` naming the rollout, unless the body overrides; an override
 * pauses the rollout with a `drift` entry carrying the new weights, and a later abort records the
 * weights that were really on the route.
 */

const VS = '/api/namespaces/data-product/virtualservices/data-product';
const weights = (stable: number, canary: number) => ({
  op: 'setWeights',
  route: { kind: 'http', index: 0 },
  weights: [
    { destination: { host: 'data-product', subset: 'v3' }, weight: stable },
    { destination: { host: 'data-product', subset: 'v4' }, weight: canary },
  ],
});

describe('weight edits on the route of an active rollout', () => {
  it('setWeights is refused with 409 reason "rollout" naming the rollout; nothing is written', async () => {
    const h = rolloutHarness();
    await request(h.app).post(ROLLOUT).send(dataProductPlan).expect(201);
    const before = h.store.get('VirtualService', 'data-product', 'data-product');
    const refused = await request(h.app)
      .post(`${VS}/edits`)
      .send({ resourceVersion: before?.metadata.resourceVersion, edits: [weights(80, 20)] })
      .expect(409);
    expect(refused.body.error.details).toMatchObject({
      reason: 'rollout',
      rollout: { namespace: 'data-product', virtualService: 'data-product', phase: 'progressing', step: 0 },
    });
    expect(refused.body.error.message).toContain('overrideRollout');
    // The service page learns the same from its traffic view (banner, explicit override on the route).
    const traffic = await request(h.app).get('/api/namespaces/data-product/services/data-product/traffic').expect(200);
    expect(traffic.body.virtualServices[0].rollout).toEqual({
      phase: 'progressing',
      stepIndex: 0,
      canaryWeight: 10,
      httpRouteIndex: 0,
      mode: 'manual',
    });
    expect(h.store.get('VirtualService', 'data-product', 'data-product')).toBe(before);
    // Other edits of the same object (a timeout) leave the rollout alone and go through.
    await request(h.app)
      .post(`${VS}/edits`)
      .send({
        resourceVersion: before?.metadata.resourceVersion,
        edits: [{ op: 'setTimeout', route: { kind: 'http', index: 0 }, timeout: '3s' }],
      })
      .expect(200);
    expect((await view(h.app)).state?.phase).toBe('progressing');
  });

  it('a dry run previews the override and warns that the write needs it', async () => {
    const h = rolloutHarness();
    await request(h.app).post(ROLLOUT).send(dataProductPlan).expect(201);
    const rv = h.store.get('VirtualService', 'data-product', 'data-product')?.metadata.resourceVersion;
    const dry = await request(h.app)
      .post(`${VS}/edits?dryRun=true`)
      .send({ resourceVersion: rv, edits: [weights(80, 20)] })
      .expect(200);
    expect(dry.body.findings[0]).toMatchObject({ code: 'rollout_drift', severity: 'warning' });
    expect(h.store.get('VirtualService', 'data-product', 'data-product')?.metadata.resourceVersion).toBe(rv);
  });

  it('with overrideRollout the weights are written, the rollout paused, the timeline has the drift; abort records the real weights', async () => {
    const h = rolloutHarness();
    await request(h.app).post(ROLLOUT).send(dataProductPlan).expect(201);
    await request(h.app).post(`${ROLLOUT}/next`).send({ expectedStep: 0 }).expect(200);
    const rv = h.store.get('VirtualService', 'data-product', 'data-product')?.metadata.resourceVersion;
    await request(h.app)
      .post(`${VS}/edits`)
      .send({ resourceVersion: rv, edits: [weights(80, 20)], overrideRollout: true })
      .expect(200);
    expect(stableCanaryWeights(h.store)).toEqual([80, 20]);
    const v = await view(h.app);
    expect(v.state?.phase).toBe('paused');
    expect(v.expected).toEqual({ stable: 75, canary: 25 });
    expect(v.routeWeights).toEqual({ stable: 80, canary: 20 });
    expect(v.state?.timeline.at(-1)).toMatchObject({
      action: 'drift',
      actor: 'anonymous',
      from: { phase: 'progressing', canaryWeight: 25 },
      to: { phase: 'paused', canaryWeight: 25 },
      routeWeights: { stable: 75, canary: 25 },
      newWeights: { stable: 80, canary: 20 },
    });

    const aborted = await request(h.app)
      .post(`${ROLLOUT}/abort`)
      .send({ reason: 'weights edited by hand' })
      .expect(200);
    expect(aborted.body.state.timeline.at(-1)).toMatchObject({
      action: 'abort',
      reason: 'weights edited by hand',
      routeWeights: { stable: 80, canary: 20 },
      to: { canaryWeight: 0 },
    });
    expect(stableCanaryWeights(h.store)).toEqual([100, 0]);
  });

  it('PUT of the object with other weights is refused the same way; with overrideRollout it pauses the rollout', async () => {
    const h = rolloutHarness();
    await request(h.app).post(ROLLOUT).send(dataProductPlan).expect(201);
    const current = (await request(h.app).get(VS).expect(200)).body as VirtualService;
    const http = current.spec.http ?? [];
    const changed: VirtualService = {
      ...current,
      spec: {
        ...current.spec,
        http: [{ ...http[0], route: (http[0]?.route ?? []).map((d, i) => ({ ...d, weight: i === 0 ? 50 : 50 })) }],
      },
    };
    const refused = await request(h.app).put(VS).send({ object: changed }).expect(409);
    expect(refused.body.error.details.reason).toBe('rollout');
    // Dropping the rollout's annotation would end it without a trace: the same refusal.
    const { annotations: _dropped, ...metadata } = current.metadata;
    await request(h.app)
      .put(VS)
      .send({ object: { ...current, metadata } })
      .expect(409);
    expect(stableCanaryWeights(h.store)).toEqual([90, 10]);

    await request(h.app).put(VS).send({ object: changed, overrideRollout: true }).expect(200);
    const v = await view(h.app);
    expect(v.state?.phase).toBe('paused');
    expect(v.state?.timeline.at(-1)).toMatchObject({ action: 'drift', newWeights: { stable: 50, canary: 50 } });
    // Resume puts the step's weights back and starts the step over.
    await request(h.app).post(`${ROLLOUT}/resume`).send({}).expect(200);
    expect(stableCanaryWeights(h.store)).toEqual([90, 10]);
  });

  it('a finished rollout does not hold the route', async () => {
    const h = rolloutHarness();
    await request(h.app).post(ROLLOUT).send(dataProductPlan).expect(201);
    await request(h.app).post(`${ROLLOUT}/abort`).send({}).expect(200);
    const rv = h.store.get('VirtualService', 'data-product', 'data-product')?.metadata.resourceVersion;
    await request(h.app)
      .post(`${VS}/edits`)
      .send({ resourceVersion: rv, edits: [weights(60, 40)] })
      .expect(200);
  });
});
