import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  type KubernetesObject,
  type KubernetesObjectApi,
} from '@kubernetes/client-node';
import type { PodSummary } from '@sluice/model';
import { podsOfWorkload } from '@sluice/model';
import { prepareIstioCluster, startTestCluster, type TestCluster } from '@sluice/test-cluster';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubeStore } from './kube-store';
import type { MeshStore } from './mesh-store';

/*
 * Pods in the Kubernetes store's snapshot against a real kube-apiserver (decision 0087). There are
 * no controllers or kubelets here, so the test plays both: it creates the ReplicaSet a Deployment
 * controller would, the Pods a ReplicaSet controller would (ownerReferences with the owners' uids),
 * and reports a pod's status through the status subresource as a kubelet does.
 */

const NS = 'pods-test';
const logger = pino({ level: process.env.KUBE_TEST_LOG ?? 'silent' });

let cluster: TestCluster | undefined;
let admin: KubernetesObjectApi;
let core: CoreV1Api;
let apps: AppsV1Api;
let store: MeshStore | undefined;

async function eventually<T>(probe: () => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const labels = { app: 'reviews', version: 'v1' };
const ownedBy = (kind: string, o: KubernetesObject) => [
  { apiVersion: 'apps/v1', kind, name: o.metadata?.name ?? '', uid: o.metadata?.uid ?? '', controller: true },
];

async function createDeployment(name: string) {
  return apps.createNamespacedDeployment({
    namespace: NS,
    body: {
      metadata: { name, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: 'reviews', image: 'reviews:v1' }] } },
      },
    },
  });
}

async function createReplicaSet(name: string, owner: KubernetesObject) {
  return apps.createNamespacedReplicaSet({
    namespace: NS,
    body: {
      metadata: { name, labels, ownerReferences: ownedBy('Deployment', owner) },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: 'reviews', image: 'reviews:v1' }] } },
      },
    },
  });
}

async function createPod(name: string, owner: KubernetesObject) {
  return core.createNamespacedPod({
    namespace: NS,
    body: {
      metadata: {
        name,
        labels: { ...labels, 'pod-template-hash': 'abc' },
        ownerReferences: ownedBy('ReplicaSet', owner),
      },
      spec: {
        nodeName: 'node-1',
        containers: [
          { name: 'reviews', image: 'reviews:v1' },
          { name: 'istio-proxy', image: 'istio/proxyv2:1.24.0' },
        ],
      },
    },
  });
}

const podIn = (s: MeshStore, name: string): PodSummary | undefined => s.snapshot().pods?.find((p) => p.name === name);

beforeAll(async () => {
  cluster = await startTestCluster();
  admin = await prepareIstioCluster(cluster);
  await admin.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfig('admin'));
  core = kc.makeApiClient(CoreV1Api);
  apps = kc.makeApiClient(AppsV1Api);
  store = await createKubeStore(kc, logger);
}, 15 * 60_000);

afterAll(async () => {
  await store?.close();
  await cluster?.stop();
}, 60_000);

describe('pods in the Kubernetes store', () => {
  it('shows a pod under the Deployment owning its ReplicaSet, with the status its kubelet reports; a deleted pod goes', async () => {
    const s = store!;
    const reviews = await createDeployment('reviews-v1');
    const rs = await createReplicaSet('reviews-v1-6d8f9b7c4', reviews);
    // A ReplicaSet whose name starts with reviews-v1 but that another Deployment controls.
    const canary = await createDeployment('canary');
    const decoy = await createReplicaSet('reviews-v1-canary', canary);
    await createPod('reviews-v1-6d8f9b7c4-x7k2p', rs);
    await createPod('reviews-v1-canary-q9z4m', decoy);

    const pending = await eventually(() => podIn(s, 'reviews-v1-6d8f9b7c4-x7k2p'), 'the pod in the snapshot');
    expect(pending).toMatchObject({
      ownerWorkload: 'reviews-v1',
      phase: 'Pending',
      readyContainers: 0,
      containers: 2,
      sidecar: true,
      node: 'node-1',
      version: 'v1',
    });
    await eventually(() => podIn(s, 'reviews-v1-canary-q9z4m'), 'the decoy pod');
    expect(podIn(s, 'reviews-v1-canary-q9z4m')?.ownerWorkload).toBe('canary');
    // Owned pods are pods of their workload, not workloads of their own.
    expect(
      s
        .snapshot()
        .workloads.filter((w) => w.namespace === NS)
        .map((w) => w.name)
        .sort(),
    ).toEqual(['canary', 'reviews-v1']);

    // The kubelet's report, through the status subresource.
    const started = '2026-01-01T00:00:00Z';
    const pod = await core.readNamespacedPod({ namespace: NS, name: 'reviews-v1-6d8f9b7c4-x7k2p' });
    pod.status = {
      phase: 'Running',
      startTime: new Date(started),
      containerStatuses: [
        { name: 'reviews', image: 'reviews:v1', imageID: '', ready: true, restartCount: 1, started: true },
        {
          name: 'istio-proxy',
          image: 'istio/proxyv2:1.24.0',
          imageID: '',
          ready: true,
          restartCount: 0,
          started: true,
        },
      ],
    };
    // A replace carries the read's resourceVersion: the apiserver refuses it if the pod changed meanwhile.
    await core.replaceNamespacedPodStatus({ namespace: NS, name: 'reviews-v1-6d8f9b7c4-x7k2p', body: pod });
    const running = await eventually(
      () =>
        podIn(s, 'reviews-v1-6d8f9b7c4-x7k2p')?.phase === 'Running'
          ? podIn(s, 'reviews-v1-6d8f9b7c4-x7k2p')
          : undefined,
      'the Running status',
    );
    expect(running).toMatchObject({ readyContainers: 2, containers: 2, restarts: 1, startTime: started });
    expect(podsOfWorkload(s.snapshot().pods, NS, 'reviews-v1').map((p) => p.name)).toEqual([
      'reviews-v1-6d8f9b7c4-x7k2p',
    ]);

    await core.deleteNamespacedPod({ namespace: NS, name: 'reviews-v1-6d8f9b7c4-x7k2p', gracePeriodSeconds: 0 });
    await eventually(() => podIn(s, 'reviews-v1-6d8f9b7c4-x7k2p') === undefined, 'the deleted pod to go');
    expect(podsOfWorkload(s.snapshot().pods, NS, 'reviews-v1')).toEqual([]);
    expect(podIn(s, 'reviews-v1-canary-q9z4m')).toBeDefined();
  });
});
