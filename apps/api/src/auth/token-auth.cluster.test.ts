import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { KubeConfig, type KubernetesObject, type KubernetesObjectApi } from '@kubernetes/client-node';
import { apiErrorBodySchema, sessionSchema, type VirtualService } from '@sluice/model';
import {
  createAll,
  prepareIstioCluster,
  scenarioObjects,
  startTestCluster,
  type Identity,
  type TestCluster,
} from '@sluice/test-cluster';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type SluiceApp } from '../app';
import { createKubeStore } from '../cluster/kube-store';
import type { MeshStore } from '../cluster/mesh-store';
import { fakeTraffic, testApp } from '../http/test-kit';
import { parseConfig } from '../config/config';
import { buildDeps } from '../server-deps';
import { createSessionManager, type SessionManager } from './sessions';
import { createSealer } from './session-seal';
import { reviewsWeightsRequest } from '../test-kit/reviews-weights';

/*
 * `--auth token` against a real kube-apiserver (test-infra/kube-apiserver: static tokens, RBAC on).
 * Every session's requests go out with that user's token, so the apiserver's RBAC decides: the viewer
 * reads and every write is 403, the stranger's token is valid but it reads nothing, the admin writes.
 */

const SCENARIOS = fileURLToPath(new URL('.', import.meta.resolve('@sluice/model/fixtures/scenarios/bookinfo.yaml')));
const logger = pino({ level: process.env.KUBE_TEST_LOG ?? 'silent' });

let cluster: TestCluster | undefined;
let admin: KubernetesObjectApi;
let serverStore: MeshStore | undefined;
let sessions: SessionManager | undefined;
let app: SluiceApp | undefined;

/** A Service + Deployment with no routing yet, for POST .../routing. */
const solo: KubernetesObject[] = [
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'solo', namespace: 'bookinfo', labels: { app: 'solo' } },
    spec: { selector: { app: 'solo' }, ports: [{ name: 'http', port: 8080 }] },
  } as KubernetesObject,
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'solo-v1', namespace: 'bookinfo', labels: { app: 'solo', version: 'v1' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'solo', version: 'v1' } },
      template: {
        metadata: { labels: { app: 'solo', version: 'v1' } },
        spec: { containers: [{ name: 'solo', image: 'example/solo:1' }] },
      },
    },
  } as KubernetesObject,
];

beforeAll(async () => {
  cluster = await startTestCluster();
  admin = await prepareIstioCluster(cluster);
  await createAll(admin, [...scenarioObjects(SCENARIOS, ['istio-system.yaml', 'bookinfo.yaml']), ...solo]);
  const serverKc = new KubeConfig();
  serverKc.loadFromFile(cluster.kubeconfig('admin'));
  serverStore = await createKubeStore(serverKc, logger);
  sessions = createSessionManager({
    cluster: serverKc,
    logger,
    sealer: createSealer(randomBytes(32)),
    openStore: (kc) => createKubeStore(kc, logger),
  });
  app = createApp({
    store: serverStore,
    traffic: fakeTraffic(),
    config: { readOnly: false },
    logger,
    sessions,
    trafficIntervalMs: 100,
    heartbeatMs: 50,
  });
  // Run alone on a fresh machine this hook builds kube-apiserver (about 8 minutes); warm, about 5 s.
}, 15 * 60_000);

afterAll(async () => {
  app?.shutdown();
  await sessions?.close();
  await serverStore?.close();
  await cluster?.stop();
}, 60_000);

function api() {
  if (!app) throw new Error('app not started');
  return request(app);
}

interface Login {
  cookie: string;
  csrf: string;
  setCookie: string;
}

async function login(identity: Identity): Promise<Login> {
  const res = await api().post('/api/session').send({ token: cluster!.users[identity].token }).expect(200);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0] ?? '';
  return { cookie: setCookie.split(';')[0] ?? '', csrf: sessionSchema.parse(res.body).csrfToken, setCookie };
}

function errorOf(body: unknown) {
  return apiErrorBodySchema.parse(body).error;
}

async function reviews(): Promise<KubernetesObject & { spec: VirtualService['spec'] }> {
  return (await admin.read({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'reviews', namespace: 'bookinfo' },
  })) as KubernetesObject & {
    spec: VirtualService['spec'];
  };
}

const weights = reviewsWeightsRequest;

