import request from 'supertest';
import { apiErrorBodySchema } from '@sluice/model';
import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from '../http/test-kit';
import { reviewsWeightsRequest } from '../test-kit/reviews-weights';

/*
 * Headers a browser needs to keep the console safe, and the Host/Origin allow-list against DNS
 * rebinding and cross-site writes (issue 14: a write with Host/Origin attacker.example was accepted).
 */

const { app, deps } = testApp({ config: { readOnly: false, allowedHosts: ['sluice.example.com', '*.corp.example'] } });
afterAll(() => app.shutdown());
const VS = '/api/namespaces/bookinfo/virtualservices/reviews';
const rv = () => deps.store.get('VirtualService', 'bookinfo', 'reviews')?.metadata.resourceVersion ?? '';

describe('security headers', () => {
  it('are on API answers, errors included: CSP without unsafe-*, nosniff, no framing, no referrer', async () => {
    for (const path of ['/api/healthz', '/api/namespaces', '/api/nope']) {
      const res = await request(app).get(path);
      const csp = res.headers['content-security-policy'] ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});

describe('Host allow-list', () => {
  it('refuses a foreign Host (a DNS-rebound page) with 403 on reads and writes, and writes nothing', async () => {
    const before = rv();
    for (const host of ['attacker.example', 'attacker.example:8080', 'localhost.attacker.example', 'corp.example']) {
      const read = await request(app).get('/api/namespaces').set('Host', host).expect(403);
      expect(apiErrorBodySchema.parse(read.body).error.message).toMatch(/--allowed-hosts/);
      await request(app)
        .post(`${VS}/edits`)
        .set('Host', host)
        .send(reviewsWeightsRequest(before, 20, 80))
        .expect(403);
    }
    expect(rv()).toBe(before);
  });

  it('serves localhost, IP literals (probes, port-forwards) and the allowed names', async () => {
    for (const host of [
      'localhost:8080',
      '127.0.0.1:9',
      '[::1]:8080',
      '10.1.2.3',
      'SLUICE.example.com',
      'a.corp.example',
    ])
      await request(app).get('/api/healthz').set('Host', host).expect(200);
  });
});

describe('Origin check on writes', () => {
  it('refuses a write from a foreign or opaque Origin with 403 and writes nothing', async () => {
    const before = rv();
    for (const origin of ['http://attacker.example', 'null', 'http://127.0.0.1.attacker.example:8080', 'garbage']) {
      const res = await request(app)
        .post(`${VS}/edits`)
        .set('Host', '127.0.0.1:8080')
        .set('Origin', origin)
        .send(reviewsWeightsRequest(before, 20, 80))
        .expect(403);
      expect(apiErrorBodySchema.parse(res.body).error.message).toMatch(/Cross-site write refused/);
    }
    expect(rv()).toBe(before);
  });

  it('lets the console itself (same Origin), an allowed host and Origin-less tools write', async () => {
    const same = await request(app)
      .post(`${VS}/edits`)
      .set('Host', '127.0.0.1:8080')
      .set('Origin', 'http://127.0.0.1:8080')
      .send(reviewsWeightsRequest(rv(), 20, 80))
      .expect(200);
    expect(same.body.object.spec.http[0].route.map((r: { weight: number }) => r.weight)).toEqual([20, 80]);
    await request(app)
      .post(`${VS}/edits`)
      .set('Host', 'localhost:8080')
      .set('Origin', 'https://sluice.example.com')
      .send(reviewsWeightsRequest(rv(), 30, 70))
      .expect(200);
    await request(app)
      .post(`${VS}/edits`)
      .send(reviewsWeightsRequest(rv(), 50, 50))
      .expect(200);
    // Reads may carry any Origin: the browser keeps a cross-origin page from reading the answer (no CORS).
    await request(app).get('/api/namespaces').set('Origin', 'http://attacker.example').expect(200);
  });
});
