import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  type KubernetesObject,
  type KubernetesObjectApi,
} from '@kubernetes/client-node';
import { apiErrorBodySchema, type VirtualService } from '@sluice/model';
import {
  createAll,
  prepareIstioCluster,
  scenarioObjects,
  startTestCluster,
  type TestCluster,
} from '@sluice/test-cluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewsWeightsRequest } from '../test-kit/reviews-weights';
import {
  buildServerBundle,
  inClusterEnv,
  loopbackArgs,
  renderedObjects,
  runBundle,
  serviceAccountFolder,
  sluiceContainer,
  type RunningServer,
} from './test-kit';

/*
 * The Helm chart for real: render it, apply what it renders (ServiceAccount, RBAC, Deployment,
 * Service) to the test kube-apiserver (RBAC on), mint a token for the chart's ServiceAccount with
 * TokenRequest, and run the production bundle in in-cluster mode with that identity and the
 * Deployment's own args. As the viewer, everything Sluice shows works and every write is the
 * apiserver's 403 with nothing changed; as the operator, edits and creates go through; with
 * rbac.writeNamespaces the operator writes only there. Nothing beyond the listed verbs is granted.
 */

const SCENARIOS = fileURLToPath(new URL('.', import.meta.resolve('@sluice/model/fixtures/scenarios/bookinfo.yaml')));
const NS = 'sluice';
// Not "sluice": test-infra's own viewer ClusterRole is called sluice-viewer, and the chart's must be the one tested.
const RELEASE = { name: 'console', namespace: NS };
const SA = 'console-sluice';
const render = (values: Record<string, string>) => renderedObjects(values, RELEASE);

let cluster: TestCluster | undefined;
let admin: KubernetesObjectApi;
let bundle: ReturnType<typeof buildServerBundle> | undefined;
let saDir: string | undefined;
const servers: RunningServer[] = [];

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
  bundle = buildServerBundle();
  cluster = await startTestCluster();
  admin = await prepareIstioCluster(cluster);
  await createAll(admin, [
    ...scenarioObjects(SCENARIOS, ['istio-system.yaml', 'bookinfo.yaml', 'demoapp.yaml']),
    ...solo,
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } } as KubernetesObject,
  ]);
  // What `helm install` would create, as the cluster admin.
  await createAll(admin, render({ 'rbac.role': 'viewer' }));
  // The chart's own role is what is in force (no same-named role was there before).
  const role = (await admin.read({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'console-sluice-viewer' },
  })) as KubernetesObject & { rules: unknown[] };
  expect(JSON.parse(JSON.stringify(role.rules))).toEqual(
    (render({ 'rbac.role': 'viewer' }).find((o) => o.kind === 'ClusterRole') as KubernetesObject & { rules: unknown[] })
      .rules,
  );

  saDir = (await serviceAccountFolder(cluster, NS, SA)).dir;
  // Run alone on a fresh machine this hook builds kube-apiserver and helm; warm, about 10 s.
}, 20 * 60_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await cluster?.stop();
  bundle?.cleanup();
  if (saDir) rmSync(saDir, { recursive: true, force: true });
}, 60_000);

/** The built server in in-cluster mode, with the chart Deployment's args (listening on loopback, any port). */
async function startInCluster(values: Record<string, string>): Promise<RunningServer> {
  const server = await runBundle(
    bundle!.file,
    loopbackArgs(sluiceContainer(render(values)).args ?? []),
    inClusterEnv(cluster!, saDir!),
  );
  servers.push(server);
  return server;
}

async function stopServer(server: RunningServer) {
  await server.stop();
  servers.splice(servers.indexOf(server), 1);
}

async function call(server: RunningServer, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function readVs(namespace: string, name: string): Promise<VirtualService> {
  return (await admin.read({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name, namespace },
  })) as unknown as VirtualService;
}

const errorOf = (body: unknown) => apiErrorBodySchema.parse(body).error;

/** The object with one label added: a write any role that may patch can make. */
function labelled(vs: VirtualService, value: string): VirtualService {
  return { ...vs, metadata: { ...vs.metadata, labels: { ...vs.metadata.labels, touched: value } } };
}

