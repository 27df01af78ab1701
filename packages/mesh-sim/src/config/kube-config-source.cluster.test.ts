import { fileURLToPath } from 'node:url';
import { PatchStrategy, type KubernetesObject, type KubernetesObjectApi } from '@kubernetes/client-node';
import {
  createAll,
  prepareIstioCluster,
  scenarioObjects,
  startTestCluster,
  type TestCluster,
} from '@sluice/test-cluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../engine/simulator';
import { profilesFor } from '../scenarios/profiles';
import { createKubeConfigSource, type KubeConfigSource } from './kube-config-source';

/*
 * The Kubernetes ConfigSource against a real kube-apiserver (test-infra/kube-apiserver, Istio's
 * real CRDs, RBAC): it lists and watches as the read-only viewer, turns Deployments and bare Pods
 * into workloads, and a VirtualService patch reaches the simulator within a second.
 */

const SCENARIOS = fileURLToPath(new URL('.', import.meta.resolve('@sluice/model/fixtures/scenarios/bookinfo.yaml')));

let cluster: TestCluster | undefined;
let admin: KubernetesObjectApi;
let source: KubeConfigSource | undefined;

async function eventually<T>(probe: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('Kubernetes config source (real kube-apiserver)', () => {
  beforeAll(async () => {
    cluster = await startTestCluster();
    admin = await prepareIstioCluster(cluster);
    await createAll(admin, scenarioObjects(SCENARIOS, ['istio-system.yaml', 'bookinfo.yaml', 'gateway-api.yaml']));
    // A bare Pod is its own workload; a Pod owned by a ReplicaSet belongs to its Deployment.
    const pod = (name: string, owned: boolean): KubernetesObject =>
      ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace: 'bookinfo',
          labels: { app: name, version: 'v1' },
          ...(owned
            ? {
                ownerReferences: [
                  {
                    apiVersion: 'apps/v1',
                    kind: 'ReplicaSet',
                    name: 'rs',
                    uid: '00000000-0000-0000-0000-000000000001',
                  },
                ],
              }
            : {}),
        },
        spec: { containers: [{ name: 'c', image: 'curlimages/curl' }] },
      }) as KubernetesObject;
    await createAll(admin, [pod('sleep', false), pod('owned-pod', true)]);
    source = createKubeConfigSource({ kubeconfig: cluster.kubeconfig('viewer') });
    await source.ready();
  }, 120_000);

  afterAll(async () => {
    await source?.stop();
    await cluster?.stop();
  });

  it('reads the Gateway API routes and Gateway, telling the two Gateway kinds apart', () => {
    const s = source?.snapshot();
    expect(s?.httpRoutes?.map((r) => r.metadata.name).sort()).toEqual(['echo', 'echo-mesh']);
    expect(s?.kubeGateways?.map((g) => g.metadata.name)).toEqual(['echo-gateway']);
    expect(s?.gateways.map((g) => g.metadata.name)).not.toContain('echo-gateway');
  });

  it('builds the snapshot from what the viewer may list', () => {
    const s = source?.snapshot();
    expect(s?.virtualServices.map((v) => v.metadata.name)).toContain('reviews');
    expect(s?.gateways.map((g) => g.metadata.name)).toContain('bookinfo-gateway');
    expect(s?.services.find((x) => x.metadata.name === 'reviews')?.spec.ports?.[0]?.port).toBe(9080);
    const names = s?.workloads
      .filter((w) => w.namespace === 'bookinfo')
      .map((w) => w.name)
      .sort();
    expect(names).toEqual([
      'details-v1',
      'productpage-v1',
      'ratings-v1',
      'reviews-v1',
      'reviews-v2',
      'reviews-v3',
      'sleep',
    ]);
    expect(s?.workloads.find((w) => w.name === 'reviews-v2')?.labels).toMatchObject({ app: 'reviews', version: 'v2' });
  });

  it('routes by a VirtualService patch within a second', async () => {
    if (!source) throw new Error('no source');
    const sim = createSimulator({
      config: source,
      profiles: profilesFor(['bookinfo']).map((p) => ({
        ...p,
        generators: p.generators.map((g) => ({ ...g, rps: 200 })),
      })),
      seed: 1,
      clock: { now: () => 0 },
    });
    sim.advance(2_000);
    const revisions = () =>
      new Set(
        sim
          .query(1)
          .requests.filter((r) => r.reporter === 'destination' && r.destinationServiceName === 'reviews')
          .map((r) => r.destinationCanonicalRevision),
      );
    expect(revisions()).toEqual(new Set(['v1']));
    const changed = new Promise<number>((resolve) => {
      const off = source?.subscribe(() => {
        if (
          source?.snapshot().virtualServices.find((v) => v.metadata.name === 'reviews')?.spec.http?.[0]?.route?.[0]
            ?.destination.subset === 'v3'
        ) {
          off?.();
          resolve(Date.now());
        }
      });
    });
    const sent = Date.now();
    await admin.patch(
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'reviews', namespace: 'bookinfo' },
        spec: { http: [{ route: [{ destination: { host: 'reviews', subset: 'v3' } }] }] },
      } as KubernetesObject,
      undefined,
      undefined,
      undefined,
      undefined,
      PatchStrategy.MergePatch,
    );
    const seenAt = await changed;
    expect(seenAt - sent).toBeLessThan(1000);
    sim.advance(1_000);
    await eventually(() => revisions().has('v3') && !revisions().has('v1'), 'reviews to move to v3');
    sim.stop();
  });
});
