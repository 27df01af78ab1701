import { fileURLToPath } from 'node:url';
import { KubeConfig, type KubernetesObject, type KubernetesObjectApi } from '@kubernetes/client-node';
import { expectedShares, resolveRoute, type ConfigEvent, type IstioObject, type KubeHTTPRoute } from '@sluice/model';
import {
  createAll,
  prepareIstioCluster,
  scenarioObjects,
  startTestCluster,
  type TestCluster,
} from '@sluice/test-cluster';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyObjectEdits, editKindOf } from '../writes/apply-edits';
import { createKubeStore } from './kube-store';
import type { MeshStore } from './mesh-store';

/*
 * Gateway API routes in the Kubernetes MeshStore against a real kube-apiserver with the Gateway API
 * CRDs (sigs.k8s.io/gateway-api v1.6.3: standard channel, TCPRoute from experimental): list and watch
 * HTTPRoutes (with the defaults the CRD fills in), edits as resourceVersion-preconditioned patches
 * at gateway.networking.k8s.io/v1, 409 on a stale version, and the CRD schema's 422s.
 */

const SCENARIOS = fileURLToPath(new URL('.', import.meta.resolve('@sluice/model/fixtures/scenarios/bookinfo.yaml')));
const NS = 'gateway-api';
const logger = pino({ level: process.env.KUBE_TEST_LOG ?? 'silent' });

let cluster: TestCluster | undefined;
let admin: KubernetesObjectApi;
const stores: MeshStore[] = [];

async function openStore(): Promise<MeshStore> {
  const kc = new KubeConfig();
  if (!cluster) throw new Error('cluster not started');
  kc.loadFromFile(cluster.kubeconfig('admin'));
  const store = await createKubeStore(kc, logger);
  stores.push(store);
  return store;
}

async function eventually<T>(probe: () => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const weightsOf = (r: { spec: KubeHTTPRoute['spec'] } | undefined) =>
  (r?.spec.rules?.[0]?.backendRefs ?? []).map((b) => [b.name, b.weight]);

async function storedRoute(name: string): Promise<KubernetesObject & { spec: KubeHTTPRoute['spec'] }> {
  return (await admin.read({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace: NS },
  })) as KubernetesObject & { spec: KubeHTTPRoute['spec'] };
}

const setWeights = (resourceVersion: string, v1: number, v2: number) => ({
  resourceVersion,
  edits: [
    {
      op: 'setBackendWeights',
      rule: 0,
      weights: [
        { name: 'echo-v1', weight: v1 },
        { name: 'echo-v2', weight: v2 },
      ],
    },
  ],
});

beforeAll(async () => {
  cluster = await startTestCluster();
  admin = await prepareIstioCluster(cluster);
  await createAll(admin, scenarioObjects(SCENARIOS, ['istio-system.yaml', 'gateway-api.yaml']));
}, 15 * 60_000);

afterAll(async () => {
  await Promise.allSettled(stores.map((s) => s.close()));
  await cluster?.stop();
}, 60_000);

describe('Gateway API routes against a real kube-apiserver', () => {
  it('lists the routes and the Gateway; routing reads the CRD-defaulted objects as written', async () => {
    const store = await openStore();
    expect(store.reachable()).toBe(true);
    const echo = await eventually(() => store.get('HTTPRoute', NS, 'echo'), 'HTTPRoute echo');
    expect(echo.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(weightsOf(echo)).toEqual([
      ['echo-v1', 90],
      ['echo-v2', 10],
    ]);
    // The apiserver fills in the CRD's defaults (parentRef group/kind, backendRef kind, path match).
    expect(echo.spec.parentRefs?.[0]).toMatchObject({ group: 'gateway.networking.k8s.io', kind: 'Gateway' });
    expect(echo.spec.rules?.[0]?.matches).toEqual([{ path: { type: 'PathPrefix', value: '/' } }]);

    const snapshot = await eventually(() => {
      const s = store.snapshot();
      return (s.kubeGateways ?? []).length > 0 && (s.httpRoutes ?? []).length === 2 && s.workloads.length > 0 && s;
    }, 'the Gateway, both routes and the workloads');
    expect(snapshot.kubeGateways?.map((g) => g.metadata.name)).toEqual(['echo-gateway']);
    const decision = resolveRoute(snapshot, {
      protocol: 'http',
      host: 'echo.example.com',
      namespace: NS,
      path: '/',
      source: { kind: 'gateway', gateway: `${NS}/echo-gateway`, namespace: NS },
    });
    expect(expectedShares(decision).map((s) => [s.destination.host, s.share])).toEqual([
      ['echo-v1.gateway-api.svc.cluster.local', 0.9],
      ['echo-v2.gateway-api.svc.cluster.local', 0.1],
    ]);
  });

  it('writes setBackendWeights preconditioned on resourceVersion; a watcher sees it; the old version is stale (409)', async () => {
    const [store] = stores;
    if (!store) throw new Error('store not opened');
    const observer = await openStore();
    const events: ConfigEvent[] = [];
    observer.subscribe((e) => events.push(e));
    const before = await eventually(() => store.get('HTTPRoute', NS, 'echo'), 'HTTPRoute echo');
    const rv = before.metadata.resourceVersion ?? '';

    const result = await applyObjectEdits(
      store,
      editKindOf('httproutes'),
      { namespace: NS, name: 'echo' },
      setWeights(rv, 50, 50),
      {
        dryRun: false,
        logger,
      },
    );
    const written = result.object.metadata.resourceVersion ?? '';
    expect(BigInt(written)).toBeGreaterThan(BigInt(rv));
    expect(weightsOf(await storedRoute('echo'))).toEqual([
      ['echo-v1', 50],
      ['echo-v2', 50],
    ]);
    await eventually(
      () => events.some((e) => e.kind === 'HTTPRoute' && e.name === 'echo' && e.resourceVersion === written),
      'the watch event of the edit',
    );

    const stale = await applyObjectEdits(
      store,
      editKindOf('httproutes'),
      { namespace: NS, name: 'echo' },
      setWeights(rv, 0, 100),
      {
        dryRun: false,
        logger,
      },
    ).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(stale).toMatchObject({ status: 409, details: { reason: 'stale' } });
    expect((await storedRoute('echo')).metadata?.resourceVersion).toBe(written);
  });

  it("answers what the Gateway API CRD refuses with 422 and the apiserver's message, writing nothing", async () => {
    const [store] = stores;
    if (!store) throw new Error('store not opened');
    const echo = await eventually(() => store.get('HTTPRoute', NS, 'echo'), 'HTTPRoute echo');
    const before = (await storedRoute('echo')).metadata?.resourceVersion;

    // The CRD's pattern on sectionName (the model does not check it): the store passes the 422 on.
    const badSection = structuredClone(echo) as KubeHTTPRoute;
    badSection.spec.parentRefs![0]!.sectionName = 'Not_A_Name';
    await expect(store.replace(badSection)).rejects.toMatchObject({
      status: 422,
      code: 'invalid',
      message: expect.stringMatching(/sectionName/),
    });

    // Weights above the CRD's maximum, written around the model's checks.
    const heavy = structuredClone(echo) as KubeHTTPRoute;
    heavy.spec.rules![0]!.backendRefs![0]!.weight = 2_000_000;
    await expect(store.replace(heavy as IstioObject)).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/weight/),
    });

    expect((await storedRoute('echo')).metadata?.resourceVersion).toBe(before);
  });
});
