import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { KubeConfig } from '@kubernetes/client-node';
import { apiErrorBodySchema, sessionSchema } from '@sluice/model';
import {
  createAll,
  prepareIstioCluster,
  scenarioObjects,
  startTestCluster,
  type TestCluster,
} from '@sluice/test-cluster';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type SluiceApp } from '../app';
import { createKubeStore } from '../cluster/kube-store';
import type { MeshStore } from '../cluster/mesh-store';
import { fakeTraffic } from '../http/test-kit';
import type { LoginLimits } from '../security/login-limit';
import { createSealer } from './session-seal';
import { createSessionManager, type SessionLimits, type SessionManager } from './sessions';

/*
 * Token auth under load (issue 14): sessions of one identity share one set of watches, released
 * when the last one ends; caps on sessions per identity and in total answer 429 with a clear reason;
 * login attempts are rate-limited per client and per token; cookies are Secure behind a TLS proxy
 * that is trusted (`trust proxy`), and a cookie sealed by one app opens on another with the same secret.
 */

const SCENARIOS = fileURLToPath(new URL('.', import.meta.resolve('@sluice/model/fixtures/scenarios/bookinfo.yaml')));
const logger = pino({ level: process.env.KUBE_TEST_LOG ?? 'silent' });
let cluster: TestCluster | undefined;
let serverKc: KubeConfig;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  cluster = await startTestCluster();
  const admin = await prepareIstioCluster(cluster);
  await createAll(admin, scenarioObjects(SCENARIOS, ['istio-system.yaml', 'bookinfo.yaml']));
  serverKc = new KubeConfig();
  serverKc.loadFromFile(cluster.kubeconfig('admin'));
}, 15 * 60_000);

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await cluster?.stop();
}, 60_000);

interface Harness {
  app: SluiceApp;
  sessions: SessionManager;
  opened: string[];
  closed: string[];
}

function harness(
  options: { limits?: Partial<SessionLimits>; login?: LoginLimits; trustProxy?: boolean; secret?: Buffer } = {},
): Harness {
  const opened: string[] = [];
  const closed: string[] = [];
  const sessions = createSessionManager({
    cluster: serverKc,
    logger,
    sealer: createSealer(options.secret ?? randomBytes(32)),
    limits: options.limits ?? {},
    openStore: async (kc): Promise<MeshStore> => {
      const token = kc.getCurrentUser()?.token ?? '';
      opened.push(token);
      const store = await createKubeStore(kc, logger);
      return {
        ...store,
        close: async () => {
          closed.push(token);
          await store.close();
        },
      };
    },
  });
  const app = createApp({
    store: sessionsServerStore(),
    traffic: fakeTraffic(),
    config: { readOnly: false, trustProxy: options.trustProxy ?? false },
    logger,
    sessions,
    ...(options.login ? { loginLimits: options.login } : {}),
  });
  cleanups.push(async () => {
    app.shutdown();
    await sessions.close();
  });
  return { app, sessions, opened, closed };
}

/** The server's own store is not used for users' requests under token auth; an empty stand-in will do. */
function sessionsServerStore(): MeshStore {
  return {
    kind: 'kubernetes',
    snapshot: () => ({
      namespaces: [],
      services: [],
      workloads: [],
      virtualServices: [],
      destinationRules: [],
      gateways: [],
    }),
    get: () => undefined,
    list: () => [],
    replace: () => Promise.reject(new Error('unused')),
    create: () => Promise.reject(new Error('unused')),
    subscribe: () => () => undefined,
    reachable: () => true,
    readDenied: () => undefined,
    close: async () => undefined,
  };
}

const token = (who: 'admin' | 'viewer' | 'stranger') => cluster!.users[who].token;
const errorOf = (body: unknown) => apiErrorBodySchema.parse(body).error;
const cookieOf = (res: request.Response) =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]?.split(';')[0] ?? '';