describe('--auth token against a real kube-apiserver', () => {
  it('answers healthz and the OpenAPI document without a session, and says auth is token', async () => {
    const health = await api().get('/api/healthz').expect(200);
    expect(health.body.auth).toBe('token');
    await api().get('/api/openapi.json').expect(200);
  });

  it('refuses every other route without a session cookie: 401', async () => {
    for (const path of [
      '/api/namespaces',
      '/api/graph?namespaces=bookinfo',
      '/api/istio',
      '/api/namespaces/bookinfo/virtualservices/reviews',
      '/api/events',
      '/api/session',
    ]) {
      const res = await api().get(path).expect(401);
      expect(errorOf(res.body).code, path).toBe('unauthorized');
    }
    await api()
      .post('/api/namespaces/bookinfo/virtualservices/reviews/edits')
      .send(weights('1', 50, 50))
      .expect(401);
    // An unknown or forged session id is no session.
    await api().get('/api/namespaces').set('Cookie', 'sluice_session=forged').expect(401);
  });

  it('refuses a token the apiserver rejects: 401, no cookie', async () => {
    const res = await api().post('/api/session').send({ token: 'not-a-valid-token' }).expect(401);
    expect(errorOf(res.body)).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/rejected/) });
    expect(res.headers['set-cookie']).toBeUndefined();
    await api().post('/api/session').send({}).expect(400);
  });

  it('logs the viewer in with an HttpOnly, SameSite=Strict cookie; the token never comes back', async () => {
    const res = await api().post('/api/session').send({ token: cluster!.users.viewer.token }).expect(200);
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(setCookie).toHaveLength(1);
    const attributes = (setCookie[0] ?? '').split(';').map((a) => a.trim());
    expect(attributes[0]).toMatch(/^sluice_session=[\w-]{40,}$/);
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));
    const session = sessionSchema.parse(res.body);
    expect(session.user).toEqual({
      username: 'sluice-viewer',
      groups: expect.arrayContaining(['sluice:viewers', 'system:authenticated']),
    });
    expect(JSON.stringify(res.body) + JSON.stringify(res.headers)).not.toContain(cluster!.users.viewer.token);

    const cookie = attributes[0] ?? '';
    const me = await api().get('/api/session').set('Cookie', cookie).expect(200);
    expect(sessionSchema.parse(me.body)).toEqual(session);
  });

  it('shows the viewer namespaces, graph and config', async () => {
    const { cookie } = await login('viewer');
    const namespaces = await api().get('/api/namespaces').set('Cookie', cookie).expect(200);
    expect(namespaces.body.items.map((n: { name: string }) => n.name)).toContain('bookinfo');
    const graph = await api().get('/api/graph?namespaces=bookinfo').set('Cookie', cookie).expect(200);
    expect(graph.body.nodes.length).toBeGreaterThan(0);
    const vs = await api().get('/api/namespaces/bookinfo/virtualservices/reviews').set('Cookie', cookie).expect(200);
    expect(vs.body.metadata.resourceVersion).toMatch(/^\d+$/);
    await api().get('/api/istio?namespaces=bookinfo').set('Cookie', cookie).expect(200);
    await api().get('/api/namespaces/bookinfo/services/reviews/traffic').set('Cookie', cookie).expect(200);
  });

  it('refuses every write of the viewer with the apiserver 403, and nothing changes', async () => {
    const { cookie, csrf } = await login('viewer');
    const before = await reviews();
    const rv = before.metadata?.resourceVersion ?? '';

    const edit = await api()
      .post('/api/namespaces/bookinfo/virtualservices/reviews/edits')
      .set('Cookie', cookie)
      .set('x-csrf-token', csrf)
      .send(weights(rv, 20, 80))
      .expect(403);
    expect(errorOf(edit.body)).toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/sluice-viewer.*cannot patch/),
    });

    const put = await api()
      .put('/api/namespaces/bookinfo/virtualservices/reviews')
      .set('Cookie', cookie)
      .set('x-csrf-token', csrf)
      .send({ object: { ...before, spec: { ...before.spec, hosts: ['reviews'] } } })
      .expect(403);
    expect(errorOf(put.body).code).toBe('forbidden');

    const routing = await api()
      .post('/api/namespaces/bookinfo/services/solo/routing')
      .set('Cookie', cookie)
      .set('x-csrf-token', csrf)
      .send({})
      .expect(403);
    expect(errorOf(routing.body)).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/cannot create/) });

    expect((await reviews()).metadata?.resourceVersion).toBe(rv);
    await expect(
      admin.read({
        apiVersion: 'networking.istio.io/v1',
        kind: 'DestinationRule',
        metadata: { name: 'solo', namespace: 'bookinfo' },
      }),
    ).rejects.toMatchObject({ code: 404 });
  });

  it('refuses a state-changing request without the right CSRF header: 403, before anything is tried', async () => {
    const { cookie } = await login('admin');
    const rv = (await reviews()).metadata?.resourceVersion ?? '';
    for (const header of [undefined, 'wrong']) {
      const req = api().post('/api/namespaces/bookinfo/virtualservices/reviews/edits').set('Cookie', cookie);
      if (header) void req.set('x-csrf-token', header);
      const res = await req.send(weights(rv, 20, 80)).expect(403);
      expect(errorOf(res.body)).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/x-csrf-token/) });
    }
    await api().delete('/api/session').set('Cookie', cookie).expect(403);
    expect((await reviews()).metadata?.resourceVersion).toBe(rv);
  });

  it('logs the stranger in (the token is valid) but shows nothing: 403 on reads', async () => {
    const { cookie, csrf } = await login('stranger');
    for (const path of [
      '/api/namespaces',
      '/api/graph?namespaces=bookinfo',
      '/api/istio',
      '/api/namespaces/bookinfo/virtualservices/reviews',
      '/api/namespaces/bookinfo/services',
      '/api/events',
    ]) {
      const res = await api().get(path).set('Cookie', cookie).expect(403);
      expect(errorOf(res.body), path).toMatchObject({
        code: 'forbidden',
        message: expect.stringMatching(/^Not allowed: .*sluice-stranger.* cannot list/),
      });
    }
    const rv = (await reviews()).metadata?.resourceVersion ?? '';
    await api()
      .post('/api/namespaces/bookinfo/virtualservices/reviews/edits')
      .set('Cookie', cookie)
      .set('x-csrf-token', csrf)
      .send(weights(rv, 20, 80))
      .expect(403);
    expect((await reviews()).metadata?.resourceVersion).toBe(rv);
  });

  it('lets the admin write, with its own token', async () => {
    const { cookie, csrf } = await login('admin');
    const rv = (await reviews()).metadata?.resourceVersion ?? '';
    const res = await api()
      .post('/api/namespaces/bookinfo/virtualservices/reviews/edits')
      .set('Cookie', cookie)
      .set('x-csrf-token', csrf)
      .send(weights(rv, 20, 80))
      .expect(200);
    expect(res.body.object.metadata.resourceVersion).not.toBe(rv);
    const stored = await reviews();
    expect(stored.spec.http?.[0]?.route?.map((r) => [r.destination.subset, r.weight])).toEqual([
      ['v1', 20],
      ['v3', 80],
    ]);
    await api()
      .post('/api/namespaces/bookinfo/services/solo/routing')
      .set('Cookie', cookie)
      .set('x-csrf-token', csrf)
      .send({})
      .expect(201);
  });

  it('logs out: DELETE needs the CSRF token, clears the cookie, and the session is gone', async () => {
    const { cookie, csrf } = await login('viewer');
    const res = await api().delete('/api/session').set('Cookie', cookie).set('x-csrf-token', csrf).expect(204);
    expect(([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]).toMatch(/^sluice_session=;.*Max-Age=0/);
    await api().get('/api/namespaces').set('Cookie', cookie).expect(401);
    await api().get('/api/session').set('Cookie', cookie).expect(401);
  });

  it('ends a session left idle: the cookie stops working and the user store is closed', async () => {
    let clock = 1_000_000;
    const closed: string[] = [];
    const idle = createSessionManager({
      cluster: (() => {
        const kc = new KubeConfig();
        kc.loadFromFile(cluster!.kubeconfig('admin'));
        return kc;
      })(),
      logger,
      sealer: createSealer(randomBytes(32)),
      limits: { idleMs: 60_000, lingerMs: 0 },
      now: () => clock,
      openStore: async (kc) => {
        const store = await createKubeStore(kc, logger);
        return {
          ...store,
          async close() {
            closed.push('viewer');
            await store.close();
          },
        };
      },
    });
    try {
      const { cookie } = await idle.login(cluster!.users.viewer.token);
      clock += 59_000;
      expect((await idle.resume(cookie))?.session.user.username).toBe('sluice-viewer');
      clock += 61_000;
      expect(await idle.resume(cookie)).toBeUndefined();
      await new Promise((r) => setTimeout(r, 50));
      expect(closed).toEqual(['viewer']);
    } finally {
      await idle.close();
    }
  });

  it('is wired by server-deps from --auth token: healthz says token, routes need a session', async () => {
    const config = parseConfig(
      ['--kubeconfig', cluster!.kubeconfig('admin'), '--auth', 'token', '--prometheus-url', 'http://127.0.0.1:1'],
      {},
      { inCluster: false },
    );
    const { deps, close } = await buildDeps(config, logger);
    const wired = createApp(deps);
    try {
      expect(deps.sessions).toBeDefined();
      expect((await request(wired).get('/api/healthz').expect(200)).body.auth).toBe('token');
      await request(wired).get('/api/namespaces').expect(401);
    } finally {
      wired.shutdown();
      await close();
    }
  });
});

describe('demo mode (no --auth)', () => {
  it('needs no login: reads and writes work without a cookie or CSRF header, /api/session does not exist', async () => {
    const { app: demo } = testApp();
    expect((await request(demo).get('/api/healthz').expect(200)).body.auth).toBe('none');
    await request(demo).get('/api/namespaces').expect(200);
    await request(demo).get('/api/session').expect(404);
    const vs = await request(demo).get('/api/namespaces/bookinfo/virtualservices/reviews').expect(200);
    await request(demo)
      .post('/api/namespaces/bookinfo/virtualservices/reviews/edits?dryRun=true')
      .send(weights(vs.body.metadata.resourceVersion, 50, 50))
      .expect(200);
    demo.shutdown();
  });
});
