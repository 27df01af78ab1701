import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from './test-kit';

describe('serving the web app on the API port', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>Sluice</title></head></html>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const { app } = testApp({ config: { readOnly: false, staticDir: dir } });

  it('serves files, falls back to index.html for app routes, and keeps /api answers JSON', async () => {
    expect((await request(app).get('/assets/app.js').expect(200)).text).toBe('console.log(1)');
    expect((await request(app).get('/').expect(200)).text).toContain('<title>Sluice</title>');
    expect((await request(app).get('/graph?namespaces=bookinfo').expect(200)).text).toContain('<title>Sluice</title>');
    const api = await request(app).get('/api/unknown').expect(404);
    expect(api.body.error.code).toBe('not_found');
  });

  it("gives index.html this response's CSP style nonce, fresh each time, for the YAML editor's styles", async () => {
    const nonces = [];
    for (const path of ['/', '/index.html', '/services/bookinfo/reviews']) {
      const res = await request(app).get(path).expect(200);
      const meta = /<meta name="csp-nonce" content="([A-Za-z0-9+/=]+)" \/>/.exec(res.text)?.[1];
      const header = /style-src [^;]*'nonce-([A-Za-z0-9+/=]+)'/.exec(res.headers['content-security-policy'] ?? '')?.[1];
      expect(meta, path).toBeDefined();
      expect(meta).toBe(header);
      expect(res.headers['cache-control']).toBe('no-cache');
      nonces.push(meta);
    }
    expect(new Set(nonces).size).toBe(3);
    expect(Buffer.from(nonces[0] ?? '', 'base64')).toHaveLength(16);
  });
});
