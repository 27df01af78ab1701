/*
 * Token sessions under load (issue 14): `npm run bench:sessions` (root; not part of npm test).
 * Starts the test kube-apiserver with the bookinfo scenario, then for each scenario a fresh API
 * process (`--auth token`, metrics from an unreachable Prometheus so no simulator runs) and prints:
 *   viewers:   60 logins of the viewer token (each a new browser, each then reading /api/namespaces),
 *              accepted / refused, the process's open file descriptors and RSS before and 5 s after;
 *   strangers: 40 logins of a token with no permissions, then 45 s of idling: RSS delta and how many
 *              warnings the watches logged;
 *   tries:     wrong tokens POSTed for 3 s, 8 at a time: tries per second and how many reached the
 *              apiserver (401) vs were refused before it (429).
 * The figures (before): fds 178 -> 571 and RSS 364 -> 495 MB for 60 viewers; +187 MB and
 * 1,586 warnings for 40 strangers in 45 s; 108 tries/s, all reaching the apiserver.
 * Figures only, no assertions. Talks HTTP only, so it runs against any revision of the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  createAll,
  prepareIstioCluster,
  scenarioObjects,
  startTestCluster,
  type TestCluster,
} from '@sluice/test-cluster';

const SCENARIOS = fileURLToPath(new URL('.', import.meta.resolve('@sluice/model/fixtures/scenarios/bookinfo.yaml')));
const SERVER = fileURLToPath(new URL('../src/server.ts', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Api {
  child: ChildProcess;
  url: string;
  log(): string;
  stop(): Promise<void>;
}

async function startApi(cluster: TestCluster): Promise<Api> {
  const args = ['--kubeconfig', cluster.kubeconfig('admin'), '--auth', 'token', '--host', '127.0.0.1', '--port', '0'];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', SERVER, ...args, '--prometheus-url', 'http://127.0.0.1:9', '--log-level', 'info'],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let out = '';
  const keep = (d: Buffer) => void (out += d.toString());
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  for (let i = 0; i < 600 && !/"url":"http/.test(out); i++) await sleep(100);
  const url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out)?.[1];
  if (!url) throw new Error(`API did not start:\n${out}`);
  return {
    child,
    url,
    log: () => out,
    async stop() {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
      await sleep(200);
    },
  };
}

function usage(pid: number): { fds: number; rssMb: number } {
  const fds = readdirSync(`/proc/${pid}/fd`).length;
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return { fds, rssMb: Math.round(Number(rss) / 1024) };
}

async function login(api: Api, token: string): Promise<{ status: number; cookie?: string }> {
  const res = await fetch(`${api.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  await res.arrayBuffer();
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  return { status: res.status, ...(cookie ? { cookie } : {}) };
}

const count = (xs: number[]) =>
  Object.entries(xs.reduce<Record<number, number>>((a, s) => ({ ...a, [s]: (a[s] ?? 0) + 1 }), {}))
    .map(([s, n]) => `${n} x ${s}`)
    .join(', ');

async function viewers(cluster: TestCluster): Promise<void> {
  const api = await startApi(cluster);
  try {
    await sleep(3000);
    const before = usage(api.child.pid!);
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      const { status, cookie } = await login(api, cluster.users.viewer.token);
      statuses.push(status);
      if (cookie) await (await fetch(`${api.url}/api/namespaces`, { headers: { cookie } })).arrayBuffer();
    }
    await sleep(5000);
    const after = usage(api.child.pid!);
    console.log(
      `viewers:   60 logins -> ${count(statuses)}; fds ${before.fds} -> ${after.fds}; RSS ${before.rssMb} -> ${after.rssMb} MB`,
    );
  } finally {
    await api.stop();
  }
}

async function strangers(cluster: TestCluster): Promise<void> {
  const api = await startApi(cluster);
  try {
    await sleep(3000);
    const before = usage(api.child.pid!);
    const warningsBefore = (api.log().match(/"level":40/g) ?? []).length;
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await login(api, cluster.users.stranger.token)).status);
    await sleep(45_000);
    const after = usage(api.child.pid!);
    const warnings = (api.log().match(/"level":40/g) ?? []).length - warningsBefore;
    const watchWarnings = (api.log().match(/watch failed|list refused/g) ?? []).length;
    console.log(
      `strangers: 40 logins -> ${count(statuses)}; after 45 s: RSS ${before.rssMb} -> ${after.rssMb} MB (+${after.rssMb - before.rssMb}); ${warnings} warnings (${watchWarnings} about watches)`,
    );
  } finally {
    await api.stop();
  }
}

async function tries(cluster: TestCluster): Promise<void> {
  const api = await startApi(cluster);
  try {
    const statuses: number[] = [];
    const until = Date.now() + 3000;
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; Date.now() < until; i++) statuses.push((await login(api, `wrong-${w}-${i}`)).status);
      }),
    );
    const reached = statuses.filter((s) => s === 401).length;
    console.log(
      `tries:     ${Math.round(statuses.length / 3)} tries/s for 3 s -> ${count(statuses)}; ${Math.round(reached / 3)}/s reached the apiserver`,
    );
  } finally {
    await api.stop();
  }
}

const cluster = await startTestCluster();
try {
  const admin = await prepareIstioCluster(cluster);
  await createAll(admin, scenarioObjects(SCENARIOS, ['istio-system.yaml', 'bookinfo.yaml']));
  await viewers(cluster);
  await strangers(cluster);
  await tries(cluster);
} finally {
  await cluster.stop();
}
