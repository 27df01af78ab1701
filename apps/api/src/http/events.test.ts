import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { configEventSchema, trafficEventSchema } from '@sluice/model';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { testApp } from './test-kit';

/* GET /api/events over a real socket: config events for writes, traffic ticks, heartbeats, clean close. */

interface Sse {
  events: { event: string; data: unknown }[];
  comments: number;
  ended: Promise<void>;
  abort(): void;
}

async function listen(app: Parameters<typeof createServer>[1]): Promise<{ server: Server; base: string }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function subscribe(url: string): Promise<Sse> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const sse: Sse = { events: [], comments: 0, ended: Promise.resolve(), abort: () => controller.abort() };
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  sse.ended = (async () => {
    let buffer = '';
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
      buffer += chunk.value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (block.startsWith(':')) sse.comments++;
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) sse.events.push({ event, data: JSON.parse(data) });
      }
    }
  })();
  return sse;
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for events');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe('GET /api/events', () => {
  it('streams config events for writes in the requested namespaces, traffic ticks and heartbeats', async () => {
    const { app } = testApp();
    const { server, base } = await listen(app);
    servers.push(server);
    const sse = await subscribe(`${base}/api/events?namespaces=bookinfo`);

    const vs = (await request(app).get('/api/namespaces/bookinfo/virtualservices/reviews').expect(200)).body;
    const write = await request(app)
      .post('/api/namespaces/bookinfo/virtualservices/reviews/edits')
      .send({
        resourceVersion: vs.metadata.resourceVersion,
        edits: [{ op: 'setTimeout', route: { kind: 'http', index: 0 }, timeout: '3s' }],
      })
      .expect(200);
    // A write in another namespace is not for this subscriber.
    await request(app).post('/api/namespaces/demoapp/services/backend/routing').send({}).expect(201);

    await until(
      () =>
        sse.events.some((e) => e.event === 'config') &&
        sse.events.some((e) => e.event === 'traffic') &&
        sse.comments > 0,
    );
    const config = sse.events.filter((e) => e.event === 'config').map((e) => configEventSchema.parse(e.data));
    expect(config).toEqual([
      {
        type: 'MODIFIED',
        kind: 'VirtualService',
        namespace: 'bookinfo',
        name: 'reviews',
        resourceVersion: write.body.object.metadata.resourceVersion,
      },
    ]);
    trafficEventSchema.parse(sse.events.find((e) => e.event === 'traffic')?.data);
    sse.abort();
    await sse.ended;
  });

  it('ends open streams on shutdown so the server can close', async () => {
    const { app } = testApp();
    const { server, base } = await listen(app);
    const sse = await subscribe(`${base}/api/events`);
    app.shutdown();
    await sse.ended;
    await new Promise((resolve) => server.close(resolve));
  });
});
