import type { KubernetesObject } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { podSummaries } from './kube-pods';

const rs = (name: string, owner?: string): KubernetesObject => ({
  metadata: {
    name,
    namespace: 'bookinfo',
    ...(owner
      ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: owner, uid: 'd', controller: true }] }
      : {}),
  },
});
const pod = (name: string, owner?: { kind: string; name: string }, extra: Record<string, unknown> = {}) =>
  ({
    metadata: {
      name,
      namespace: 'bookinfo',
      labels: { app: 'reviews', version: 'v1' },
      ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', uid: 'x', controller: true, ...owner }] } : {}),
    },
    spec: { containers: [{ name: 'reviews' }, { name: 'istio-proxy' }], nodeName: 'node-1' },
    ...extra,
  }) as KubernetesObject;

describe('pods of the Kubernetes store', () => {
  it('attributes a pod to the Deployment that controls its ReplicaSet, by ownerReferences not names', () => {
    const pods = podSummaries(
      [
        pod('reviews-v1-7f9c-abcde', { kind: 'ReplicaSet', name: 'reviews-v1-7f9c' }),
        // Named like a ReplicaSet of reviews-v1, but controlled by another Deployment.
        pod('reviews-v1-canary-x', { kind: 'ReplicaSet', name: 'reviews-v1-canary' }),
        // A ReplicaSet no Deployment controls, and one not seen (yet): attributed to the ReplicaSet.
        pod('reviews-v1-orphan-y', { kind: 'ReplicaSet', name: 'reviews-v1-orphan' }),
        pod('reviews-v1-unseen-z', { kind: 'ReplicaSet', name: 'reviews-v1-unseen' }),
        pod('ratings-0', { kind: 'StatefulSet', name: 'ratings' }),
        pod('debug'),
      ],
      [rs('reviews-v1-7f9c', 'reviews-v1'), rs('reviews-v1-canary', 'canary'), rs('reviews-v1-orphan')],
    );
    expect(Object.fromEntries(pods.map((p) => [p.name, p.ownerWorkload]))).toEqual({
      'reviews-v1-7f9c-abcde': 'reviews-v1',
      'reviews-v1-canary-x': 'canary',
      'reviews-v1-orphan-y': 'reviews-v1-orphan',
      'reviews-v1-unseen-z': 'reviews-v1-unseen',
      'ratings-0': 'ratings',
      debug: 'debug',
    });
  });

  it('reads phase, ready containers, restarts, sidecar, node and start time as kubectl shows them', () => {
    const [running] = podSummaries(
      [
        pod('a', undefined, {
          status: {
            phase: 'Running',
            startTime: new Date('2026-01-02T03:04:05.000Z'),
            containerStatuses: [
              { name: 'reviews', ready: true, restartCount: 2 },
              { name: 'istio-proxy', ready: false, restartCount: 1 },
            ],
          },
        }),
      ],
      [],
    );
    expect(running).toEqual({
      namespace: 'bookinfo',
      name: 'a',
      labels: { app: 'reviews', version: 'v1' },
      version: 'v1',
      phase: 'Running',
      readyContainers: 1,
      containers: 2,
      restarts: 3,
      sidecar: true,
      node: 'node-1',
      startTime: '2026-01-02T03:04:05Z',
      ownerWorkload: 'a',
    });
  });

  it('counts a native-sidecar istio-proxy (restartable init container) and reads unscheduled pods as Pending', () => {
    const [p] = podSummaries(
      [
        {
          metadata: { name: 'n', namespace: 'bookinfo' },
          spec: {
            containers: [{ name: 'app' }],
            initContainers: [{ name: 'istio-validation' }, { name: 'istio-proxy', restartPolicy: 'Always' }],
          },
        } as KubernetesObject,
      ],
      [],
    );
    expect(p).toMatchObject({ phase: 'Pending', containers: 2, readyContainers: 0, sidecar: true, version: 'latest' });
    expect(p).not.toHaveProperty('node');
    const [plain] = podSummaries(
      [{ metadata: { name: 'm' }, spec: { containers: [{ name: 'app' }] } } as KubernetesObject],
      [],
    );
    expect(plain).toMatchObject({ sidecar: false, namespace: 'default', containers: 1 });
  });
});
