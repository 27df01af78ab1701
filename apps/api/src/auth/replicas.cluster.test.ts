import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KubernetesObjectApi } from '@kubernetes/client-node';
import { readRollout, sessionSchema, type VirtualService } from '@sluice/model';
import {
  createAll,
  prepareIstioCluster,
  scenarioObjects,
  startTestCluster,
  type TestCluster,
} from '@sluice/test-cluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRoundRobinProxy, type RoundRobinProxy } from '../test-kit/round-robin-proxy';

/*
 * Two replicas (issue 14 item 4): two API processes (`--auth token`, one --session-key-file, as two
 * pods mounting one Secret) behind one port that sends each request to the next one in turn. A user
 * logged in through one is served by the other - reads, writes with the CSRF token, the session
 * itself - and an automatic rollout driven by both drivers at once moves through each step exactly once.
 */

const SCENARIOS = fileURLToPath(new URL('.', import.meta.resolve('@sluice/model/fixtures/scenarios/bookinfo.yaml')));
const SERVER = fileURLToPath(new URL('../server.ts', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cluster: TestCluster | undefined;
let admin: KubernetesObjectApi;
let dir = '';
const replicas: { child: ChildProcess; url: string; log: () => string }[] = [];
let proxy: RoundRobinProxy | undefined;

async function startReplica(args: string[]): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, ...args], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-200_000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-200_000)));
  for (let i = 0; i < 600; i++) {
    const url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out)?.[1];
    if (url) return { child, url, log: () => out };
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  throw new Error(`replica did not start:\n${out}`);
}

beforeAll(async () => {
  cluster = await startTestCluster();
  admin = await prepareIstioCluster(cluster);
  await createAll(admin, scenarioObjects(SCENARIOS, ['istio-system.yaml', 'bookinfo.yaml']));
  dir = mkdtempSync(join(tmpdir(), 'sluice-replicas-'));
  // What a mounted Secret holds: one key shared by every replica.
  const keyFile = join(dir, 'session-key');
  writeFileSync(keyFile, randomBytes(48).toString('base64'));
  const args = ['--kubeconfig', cluster.kubeconfig('admin'), '--auth', 'token', '--session-key-file', keyFile];
  const common = ['--host', '127.0.0.1', '--port', '0', '--log-level', 'info'];
  replicas.push(await startReplica([...args, ...common, '--seed', '1']));
  replicas.push(await startReplica([...args, ...common, '--seed', '2']));
  proxy = await startRoundRobinProxy(replicas.map((r) => r.url));
}, 15 * 60_000);

afterAll(async () => {
  await proxy?.close();
  for (const r of replicas) {
    try {
      if (r.child.pid) process.kill(-r.child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

async function call(path: string, init: RequestInit & { cookie?: string; csrf?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.csrf) headers['x-csrf-token'] = init.csrf;
  const res = await fetch(`${proxy!.url}${path}`, { ...init, headers });
  const text = await res.text();
  return {
    status: res.status,
    servedBy: res.headers.get('x-served-by'),
    setCookie: res.headers.get('set-cookie'),
    body: text ? (JSON.parse(text) as unknown) : undefined,
  };
}

async function reviews(): Promise<VirtualService> {
  return (await admin.read({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'reviews', namespace: 'bookinfo' },
  })) as unknown as VirtualService;
}

describe('two replicas behind one port', () => {
  let cookie = '';
  let csrf = '';

  it('serves a user logged in on one replica from the other: session, reads and writes', async () => {
    const login = await call('/api/session', {
      method: 'POST',
      body: JSON.stringify({ token: cluster!.users.admin.token }),
    });
    expect(login.status).toBe(200);
    cookie = login.setCookie?.split(';')[0] ?? '';
    csrf = sessionSchema.parse(login.body).csrfToken;
    const servedBy = new Set<string | null>([login.servedBy]);
    for (let i = 0; i < 4; i++) {
      const me = await call('/api/session', { cookie });
      expect(me.status).toBe(200);
      expect(sessionSchema.parse(me.body).user.username).toBe('sluice-admin');
      const ns = await call('/api/namespaces', { cookie });
      expect(ns.status).toBe(200);
      servedBy.add(me.servedBy).add(ns.servedBy);
    }
    expect(servedBy).toEqual(new Set(['0', '1']));

    // A write with the CSRF token from the login, through whichever replica is next, twice.
    for (const [v1, v3] of [
      [70, 30],
      [100, 0],
    ] as const) {
      const rv = (await reviews()).metadata.resourceVersion ?? '';
      const edit = await call('/api/namespaces/bookinfo/virtualservices/reviews/edits', {
        method: 'POST',
        cookie,
        csrf,
        body: JSON.stringify({
          resourceVersion: rv,
          edits: [
            {
              op: 'setWeights',
              route: { kind: 'http', index: 0 },
              weights: [
                { destination: { host: 'reviews', subset: 'v1' }, weight: v1 },
                { destination: { host: 'reviews', subset: 'v3' }, weight: v3 },
              ],
            },
          ],
        }),
      });
      expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    }
    expect((await reviews()).spec.http?.[0]?.route?.map((r) => r.weight)).toEqual([100, 0]);
  });

  it('drives an automatic rollout once with a driver in each replica: every step is taken exactly once', async () => {
    const started = await call('/api/namespaces/bookinfo/services/reviews/rollout', {
      method: 'POST',
      cookie,
      csrf,
      body: JSON.stringify({
        stable: { host: 'reviews', subset: 'v1' },
        canary: { host: 'reviews', subset: 'v3' },
        mode: 'automatic',
        steps: [20, 60, 100],
        bakeSeconds: 0,
        checkIntervalSeconds: 1,
        gates: { minSuccessRate: 0, minRequests: 0, splitTolerance: 100 },
      }),
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);

    let state = readRollout(await reviews()).state;
    const deadline = Date.now() + 90_000;
    while (state?.phase === 'progressing' && Date.now() < deadline) {
      await sleep(500);
      state = readRollout(await reviews()).state;
    }
    expect(state?.phase, replicas.map((r) => r.log().slice(-3000)).join('\n----\n')).toBe('promoted');
    const moves = (state?.timeline ?? []).filter((e) => e.action !== 'start');
    // One entry per step change, each from the step the previous one reached: no step taken twice or skipped.
    expect(moves.map((e) => e.to.canaryWeight)).toEqual([60, 100]);
    for (let i = 1; i < moves.length; i++) expect(moves[i]?.from).toEqual(moves[i - 1]?.to);
    expect(new Set(moves.map((e) => `${e.from?.step}->${e.to.step}:${e.to.phase}`)).size).toBe(moves.length);
    expect((await reviews()).spec.http?.[0]?.route?.map((r) => [r.destination.subset, r.weight])).toEqual([
      ['v1', 0],
      ['v3', 100],
    ]);
    console.log(
      `rollout timeline through two replicas: ${(state?.timeline ?? []).map((e) => `${e.action}@${e.to.canaryWeight}%(${e.actor})`).join(' -> ')}`,
    );
  }, 120_000);
});
