import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import type { VirtualService } from '@sluice/model';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createKubeStore } from './kube-store';

/*
 * The Kubernetes store against a scripted HTTP stand-in for the apiserver. It proves the wiring that
 * pure tests cannot: list+watch fill the caches, a write goes out as PATCH with Content-Type
 * application/merge-patch+json carrying only the change and the resourceVersion precondition, the
 * apiserver's 409 comes back as a conflict, and a failed second creation deletes the first.
 * (Behaviour of a real kube-apiserver is covered by the test-infra suites.)
 */

const reviews: VirtualService = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: 'bookinfo', resourceVersion: '10', uid: 'u-1' },
  spec: {
    hosts: ['reviews'],
    http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 100 }] }],
    futureField: 'kept',
  },
};

interface Recorded {
  method: string;
  url: string;
  contentType: string | undefined;
  body: unknown;
}

type WatchHandler = (url: string, res: ServerResponse, attempt: number) => boolean;

function fakeApiserver(onWrite: (r: Recorded, res: ServerResponse) => void, onWatch?: WatchHandler) {
  const recorded: Recorded[] = [];
  const attempts = new Map<string, number>();
  const watches = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const url = req.url ?? '';
      if (req.method === 'GET' && url.includes('watch=true')) {
        const path = url.split('?')[0] ?? '';
        attempts.set(path, (attempts.get(path) ?? 0) + 1);
        if (onWatch?.(url, res, attempts.get(path) ?? 1)) {
          if (!res.writableEnded) watches.add(res);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.flushHeaders();
        watches.add(res);
        return;
      }
      if (req.method === 'GET') {
        const items = url.startsWith('/apis/networking.istio.io/v1/virtualservices')
          ? [{ ...reviews, kind: undefined, apiVersion: undefined }]
          : [];
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ metadata: { resourceVersion: '10' }, items }));
        return;
      }
      const r = {
        method: req.method ?? '',
        url,
        contentType: req.headers['content-type'],
        body: text ? JSON.parse(text) : undefined,
      };
      recorded.push(r);
      onWrite(r, res);
    });
  });
  return { server, recorded, watches };
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

const running: { server: Server; watches: Set<ServerResponse>; close: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.close();
    for (const w of r.watches) w.end();
    await new Promise((resolve) => r.server.close(resolve));
  }
});

async function storeAgainst(onWrite: (r: Recorded, res: ServerResponse) => void, onWatch?: WatchHandler) {
  const fake = fakeApiserver(onWrite, onWatch);
  await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      { name: 'fake', server: `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`, skipTLSVerify: true },
    ],
    users: [{ name: 'admin', token: 'token' }],
    contexts: [{ name: 'fake', cluster: 'fake', user: 'admin' }],
    currentContext: 'fake',
  });
  const store = await createKubeStore(kc, pino({ level: process.env.KUBE_TEST_LOG ?? 'silent' }));
  running.push({ server: fake.server, watches: fake.watches, close: () => store.close() });
  return { store, recorded: fake.recorded };
}

describe('Kubernetes store (against a scripted apiserver)', () => {
  it('lists into the cache and patches with a merge patch preconditioned on resourceVersion', async () => {
    const { store, recorded } = await storeAgainst((r, res) => {
      const patch = r.body as { spec: VirtualService['spec'] };
      json(res, 200, {
        ...reviews,
        metadata: { ...reviews.metadata, resourceVersion: '11' },
        spec: { ...reviews.spec, ...patch.spec },
      });
    });
    const current = store.get('VirtualService', 'bookinfo', 'reviews');
    expect(current).toMatchObject({ kind: 'VirtualService', metadata: { resourceVersion: '10' } });
    expect(store.reachable()).toBe(true);

    const next = structuredClone(current!) as VirtualService;
    next.spec.http![0]!.timeout = '2s';
    const written = await store.replace(next);

    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { metadata: { resourceVersion: '10' }, spec: { http: next.spec.http } },
    });
    expect(recorded[0]!.url).toMatch(
      /^\/apis\/networking\.istio\.io\/v1\/namespaces\/bookinfo\/virtualservices\/reviews\?fieldManager=sluice/,
    );
    expect(written.metadata.resourceVersion).toBe('11');
    // The write is visible at once, before any watch event.
    expect(store.get('VirtualService', 'bookinfo', 'reviews')?.metadata.resourceVersion).toBe('11');
  });

  it("maps the apiserver's 409 to a conflict with its message", async () => {
    const message =
      'Operation cannot be fulfilled on virtualservices.networking.istio.io "reviews": the object has been modified';
    const { store } = await storeAgainst((_r, res) =>
      json(res, 409, { kind: 'Status', reason: 'Conflict', code: 409, message }),
    );
    const next = structuredClone(store.get('VirtualService', 'bookinfo', 'reviews')!) as VirtualService;
    next.spec.hosts = ['reviews', 'reviews.bookinfo'];
    await expect(store.replace(next)).rejects.toMatchObject({ status: 409, code: 'conflict', message });
  });

  it('rolls back the first creation when the second fails', async () => {
    const { store, recorded } = await storeAgainst((r, res) => {
      const body = r.body as { kind?: string; metadata?: object } | undefined;
      if (r.method === 'POST' && body?.kind === 'DestinationRule')
        return json(res, 201, { ...body, metadata: { ...body.metadata, resourceVersion: '12' } });
      if (r.method === 'POST')
        return json(res, 422, {
          kind: 'Status',
          code: 422,
          reason: 'Invalid',
          message: 'VirtualService "x" is invalid',
        });
      return json(res, 200, { kind: 'Status', status: 'Success' });
    });
    const dr = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule' as const,
      metadata: { name: 'x', namespace: 'bookinfo' },
      spec: { host: 'x' },
    };
    const vs = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService' as const,
      metadata: { name: 'x', namespace: 'bookinfo' },
      spec: { hosts: ['x'] },
    };
    await expect(store.create([dr, vs])).rejects.toMatchObject({ status: 422, code: 'invalid' });
    expect(recorded.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([
      'POST /apis/networking.istio.io/v1/namespaces/bookinfo/destinationrules',
      'POST /apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices',
      'DELETE /apis/networking.istio.io/v1/namespaces/bookinfo/destinationrules/x',
    ]);
    expect(store.get('DestinationRule', 'bookinfo', 'x')).toBeUndefined();
  });

  it('reconnects after a failed watch and picks up what changed meanwhile', async () => {
    const changed = {
      ...reviews,
      metadata: { ...reviews.metadata, resourceVersion: '15' },
      spec: { ...reviews.spec, hosts: ['reviews', 'reviews.bookinfo'] },
    };
    const onWatch: WatchHandler = (url, res, attempt) => {
      if (!url.startsWith('/apis/networking.istio.io/v1/virtualservices')) return false;
      if (attempt === 1) {
        json(res, 500, { kind: 'Status', code: 500, message: 'etcd is restarting' });
        return true;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`${JSON.stringify({ type: 'MODIFIED', object: changed })}\n`);
      return true;
    };
    const { store } = await storeAgainst((_r, res) => json(res, 500, {}), onWatch);
    const events: string[] = [];
    store.subscribe((e) => events.push(`${e.type} ${e.name} ${e.resourceVersion}`));
    const deadline = Date.now() + 10_000;
    while (store.get('VirtualService', 'bookinfo', 'reviews')?.metadata.resourceVersion !== '15') {
      if (Date.now() > deadline) throw new Error('the store never caught up after the watch failed');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(events).toContain('MODIFIED reviews 15');
    expect(store.reachable()).toBe(true);
  });
});