/** A Gateway API route in bookinfo (GAMMA: attached to the reviews Service), for the route-kind RBAC rules. */
const HTTP_ROUTE = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'reviews-split', namespace: 'bookinfo' },
  spec: {
    parentRefs: [{ group: '', kind: 'Service', name: 'reviews', port: 9080 }],
    rules: [
      {
        backendRefs: [
          { name: 'reviews', port: 9080, weight: 90 },
          { name: 'ratings', port: 9080, weight: 10 },
        ],
      },
    ],
  },
};

async function readHttpRouteWeights(): Promise<{ weights: number[]; resourceVersion: string }> {
  const route = (await admin.read(HTTP_ROUTE)) as unknown as typeof HTTP_ROUTE;
  const weights = route.spec.rules[0]?.backendRefs.map((b) => b.weight) ?? [];
  return { weights, resourceVersion: (route.metadata as { resourceVersion?: string }).resourceVersion ?? '' };
}

const backendWeights = (resourceVersion: string, reviews: number, ratings: number) => ({
  resourceVersion,
  edits: [
    {
      op: 'setBackendWeights',
      rule: 0,
      weights: [
        { name: 'reviews', weight: reviews },
        { name: 'ratings', weight: ratings },
      ],
    },
  ],
});

describe('the Helm chart against a real kube-apiserver', () => {
  it('as the viewer: every read works, every write is the apiserver 403 and nothing changes', async () => {
    // The prometheusUrl default points at a Prometheus that does not exist here: the simulator instead.
    const server = await startInCluster({ 'rbac.role': 'viewer', prometheusUrl: '' });
    expect(server.logs.find((l) => l.msg === 'Sluice listening on ' + server.url)).toMatchObject({
      cluster: 'kubernetes',
    });

    expect(await call(server, 'GET', '/api/readyz')).toEqual({
      status: 200,
      body: { ready: true, storeSynced: true, draining: false },
    });
    const health = await call(server, 'GET', '/api/healthz');
    expect(health.body).toMatchObject({ status: 'ok', cluster: 'kubernetes', clusterReachable: true });
    const namespaces = await call(server, 'GET', '/api/namespaces');
    expect((namespaces.body.items as { name: string }[]).map((n) => n.name)).toEqual(
      expect.arrayContaining(['bookinfo', 'demoapp']),
    );
    const graph = await call(server, 'GET', '/api/graph?namespaces=bookinfo');
    expect(graph.status).toBe(200);
    expect((graph.body.nodes as unknown[]).length).toBeGreaterThan(0);
    expect((await call(server, 'GET', '/api/namespaces/bookinfo/services')).status).toBe(200);
    expect((await call(server, 'GET', '/api/istio?namespaces=bookinfo')).status).toBe(200);
    expect((await call(server, 'GET', '/api/namespaces/bookinfo/services/reviews/traffic')).status).toBe(200);
    const vs = await call(server, 'GET', '/api/namespaces/bookinfo/virtualservices/reviews');
    expect(vs.status).toBe(200);

    // Live updates ride on the watch verb: a change made by another tool reaches an open event stream.
    const stream = await fetch(`${server.url}/api/events?namespaces=bookinfo`);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    const outside = await readVs('bookinfo', 'ratings');
    await admin.patch(
      { ...labelled(outside, 'by-another-tool') } as unknown as KubernetesObject,
      undefined,
      undefined,
      'test',
      undefined,
      PatchStrategy.MergePatch,
    );
    let seen = '';
    while (!/event: config\ndata: \{[^\n]*"name":"ratings"/.test(seen)) {
      const chunk = await reader.read();
      if (chunk.done) throw new Error(`stream ended before the change arrived: ${seen}`);
      seen += chunk.value;
    }
    await reader.cancel();

    const before = await readVs('bookinfo', 'reviews');
    const rv = before.metadata.resourceVersion ?? '';
    const edit = await call(
      server,
      'POST',
      '/api/namespaces/bookinfo/virtualservices/reviews/edits',
      reviewsWeightsRequest(rv, 20, 80),
    );
    expect(edit.status).toBe(403);
    expect(errorOf(edit.body).message).toMatch(/system:serviceaccount:sluice:console-sluice.*cannot patch/);
    const put = await call(server, 'PUT', '/api/namespaces/bookinfo/virtualservices/reviews', {
      object: labelled(before, 'by-viewer'),
    });
    expect(put.status).toBe(403);
    expect(errorOf(put.body).message).toMatch(/cannot patch/);
    const routing = await call(server, 'POST', '/api/namespaces/bookinfo/services/solo/routing', {});
    expect(routing.status).toBe(403);
    expect(errorOf(routing.body).message).toMatch(/cannot create/);

    // Gateway API routes: the viewer role lists and watches them, and may not patch them.
    await admin.create(HTTP_ROUTE as KubernetesObject);
    await expect
      .poll(async () => (await call(server, 'GET', '/api/namespaces/bookinfo/httproutes/reviews-split')).status)
      .toBe(200);
    const route = await readHttpRouteWeights();
    const routeEdit = await call(
      server,
      'POST',
      '/api/namespaces/bookinfo/httproutes/reviews-split/edits',
      backendWeights(route.resourceVersion, 50, 50),
    );
    expect(routeEdit.status).toBe(403);
    expect(errorOf(routeEdit.body).message).toMatch(/cannot patch.*httproutes/);
    expect(await readHttpRouteWeights()).toEqual(route);
    expect((await readVs('bookinfo', 'reviews')).metadata.resourceVersion).toBe(rv);
    await expect(
      admin.read({
        apiVersion: 'networking.istio.io/v1',
        kind: 'DestinationRule',
        metadata: { name: 'solo', namespace: 'bookinfo' },
      }),
    ).rejects.toMatchObject({ code: 404 });

    await stopServer(server);
  });

  it('as the operator: edits and creates go through, with the ServiceAccount as the writer', async () => {
    await createAll(admin, render({ 'rbac.role': 'operator' }));
    const server = await startInCluster({ 'rbac.role': 'operator', prometheusUrl: '' });
    const rv = (await readVs('bookinfo', 'reviews')).metadata.resourceVersion ?? '';
    const edit = await call(
      server,
      'POST',
      '/api/namespaces/bookinfo/virtualservices/reviews/edits',
      reviewsWeightsRequest(rv, 30, 70),
    );
    expect(edit.status).toBe(200);
    const stored = await readVs('bookinfo', 'reviews');
    expect(stored.spec.http?.[0]?.route?.map((r) => r.weight)).toEqual([30, 70]);
    expect(JSON.stringify(stored.metadata)).toContain('"manager":"sluice"');

    const routing = await call(server, 'POST', '/api/namespaces/bookinfo/services/solo/routing', {});
    expect(routing.status).toBe(201);
    await expect(readVs('bookinfo', 'solo')).resolves.toMatchObject({ metadata: { name: 'solo' } });

    // The operator patches Gateway API backend weights (never creates routes of that API).
    const route = await readHttpRouteWeights();
    const routeEdit = await call(
      server,
      'POST',
      '/api/namespaces/bookinfo/httproutes/reviews-split/edits',
      backendWeights(route.resourceVersion, 50, 50),
    );
    expect(routeEdit.status, JSON.stringify(routeEdit.body)).toBe(200);
    expect((await readHttpRouteWeights()).weights).toEqual([50, 50]);
    await stopServer(server);
  });

  it('with rbac.writeNamespaces the operator writes there only', async () => {
    // Replace the cluster-wide write binding with the chart's namespaced one.
    await admin.delete({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'console-sluice-operator' },
    } as KubernetesObject);
    const scoped = { 'rbac.role': 'operator', 'rbac.writeNamespaces[0]': 'demoapp', prometheusUrl: '' };
    const bindings = render(scoped).filter((o) => o.kind?.endsWith('Binding'));
    expect(bindings.map((b) => `${b.kind}/${b.metadata?.namespace ?? ''}/${b.metadata?.name}`)).toEqual([
      'ClusterRoleBinding//console-sluice-viewer',
      'RoleBinding/demoapp/console-sluice-operator',
    ]);
    await createAll(admin, bindings);
    const server = await startInCluster(scoped);

    const reviews = await readVs('bookinfo', 'reviews');
    const refused = await call(
      server,
      'POST',
      '/api/namespaces/bookinfo/virtualservices/reviews/edits',
      reviewsWeightsRequest(reviews.metadata.resourceVersion ?? '', 10, 90),
    );
    expect(refused.status).toBe(403);
    expect((await readVs('bookinfo', 'reviews')).metadata.resourceVersion).toBe(reviews.metadata.resourceVersion);

    const demo = (await call(server, 'GET', '/api/istio?namespaces=demoapp')).body.items as {
      object: VirtualService;
    }[];
    const vs = demo.find((i) => i.object.kind === 'VirtualService')?.object;
    if (!vs) throw new Error('demoapp has no VirtualService');
    const allowed = await call(server, 'PUT', `/api/namespaces/demoapp/virtualservices/${vs.metadata.name}`, {
      object: labelled(vs, 'by-sluice'),
    });
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
    expect((await readVs('demoapp', vs.metadata.name)).metadata.labels).toMatchObject({ touched: 'by-sluice' });
    await stopServer(server);
  });

  it('grants nothing beyond the listed verbs: no Secrets, no ConfigMaps, no get of Pods', async () => {
    const kc = new KubeConfig();
    kc.loadFromClusterAndUser(
      { name: 'test', server: cluster!.server, caFile: join(saDir!, 'ca.crt'), skipTLSVerify: false },
      { name: 'sluice', token: readFileSync(join(saDir!, 'token'), 'utf8') },
    );
    const core = kc.makeApiClient(CoreV1Api);
    await expect(core.listSecretForAllNamespaces()).rejects.toMatchObject({ code: 403 });
    await expect(core.listNamespacedConfigMap({ namespace: NS })).rejects.toMatchObject({ code: 403 });
    await expect(core.readNamespacedService({ name: 'reviews', namespace: 'bookinfo' })).rejects.toMatchObject({
      code: 403,
    });
    // What it does have, it has: the list the store's informer makes.
    await expect(core.listServiceForAllNamespaces()).resolves.toMatchObject({ items: expect.any(Array) });
  });

  it('counts the watches it restarts after a kube-apiserver restart, on /metrics', async () => {
    const server = await startInCluster({ 'rbac.role': 'viewer', prometheusUrl: '' });
    const restarts = async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      return [...text.matchAll(/^sluice_watch_restarts_total\{resource="(\w+)"\} (\d+)$/gm)].reduce(
        (sum, m) => sum + Number(m[2]),
        0,
      );
    };
    expect(await restarts()).toBe(0);
    await cluster!.restartApiserver();
    await expect.poll(restarts, { timeout: 30_000, interval: 500 }).toBeGreaterThan(0);
    // Back in sync: reads answer from the restarted apiserver's state.
    await expect
      .poll(async () => (await call(server, 'GET', '/api/healthz')).body.clusterReachable, { timeout: 30_000 })
      .toBe(true);
    await stopServer(server);
  }, 90_000);

  it('with auth=token: users log in with their own token, sessions show on /metrics, no token reaches the log', async () => {
    const server = await startInCluster({
      'rbac.role': 'viewer',
      'auth.mode': 'token',
      logLevel: 'debug',
      prometheusUrl: '',
    });
    const viewerToken = cluster!.users.viewer.token;
    const login = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: viewerToken }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const namespaces = await fetch(`${server.url}/api/namespaces`, { headers: { cookie } });
    expect(namespaces.status).toBe(200);
    const wrong = 'not-a-valid-token-' + 'x'.repeat(20);
    const refused = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: wrong }),
    });
    expect(refused.status).toBe(401);

    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^sluice_active_sessions 1$/m);
    await stopServer(server);
    const logged = JSON.stringify(server.logs);
    expect(server.logs.some((l) => l.msg === 'session started' && typeof l.requestId === 'string')).toBe(true);
    expect(logged).not.toContain(viewerToken);
    expect(logged).not.toContain(wrong);
    expect(logged).not.toContain(cookie.split('=')[1] ?? 'no cookie');
  });
});
