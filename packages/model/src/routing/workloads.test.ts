import { describe, expect, it } from 'vitest';
import type { MeshSnapshot } from '../resources/snapshot';
import { dr } from './test-kit';
import { destinationRuleFor, workloadsForDestination } from './workloads';

const workload = (namespace: string, name: string, labels: Record<string, string>) => ({
  namespace,
  name,
  kind: 'Deployment' as const,
  labels,
  replicas: 1,
});

const snapshot: Pick<MeshSnapshot, 'services' | 'workloads' | 'destinationRules'> = {
  services: [
    { metadata: { name: 'reviews', namespace: 'bookinfo' }, spec: { selector: { app: 'reviews' } } },
    { metadata: { name: 'headless', namespace: 'bookinfo' }, spec: {} },
  ],
  workloads: [
    workload('bookinfo', 'reviews-v1', { app: 'reviews', version: 'v1' }),
    workload('bookinfo', 'reviews-v2', { app: 'reviews', version: 'v2' }),
    workload('other', 'reviews-v1', { app: 'reviews', version: 'v1' }),
    workload('bookinfo', 'ratings-v1', { app: 'ratings', version: 'v1' }),
  ],
  destinationRules: [
    dr('bookinfo', 'reviews', 'reviews', { v1: { version: 'v1' }, v2: { version: 'v2' }, v9: { version: 'v9' } }),
  ],
};
const names = (host: string, subset?: string, ns?: string) =>
  workloadsForDestination(snapshot, subset === undefined ? { host } : { host, subset }, ns).map((w) => w.name);

describe('workloadsForDestination', () => {
  it('without a subset: every workload the Service selects, in its namespace only', () => {
    expect(names('reviews.bookinfo.svc.cluster.local')).toEqual(['reviews-v1', 'reviews-v2']);
  });
  it('a subset narrows by the DestinationRule labels', () => {
    expect(names('reviews.bookinfo.svc.cluster.local', 'v2')).toEqual(['reviews-v2']);
    expect(names('reviews', 'v1', 'bookinfo')).toEqual(['reviews-v1']);
  });
  it('an undefined subset, a subset selecting nothing, a selector-less Service or a non-Service host select nothing', () => {
    expect(names('reviews.bookinfo.svc.cluster.local', 'v3')).toEqual([]);
    expect(names('reviews.bookinfo.svc.cluster.local', 'v9')).toEqual([]);
    expect(names('headless.bookinfo.svc.cluster.local')).toEqual([]);
    expect(names('example.com')).toEqual([]);
  });
  it('prefers the DestinationRule in the Service namespace', () => {
    const other = dr('elsewhere', 'reviews-elsewhere', 'reviews.bookinfo.svc.cluster.local', { v1: { version: 'v2' } });
    const rules = [other, ...snapshot.destinationRules];
    expect(destinationRuleFor(rules, 'reviews.bookinfo.svc.cluster.local', 'bookinfo')?.metadata.name).toBe('reviews');
  });
});
