import { apiErrorBodySchema } from '@sluice/model';
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
