import { apiErrorBodySchema, destinationRuleEditsResponseSchema } from '@sluice/model';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testApp } from './test-kit';

/* POST /api/namespaces/:ns/:plural/:name/edits serves every kind in the model's edit registry, and only those. */

const body = { resourceVersion: '1', edits: [{ op: 'setTimeout', route: { kind: 'http', index: 0 }, timeout: '1s' }] };

describe('the edits route, by kind', () => {
  it.each(['gateways', 'services', 'pods', '__proto__'])(
    'refuses %s with 404 naming the kinds that take edits, writing nothing',
    async (plural) => {
      const { app } = testApp();
      const before = (await request(app).get('/api/istio?namespaces=bookinfo').expect(200)).text;
      const res = await request(app).post(`/api/namespaces/bookinfo/${plural}/bookinfo-gateway/edits`).send(body);
      expect(res.status).toBe(404);
      const { error } = apiErrorBodySchema.parse(res.body);
      expect(error.message).toContain(`"${plural}"`);
      expect(error.message).toContain('virtualservices');
      expect((await request(app).get('/api/istio?namespaces=bookinfo').expect(200)).text).toBe(before);
    },
  );

  it('keeps serving virtualservices as before: a missing object is a 404 naming it', async () => {
    const { app } = testApp();
    const res = await request(app).post('/api/namespaces/bookinfo/virtualservices/nope/edits').send(body);
    expect(res.status).toBe(404);
    expect(apiErrorBodySchema.parse(res.body).error.message).toContain('VirtualService bookinfo/nope');
  });
});

describe('POST .../destinationrules/:name/edits', () => {
  const DR = '/api/namespaces/bookinfo/destinationrules/reviews';
  const breaker = {
    op: 'setTrafficPolicy',
    subset: 'v3',
    policy: { connectionPool: { http: { http2MaxRequests: 1 } }, outlierDetection: { consecutive5xxErrors: 5 } },
  };
  const stored = async (app: ReturnType<typeof testApp>['app']) => (await request(app).get(DR).expect(200)).body;

  it('sets a circuit breaker on a subset: the dry run shows the diff and writes nothing, the write stores it', async () => {
    const { app } = testApp();
    const before = await stored(app);
    const rv = before.metadata.resourceVersion as string;
    const dry = await request(app)
      .post(`${DR}/edits?dryRun=true`)
      .send({ resourceVersion: rv, edits: [breaker] });
    expect(dry.status).toBe(200);
    const preview = destinationRuleEditsResponseSchema.parse(dry.body);
    expect(preview.diff).toMatch(/^\+ *http2MaxRequests: 1$/m);
    expect(await stored(app)).toEqual(before);

    const res = await request(app)
      .post(`${DR}/edits`)
      .send({ resourceVersion: rv, edits: [breaker] });
    expect(res.status).toBe(200);
    const after = await stored(app);
    expect(after.metadata.resourceVersion).not.toBe(rv);
    expect(after.spec.subsets[2]).toMatchObject({ name: 'v3', trafficPolicy: breaker.policy });

    // The same version again is stale: 409 with reason stale, nothing written.
    const again = await request(app)
      .post(`${DR}/edits`)
      .send({ resourceVersion: rv, edits: [breaker] });
    expect(again.status).toBe(409);
    expect(apiErrorBodySchema.parse(again.body).error.details).toMatchObject({ reason: 'stale' });
  });

  it('refuses what istiod would refuse (422 with paths into the object), typos (400) and unknown subsets (422)', async () => {
    const { app } = testApp();
    const before = await stored(app);
    const rv = before.metadata.resourceVersion as string;
    const post = (edits: unknown[]) => request(app).post(`${DR}/edits`).send({ resourceVersion: rv, edits });

    const negative = await post([
      { op: 'setTrafficPolicy', policy: { connectionPool: { http: { http2MaxRequests: -1 } } } },
    ]);
    expect(negative.status).toBe(422);
    expect(apiErrorBodySchema.parse(negative.body).error.details).toEqual([
      expect.objectContaining({
        path: 'spec.trafficPolicy.connectionPool.http.http2MaxRequests',
        code: 'connection_pool_negative',
      }),
    ]);

    const tls = await post([{ op: 'setTrafficPolicy', policy: { tls: { mode: 'MUTUAL' } } }]);
    expect(tls.status).toBe(422);
    expect(tls.body.error.message).toMatch(/clientCertificate required for MUTUAL/);

    const typo = await post([{ op: 'setTrafficPolicy', policy: { connectionPool: { http: { maxRequest: 1 } } } }]);
    expect(typo.status).toBe(400);
    expect(typo.body.error.details[0].path).toMatch(/^edits\[0\]\.policy\.connectionPool\.http/);

    const vsOp = await post([{ op: 'setTimeout', route: { kind: 'http', index: 0 }, timeout: '1s' }]);
    expect(vsOp.status).toBe(400);

    const subset = await post([{ ...breaker, subset: 'v9' }]);
    expect(subset.status).toBe(422);
    expect(subset.body.error.details[0]).toMatchObject({
      path: 'spec.subsets',
      code: 'subset_not_found',
      editIndex: 0,
    });

    expect(await stored(app)).toEqual(before);
  });
});