describe('watches are shared per identity', () => {
  it('opens one set of watches for many logins of one user, serves each, and closes it after the last logout', async () => {
    const h = harness({ limits: { lingerMs: 50 } });
    const logins = [];
    for (let i = 0; i < 6; i++)
      logins.push(
        await request(h.app)
          .post('/api/session')
          .send({ token: token('viewer') })
          .expect(200),
      );
    expect(h.opened).toHaveLength(1);
    expect(h.sessions.stats()).toEqual({ sessions: 6, identities: 1 });
    for (const res of logins) {
      const ns = await request(h.app).get('/api/namespaces').set('Cookie', cookieOf(res)).expect(200);
      expect(ns.body.items.map((n: { name: string }) => n.name)).toContain('bookinfo');
    }
    await request(h.app)
      .post('/api/session')
      .send({ token: token('stranger') })
      .expect(200);
    expect(h.sessions.stats()).toEqual({ sessions: 7, identities: 2 });

    for (const res of logins) {
      const csrf = sessionSchema.parse(res.body).csrfToken;
      await request(h.app).delete('/api/session').set('Cookie', cookieOf(res)).set('x-csrf-token', csrf).expect(204);
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(h.closed).toEqual([token('viewer')]);
    expect(h.sessions.stats()).toEqual({ sessions: 1, identities: 1 });
  });
});

describe('session caps', () => {
  it('refuses a login past the per-user cap with 429 naming the user and the way out', async () => {
    const h = harness({ limits: { maxSessionsPerUser: 3 } });
    for (let i = 0; i < 3; i++)
      await request(h.app)
        .post('/api/session')
        .send({ token: token('viewer') })
        .expect(200);
    const res = await request(h.app)
      .post('/api/session')
      .send({ token: token('viewer') })
      .expect(429);
    expect(errorOf(res.body)).toMatchObject({
      code: 'too_many_requests',
      message: expect.stringMatching(/sluice-viewer already has 3 sessions.*log out of one/),
    });
    expect(res.headers['set-cookie']).toBeUndefined();
    // Another user is not held back by the viewer's cap.
    await request(h.app)
      .post('/api/session')
      .send({ token: token('admin') })
      .expect(200);
  });

  it('refuses a login past the total cap with 429', async () => {
    const h = harness({ limits: { maxSessions: 2 } });
    await request(h.app)
      .post('/api/session')
      .send({ token: token('viewer') })
      .expect(200);
    await request(h.app)
      .post('/api/session')
      .send({ token: token('admin') })
      .expect(200);
    const res = await request(h.app)
      .post('/api/session')
      .send({ token: token('stranger') })
      .expect(429);
    expect(errorOf(res.body).message).toMatch(/maximum of 2 sessions/);
  });
});

describe('login rate limits', () => {
  it('limits attempts per client address: 429 with Retry-After once the budget is spent', async () => {
    const h = harness({ login: { windowMs: 60_000, perClient: 5, perToken: 100 } });
    for (let i = 0; i < 5; i++)
      await request(h.app)
        .post('/api/session')
        .send({ token: `wrong-${i}` })
        .expect(401);
    const res = await request(h.app)
      .post('/api/session')
      .send({ token: token('viewer') })
      .expect(429);
    expect(errorOf(res.body).message).toMatch(
      /Too many login attempts from this address \(5 a 60 s\); try again in \d+ s/,
    );
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits attempts per token across addresses (behind a trusted proxy that names the client)', async () => {
    const h = harness({ trustProxy: true, login: { windowMs: 60_000, perClient: 100, perToken: 3 } });
    for (let i = 0; i < 3; i++)
      await request(h.app)
        .post('/api/session')
        .set('X-Forwarded-For', `10.0.0.${i}`)
        .send({ token: 'guessed' })
        .expect(401);
    const res = await request(h.app)
      .post('/api/session')
      .set('X-Forwarded-For', '10.0.0.99')
      .send({ token: 'guessed' });
    expect(res.status).toBe(429);
    expect(errorOf(res.body).message).toMatch(/with this token/);
    // Another token from the same addresses still gets through.
    await request(h.app)
      .post('/api/session')
      .set('X-Forwarded-For', '10.0.0.99')
      .send({ token: token('viewer') })
      .expect(200);
  });
});

describe('cookies', () => {
  it('are Secure behind a trusted TLS proxy, and not when the forwarded header is not trusted', async () => {
    const trusted = harness({ trustProxy: true });
    const secure = await request(trusted.app)
      .post('/api/session')
      .set('X-Forwarded-Proto', 'https')
      .send({ token: token('viewer') })
      .expect(200);
    expect(([] as string[]).concat(secure.headers['set-cookie'] ?? [])[0]).toMatch(/; Secure$/);
    const untrusted = harness();
    const plain = await request(untrusted.app)
      .post('/api/session')
      .set('X-Forwarded-Proto', 'https')
      .send({ token: token('viewer') })
      .expect(200);
    expect(([] as string[]).concat(plain.headers['set-cookie'] ?? [])[0]).not.toMatch(/Secure/);
  });

  it('a cookie sealed by one app is served by another with the same secret, and by no other', async () => {
    const secret = randomBytes(32);
    const a = harness({ secret });
    const b = harness({ secret });
    const stranger = harness();
    const login = await request(a.app)
      .post('/api/session')
      .send({ token: token('viewer') })
      .expect(200);
    const me = await request(b.app).get('/api/session').set('Cookie', cookieOf(login)).expect(200);
    expect(me.body.user.username).toBe('sluice-viewer');
    expect(me.body.csrfToken).toBe(login.body.csrfToken);
    await request(b.app).get('/api/namespaces').set('Cookie', cookieOf(login)).expect(200);
    await request(stranger.app).get('/api/namespaces').set('Cookie', cookieOf(login)).expect(401);
  });
});
