import type { KubernetesObject } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { buildKubeSnapshot, isNewer, toIstioObject } from './kube-snapshot';

const meta = (name: string, extra: Record<string, unknown> = {}) =>
  ({ name, namespace: 'bookinfo', ...extra }) as KubernetesObject['metadata'];

describe('kube snapshot mapping', () => {
  it('sets kind/apiVersion on list items and drops managedFields', () => {
    const raw = {
      metadata: meta('reviews', { resourceVersion: '5', managedFields: [{ manager: 'kubectl' }] }),
      spec: { hosts: ['reviews'] },
    };
    const vs = toIstioObject('VirtualService', raw);
    expect(vs).toMatchObject({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'reviews', resourceVersion: '5' },
    });
    expect(vs?.metadata).not.toHaveProperty('managedFields');
  });

  it('skips objects the model cannot read', () => {
    expect(
      toIstioObject('DestinationRule', { metadata: meta('bad'), spec: { host: 42 } } as KubernetesObject),
    ).toBeUndefined();
  });

  it('maps Deployments and bare Pods to workloads, not ReplicaSet-owned pods', () => {
    const deployment = {
      metadata: meta('reviews-v1'),
      spec: { replicas: 2, template: { metadata: { labels: { app: 'reviews', version: 'v1' } } } },
    };
    const ownedPod = {
      metadata: meta('reviews-v1-abc', {
        ownerReferences: [{ kind: 'ReplicaSet', name: 'reviews-v1-x' }],
        labels: { app: 'reviews' },
      }),
    };
    const barePod = { metadata: meta('debug', { labels: { app: 'debug' } }) };
    const snapshot = buildKubeSnapshot({
      istio: [],
      services: [
        {
          metadata: meta('reviews'),
          spec: { selector: { app: 'reviews' }, ports: [{ name: 'http', port: 9080 }] },
        } as KubernetesObject,
      ],
      deployments: [deployment as KubernetesObject],
      replicaSets: [],
      pods: [ownedPod as KubernetesObject, barePod as KubernetesObject],
      namespaces: [{ metadata: { name: 'default' } }],
    });
    expect(snapshot.workloads).toEqual([
      {
        namespace: 'bookinfo',
        name: 'reviews-v1',
        kind: 'Deployment',
        labels: { app: 'reviews', version: 'v1' },
        replicas: 2,
      },
      { namespace: 'bookinfo', name: 'debug', kind: 'Pod', labels: { app: 'debug' }, replicas: 1 },
    ]);
    expect(snapshot.services.map((s) => s.metadata.name)).toEqual(['reviews']);
    expect(snapshot.namespaces).toEqual(['bookinfo', 'default']);
  });

  it('reads listed Services whose metadata holds Dates (client-node typed lists), as the wire would have them', () => {
    const listed = {
      metadata: { ...meta('reviews'), creationTimestamp: new Date('2026-01-02T03:04:05Z') },
      spec: { ports: [{ port: 9080 }] },
    };
    const snapshot = buildKubeSnapshot({
      istio: [],
      services: [listed as KubernetesObject],
      deployments: [],
      replicaSets: [],
      pods: [],
      namespaces: [],
    });
    expect(snapshot.services.map((s) => s.metadata)).toEqual([
      expect.objectContaining({ name: 'reviews', creationTimestamp: '2026-01-02T03:04:05Z' }),
    ]);
  });

  it('keeps when a Deployment was created (Date from a typed list): rates of young workloads depend on it', () => {
    const deployment = {
      metadata: { ...meta('reviews-v3'), creationTimestamp: new Date('2026-01-02T03:04:05Z') },
      spec: { replicas: 1, template: { metadata: { labels: { app: 'reviews', version: 'v3' } } } },
    };
    const snapshot = buildKubeSnapshot({
      istio: [],
      services: [],
      deployments: [deployment as KubernetesObject],
      replicaSets: [],
      pods: [],
      namespaces: [],
    });
    expect(snapshot.workloads[0]?.createdAt).toBe('2026-01-02T03:04:05.000Z');
  });

  it('compares resourceVersions numerically when they are numbers', () => {
    expect(isNewer('10', '9')).toBe(true);
    expect(isNewer('9', '10')).toBe(false);
    expect(isNewer('9', '9')).toBe(false);
    expect(isNewer('b', 'a')).toBe(true);
  });
});
