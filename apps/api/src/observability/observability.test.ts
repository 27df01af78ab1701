import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { testApp } from '../http/test-kit';
import { createLogger } from './logger';
import { createMetrics } from './metrics';
import { timedFetch } from './timed-fetch';

/* What an operator scrapes and reads: GET /metrics, request ids in responses and logs, no secrets in logs. */

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function serve(overrides: Parameters<typeof testApp>[0] = {}) {
  const { app, deps } = testApp(overrides);
  const server = createServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { app, deps, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The value of one sample line of the exposition text (`name{labels} value`). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

/** Lines a logger wrote, parsed. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe('GET /metrics', () => {
  it('times requests by route template, not by raw path; unknown paths share one series', async () => {
    const { base } = await serve();
    await fetch(`${base}/api/namespaces/bookinfo/services`);
    await fetch(`${base}/api/namespaces/demoapp/services`);
    await fetch(`${base}/api/no/such/thing/${Math.random()}`);
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    const route = { route: '/api/namespaces/:ns/services', method: 'GET', status: '200' };
    expect(sample(text, 'sluice_http_request_duration_seconds_count', route)).toBe(2);
    expect(text).not.toContain('/api/namespaces/bookinfo/services');
    expect(sample(text, 'sluice_http_request_duration_seconds_count', { route: 'unmatched', status: '404' })).toBe(1);
    expect(text).not.toContain('/api/no/such');
  });

  it('counts open SSE clients while they are connected', async () => {
    const { base } = await serve();
    const scrape = async () => sample(await (await fetch(`${base}/metrics`)).text(), 'sluice_sse_clients');
    expect(await scrape()).toBe(0);
    const abort = new AbortController();
    const stream = await fetch(`${base}/api/events`, { signal: abort.signal });
    expect(stream.status).toBe(200);
    expect(await scrape()).toBe(1);
    abort.abort();
    await expect.poll(scrape).toBe(0);
  });

  it('reports watch restarts and active sessions from the metrics the server shares', async () => {
    const metrics = createMetrics();
    metrics.watchRestarts.inc({ resource: 'VirtualService' });
    metrics.watchRestarts.inc({ resource: 'VirtualService' });
    metrics.provide('activeSessions', () => 3);
    const { base } = await serve({ metrics });
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(sample(text, 'sluice_watch_restarts_total', { resource: 'VirtualService' })).toBe(2);
    expect(sample(text, 'sluice_active_sessions')).toBe(3);
  });

  it('prefixes every metric with sluice_, process metrics included', async () => {
    const metrics = createMetrics({ processMetrics: true });
    const text = await metrics.registry.metrics();
    const names = text
      .split('\n')
      .filter((l) => l.startsWith('# TYPE '))
      .map((l) => l.split(' ')[2] ?? '');
    expect(names).toEqual(
      expect.arrayContaining(['sluice_process_cpu_seconds_total', 'sluice_nodejs_eventloop_lag_seconds']),
    );
    expect(names.filter((n) => !n.startsWith('sluice_'))).toEqual([]);
  });
});

describe('Prometheus query durations', () => {
  it('times each call by API endpoint and outcome, never by query text', async () => {
    const metrics = createMetrics();
    const answers: (() => Promise<Response>)[] = [
      async () => Response.json({ status: 'success', data: { resultType: 'vector', result: [] } }),
      async () => new Response('{"error":"bad"}', { status: 400 }),
      async () => {
        throw Object.assign(new Error('aborted'), { name: 'TimeoutError' });
      },
    ];
    const fetcher = timedFetch(metrics, async () => answers.shift()!());
    const query = 'http://prom:9090/prefix/api/v1/query?query=sum(rate(istio_requests_total[1m]))';
    await fetcher(query);
    await fetcher(query);
    await expect(fetcher(query)).rejects.toThrow('aborted');
    const text = await metrics.registry.metrics();
    for (const outcome of ['ok', 'error', 'timeout'])
      expect(
        sample(text, 'sluice_prometheus_query_duration_seconds_count', { endpoint: 'api/v1/query', outcome }),
      ).toBe(1);
    expect(text).not.toContain('istio_requests_total');
  });
});

describe('request ids and logs', () => {
  it('echoes a sane X-Request-Id, replaces an unsafe one, and writes it on every log line of the request', async () => {
    const { lines, stream } = capture();
    const { base } = await serve({ logger: createLogger('debug', stream) });
    const given = await fetch(`${base}/api/namespaces`, { headers: { 'x-request-id': 'ingress-7f3a' } });
    expect(given.headers.get('x-request-id')).toBe('ingress-7f3a');
    const unsafe = await fetch(`${base}/api/namespaces`, { headers: { 'x-request-id': 'a\tb"}{' } });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const missing = await fetch(`${base}/api/namespaces/bookinfo/virtualservices/nope`);
    expect(missing.status).toBe(404);
    const id = missing.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => lines.filter((l) => l.requestId === id).length).toBeGreaterThan(0);
    const request = lines.find((l) => l.requestId === 'ingress-7f3a' && l.msg === 'request');
    expect(request).toMatchObject({ route: '/api/namespaces', status: 200, service: 'sluice', level: 20 });
    expect(typeof request?.time).toBe('string');
  });

  it('never writes bearer tokens, cookies or CSRF tokens', () => {
    const { lines, stream } = capture();
    const logger = createLogger('info', stream);
    const secret = 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0.sig';
    logger.info({ token: secret, csrfToken: secret }, 'login');
    logger.info({ headers: { authorization: `Bearer ${secret}`, cookie: `sluice_session=${secret}` } }, 'request');
    logger.warn({ err: Object.assign(new Error('forbidden'), { body: secret }) }, 'kube call failed');
    logger.info({ req: { headers: { Authorization: `Bearer ${secret}` } } }, 'nested');
    expect(lines).toHaveLength(4);
    expect(JSON.stringify(lines)).not.toContain(secret);
    expect(lines[1]).toMatchObject({ headers: { authorization: '[redacted]' } });
  });
});
