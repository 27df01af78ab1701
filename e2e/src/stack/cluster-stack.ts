import { existsSync } from 'node:fs';
import { test as base, expect } from '@playwright/test';
import type { KubernetesObject, KubernetesObjectApi } from '@kubernetes/client-node';
import { loadScenarioManifests } from '@sluice/mesh-sim';
import { startPrometheus, type PrometheusHandle } from '@sluice/mesh-sim/testing';
import { createAll, prepareIstioCluster, startTestCluster, type TestCluster } from '@sluice/test-cluster';
import { SluiceApi } from './api';
import { killGroup, spawnTsx, type NodeChild } from './node-process';
import { WEB_DIST } from './paths';
import { freePort, waitForHttp } from './ports';

/*
 * The stack with a real Kubernetes control plane as the source of truth (issue 7), on 127.0.0.1:
 *   - test-infra/kube-apiserver's cluster (kube-apiserver built from k8s.io/kubernetes + etcd), with
 *     Istio's real CRDs and the data-product scenario (plus istio-system, and mesh-sim's `client`
 *     Deployment) created as the admin;
 *   - mesh-sim's CLI watching that apiserver with the admin kubeconfig, serving /metrics;
 *   - a real Prometheus (Debian's, scrape interval 1 s) scraping mesh-sim;
 *   - the API with `--kubeconfig` (informers over the apiserver, writes to it) and `--prometheus-url`.
 * No `--demo`: the API holds no config of its own, and mesh-sim routes by what the apiserver says.
 * stop() tears everything down in reverse order, also after a failed start.
 */

const SCENARIO = 'data-product';
const SEED = 7;

export interface ClusterStack {
  /** Base URL of the console (web app and /api on one port). */
  url: string;
  cluster: TestCluster;
  /** A client of the apiserver as the admin (client-node, the admin kubeconfig). */
  kube: KubernetesObjectApi;
  /** The last lines the API / mesh-sim wrote (attached to failures). */
  apiLog(): string;
  simLog(): string;
  stop(): Promise<void>;
}

/** Waits for `url` and, if it never answers, says what the process printed (or that it died). */
async function waitForChild(c: NodeChild, url: string, what: string, timeoutMs: number): Promise<void> {
  const died = new Promise<never>((_, reject) =>
    c.child.once('exit', (code, signal) =>
      reject(new Error(`${what} exited (${code ?? signal}) before ${url} answered`)),
    ),
  );
  died.catch(() => undefined);
  try {
    await Promise.race([waitForHttp(url, timeoutMs), died]);
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${what} output:\n${c.log()}`);
  }
}

export async function startClusterStack(): Promise<ClusterStack> {
  if (!existsSync(`${WEB_DIST}/index.html`)) {
    throw new Error(`${WEB_DIST}/index.html is missing: build the web app first (npm run build -w @sluice/web)`);
  }
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  };
  const children: NodeChild[] = [];
  // If the worker dies without teardown, do not leave our node processes behind.
  const onExit = (): void => {
    for (const { child } of children) {
      if (child.pid && child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }
  };
  process.once('exit', onExit);
  cleanups.push(async () => void process.off('exit', onExit));

  try {
    const cluster = await startTestCluster();
    cleanups.push(() => cluster.stop());
    const kube = await prepareIstioCluster(cluster);
    // istio-system + data-product, with mesh-sim's extras (the in-mesh `client` Deployment).
    await createAll(kube, loadScenarioManifests([SCENARIO]) as KubernetesObject[]);
    const adminKubeconfig = cluster.kubeconfig('admin');

    const [simPort, apiPort] = [await freePort(), await freePort()];
    const sim = spawnTsx('packages/mesh-sim/src/cli.ts', [
      '--kubeconfig',
      adminKubeconfig,
      '--scenarios',
      SCENARIO,
      '--listen',
      `127.0.0.1:${simPort}`,
      '--seed',
      String(SEED),
    ]);
    children.push(sim);
    cleanups.push(() => killGroup(sim.child));
    await waitForChild(sim, `http://127.0.0.1:${simPort}/healthz`, 'mesh-sim', 60_000);

    const prom: PrometheusHandle = await startPrometheus({ targets: [`127.0.0.1:${simPort}`], scrapeInterval: '1s' });
    cleanups.push(() => prom.stop());
    await prom.waitForTargets(20_000);

    const api = spawnTsx('apps/api/src/server.ts', [
      '--kubeconfig',
      adminKubeconfig,
      '--prometheus-url',
      prom.url,
      '--static-dir',
      WEB_DIST,
      '--host',
      '127.0.0.1',
      '--port',
      String(apiPort),
      '--log-level',
      'warn',
    ]);
    children.push(api);
    cleanups.push(() => killGroup(api.child));
    const url = `http://127.0.0.1:${apiPort}`;
    await waitForChild(api, `${url}/api/healthz`, 'API', 60_000);
    // The informers have synced once the API serves the scenario's VirtualService.
    await waitForChild(api, `${url}/api/namespaces/${SCENARIO}/virtualservices/${SCENARIO}`, 'API', 30_000);

    return { url, cluster, kube, apiLog: api.log, simLog: sim.log, stop: stopAll };
  } catch (e) {
    await stopAll();
    throw e;
  }
}

/**
 * `clusterStack` is worker-scoped (started before the first test of a file using this `test`, torn
 * down after the last, failed or not); `api` talks to its HTTP API; every page's baseURL is its URL.
 */
export const test = base.extend<{ api: SluiceApi }, { clusterStack: ClusterStack }>({
  clusterStack: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const stack = await startClusterStack();
      try {
        await use(stack);
      } finally {
        await stack.stop();
      }
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  baseURL: async ({ clusterStack }, use) => use(clusterStack.url),
  api: async ({ clusterStack }, use, testInfo) => {
    await use(new SluiceApi(clusterStack.url));
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('api-log', { body: clusterStack.apiLog(), contentType: 'text/plain' });
      await testInfo.attach('mesh-sim-log', { body: clusterStack.simLog(), contentType: 'text/plain' });
    }
  },
});

export { expect };
