import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KubernetesObject, KubernetesObjectApi } from '@kubernetes/client-node';
import { apiErrorBodySchema, sessionSchema } from '@sluice/model';
import {
  createAll,
  prepareIstioCluster,
  scenarioObjects,
  startTestCluster,
  type TestCluster,
} from '@sluice/test-cluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRoundRobinProxy, type RoundRobinProxy } from '../test-kit/round-robin-proxy';
import {
  buildServerBundle,
  CHART,
  envOf,
  helmBinary,
  inClusterEnv,
  loopbackArgs,
  mountedSessionKey,
  renderedObjects,
  runBundle,
  serviceAccountFolder,
  sluiceContainer,
  type RunningServer,
} from './test-kit';

/*
 * The chart's replicas as a user meets them: the chart rendered with auth.mode=token, two replicas
 * and an Ingress, applied to the real kube-apiserver (its Secret included). Two production bundles
 * run in in-cluster mode with exactly the Deployment's args and env, each reading the session key
 * from a file holding what the applied Secret holds (as the kubelet mounts it), behind one port that
 * sends each request to the next replica as the Service does. Through the Ingress host a login on one
 * replica is served by the other; a foreign Host is refused by both; probes and metrics by IP pass.
 * And `helm upgrade` against the same apiserver keeps the chart-made key (its `lookup`).
 */

const SCENARIOS = fileURLToPath(new URL('.', import.meta.resolve('@sluice/model/fixtures/scenarios/bookinfo.yaml')));
const NS = 'sluice';
const RELEASE = { name: 'console', namespace: NS };
const INGRESS_HOST = 'sluice.mesh.example';
const VALUES = {
  'rbac.role': 'viewer',
  'auth.mode': 'token',
  replicas: '2',
  'ingress.enabled': 'true',
  'ingress.host': INGRESS_HOST,
  // No Prometheus here: the simulator.
  prometheusUrl: '',
};

let cluster: TestCluster | undefined;
let admin: KubernetesObjectApi;
let bundle: ReturnType<typeof buildServerBundle> | undefined;
let sa: Awaited<ReturnType<typeof serviceAccountFolder>> | undefined;
let keyDir = '';
const replicas: RunningServer[] = [];
let proxy: RoundRobinProxy | undefined;

beforeAll(async () => {
  bundle = buildServerBundle();
  cluster = await startTestCluster();
  admin = await prepareIstioCluster(cluster);
  await createAll(admin, [
    ...scenarioObjects(SCENARIOS, ['istio-system.yaml', 'bookinfo.yaml']),
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } } as KubernetesObject,
  ]);
  const objects = renderedObjects(VALUES, RELEASE);
  await createAll(admin, objects);
  sa = await serviceAccountFolder(cluster, NS, 'console-sluice');

  // The file the kubelet would mount: the applied Secret's value, at the path the env names.
  const { path, value } = mountedSessionKey(objects);
  const applied = (await admin.read({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'console-sluice-session-key', namespace: NS },
  })) as KubernetesObject & { data: Record<string, string> };
  expect(Buffer.from(applied.data['session-key'] ?? '', 'base64').equals(value)).toBe(true);
  keyDir = mkdtempSync(join(tmpdir(), 'sluice-session-key-'));
  const keyFile = join(keyDir, 'session-key');
  writeFileSync(keyFile, value);

  const container = sluiceContainer(objects);
  const env = envOf(container);
  expect(env.SLUICE_SESSION_KEY_FILE).toBe(path);
  for (let i = 0; i < 2; i++) {
    replicas.push(
      await runBundle(bundle.file, loopbackArgs(container.args ?? []), {
        ...inClusterEnv(cluster, sa.dir),
        ...env,
        SLUICE_SESSION_KEY_FILE: keyFile,
      }),
    );
  }
  proxy = await startRoundRobinProxy(replicas.map((r) => r.url));
}, 20 * 60_000);

afterAll(async () => {
  await proxy?.close();
  await Promise.all(replicas.map((r) => r.stop()));
  await cluster?.stop();
  bundle?.cleanup();
  sa?.cleanup();
  if (keyDir) rmSync(keyDir, { recursive: true, force: true });
}, 60_000);

interface Answer {
  status: number;
  servedBy: string | undefined;
  setCookie: string[];
  body: unknown;
}

/** A request with the headers a browser behind the TLS Ingress sends (fetch cannot set Host). */
function send(
  base: string,
  method: string,
  path: string,
  { host, cookie, body }: { host: string; cookie?: string; body?: unknown },
): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = {
    host,
    // What the ingress controller adds after terminating TLS.
    'x-forwarded-proto': 'https',
    'x-forwarded-for': '203.0.113.7',
  };
  if (cookie) headers.cookie = cookie;
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers.origin = `https://${host}`;
  }
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          servedBy: res.headers['x-served-by'] as string | undefined,
          setCookie: res.headers['set-cookie'] ?? [],
          body: text.startsWith('{') ? (JSON.parse(text) as unknown) : text,
        }),
      );
    });
    req.on('error', reject);
    req.end(payload);
  });
}

describe('the chart with auth.mode=token and two replicas behind its Ingress host', () => {
  it('serves a user logged in on one replica from the other, with a Secure cookie behind TLS', async () => {
    const login = await send(proxy!.url, 'POST', '/api/session', {
      host: INGRESS_HOST,
      body: { token: cluster!.users.viewer.token },
    });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const [setCookie = ''] = login.setCookie;
    // trustProxy defaults to the one hop in front (the ingress controller): X-Forwarded-Proto https counts.
    expect(setCookie).toMatch(/; Secure/);
    const cookie = setCookie.split(';')[0] ?? '';
    const user = sessionSchema.parse(login.body).user.username;

    const servedBy = new Set([login.servedBy]);
    for (let i = 0; i < 3; i++) {
      const me = await send(proxy!.url, 'GET', '/api/session', { host: INGRESS_HOST, cookie });
      expect(me.status, JSON.stringify(me.body)).toBe(200);
      expect(sessionSchema.parse(me.body).user.username).toBe(user);
      const namespaces = await send(proxy!.url, 'GET', '/api/namespaces', { host: INGRESS_HOST, cookie });
      expect(namespaces.status).toBe(200);
      expect((namespaces.body as { items: { name: string }[] }).items.map((n) => n.name)).toContain('bookinfo');
      servedBy.add(me.servedBy).add(namespaces.servedBy);
    }
    expect(servedBy).toEqual(new Set(['0', '1']));
  });

  it('refuses a foreign Host on every replica, reads and logins alike, naming the setting', async () => {
    const answers = [
      await send(proxy!.url, 'GET', '/api/namespaces', { host: 'attacker.example' }),
      await send(proxy!.url, 'GET', '/api/namespaces', { host: 'attacker.example' }),
      await send(proxy!.url, 'POST', '/api/session', {
        host: 'attacker.example',
        body: { token: cluster!.users.viewer.token },
      }),
    ];
    expect(new Set(answers.slice(0, 2).map((a) => a.servedBy))).toEqual(new Set(['0', '1']));
    for (const answer of answers) {
      expect(answer.status).toBe(403);
      expect(apiErrorBodySchema.parse(answer.body).error.message).toMatch(
        /Host "attacker.example" is not one this console is served as; add it with --allowed-hosts/,
      );
      expect(answer.setCookie).toEqual([]);
    }
    // Another name for the same pods that was not listed (the Service's DNS name) is refused too.
    const service = await send(proxy!.url, 'GET', '/api/readyz', { host: `console-sluice.${NS}.svc` });
    expect(service.status).toBe(403);
  });

  it('answers the kubelet probes and a metrics scrape by pod IP on each replica', async () => {
    for (const replica of replicas) {
      const { host } = new URL(replica.url);
      expect((await send(replica.url, 'GET', '/api/readyz', { host })).status).toBe(200);
      expect((await send(replica.url, 'GET', '/api/livez', { host })).status).toBe(200);
      const metrics = await send(replica.url, 'GET', '/metrics', { host });
      expect(metrics.status).toBe(200);
      expect(String(metrics.body)).toMatch(/^sluice_active_sessions \d+$/m);
    }
  });

  it('keeps the session key across helm upgrade, so an upgrade logs nobody out', async () => {
    const ns = 'keep';
    const helm = (...args: string[]) =>
      execFileSync(helmBinary(), [...args, '--namespace', ns, '--kubeconfig', cluster!.kubeconfig('admin')], {
        stdio: ['ignore', 'pipe', 'pipe'],
      }).toString();
    const key = async () => {
      const secret = (await admin.read({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'keep-sluice-session-key', namespace: ns },
      })) as KubernetesObject & { data: Record<string, string> };
      return Buffer.from(secret.data['session-key'] ?? '', 'base64').toString('utf8');
    };
    const install = ['upgrade', '--install', 'keep', CHART, '--create-namespace', '--set', 'auth.mode=token'];
    helm(...install, '--set', 'prometheusUrl=');
    const first = await key();
    expect(first).toMatch(/^[A-Za-z0-9+/]{64}$/);
    helm(...install, '--set', 'replicas=3', '--set', 'logLevel=debug');
    expect(await key()).toBe(first);
    expect(helm('history', 'keep')).toMatch(/\n2\s/);
    helm('uninstall', 'keep');
  });
});
