import type { ConfigEvent, VirtualService } from '@sluice/model';
import { describe, expect, it } from 'vitest';
import { createDemoStore } from './demo-store';

function reviews(store: ReturnType<typeof createDemoStore>): VirtualService {
  const vs = store.get('VirtualService', 'bookinfo', 'reviews');
  if (!vs) throw new Error('bookinfo/reviews missing from the demo');
  return vs;
}

function withWeight(vs: VirtualService, weight: number): VirtualService {
  const next = structuredClone(vs);
  const route = next.spec.http?.[0]?.route?.[0];
  if (route) route.weight = weight;
  return next;
}

describe('memory store', () => {
  it('loads every scenario with integer resourceVersions', () => {
    const store = createDemoStore();
    const snapshot = store.snapshot();
    expect(snapshot.namespaces).toEqual(
      expect.arrayContaining(['bookinfo', 'data-product', 'demoapp', 'istio-io-tcp-traffic-shift', 'front-tomcat']),
    );
    expect(snapshot.virtualServices.length).toBeGreaterThan(3);
    for (const o of snapshot.virtualServices) expect(o.metadata.resourceVersion).toMatch(/^\d+$/);
  });

  it('writes with a matching resourceVersion, bumps it and emits a config event', async () => {
    const store = createDemoStore();
    const events: ConfigEvent[] = [];
    store.subscribe((e) => events.push(e));
    const before = reviews(store);
    const written = await store.replace(withWeight(before, 100));
    expect(Number(written.metadata.resourceVersion)).toBeGreaterThan(Number(before.metadata.resourceVersion));
    expect(written.metadata.uid).toBe(before.metadata.uid);
    expect(store.snapshot().virtualServices).toContain(written);
    expect(events).toEqual([
      {
        type: 'MODIFIED',
        kind: 'VirtualService',
        namespace: 'bookinfo',
        name: 'reviews',
        resourceVersion: written.metadata.resourceVersion,
      },
    ]);
  });

  it('refuses a stale resourceVersion with 409 and the current version, changing nothing', async () => {
    const store = createDemoStore();
    const before = reviews(store);
    const first = await store.replace(withWeight(before, 100));
    await expect(store.replace(withWeight(before, 100))).rejects.toMatchObject({
      status: 409,
      code: 'conflict',
      details: { currentResourceVersion: first.metadata.resourceVersion },
    });
    expect(reviews(store)).toBe(first);
  });

  it('hands out frozen objects so readers cannot write by accident', () => {
    const store = createDemoStore();
    expect(() => {
      (reviews(store).spec as { hosts: string[] }).hosts.push('x');
    }).toThrow(TypeError);
  });

  it('creates all objects or none', async () => {
    const store = createDemoStore({ failCreate: (o) => (o.kind === 'VirtualService' ? new Error('boom') : undefined) });
    const dr = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule' as const,
      metadata: { name: 'x', namespace: 'bookinfo' },
      spec: { host: 'x' },
    };
    const vs = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService' as const,
      metadata: { name: 'x', namespace: 'bookinfo' },
      spec: { hosts: ['x'] },
    };
    await expect(store.create([dr, vs])).rejects.toThrow('boom');
    expect(store.get('DestinationRule', 'bookinfo', 'x')).toBeUndefined();
    const ok = createDemoStore();
    const created = await ok.create([dr, vs]);
    expect(created.map((o) => o.metadata.resourceVersion)).toEqual([
      expect.stringMatching(/^\d+$/),
      expect.stringMatching(/^\d+$/),
    ]);
    await expect(ok.create([dr])).rejects.toMatchObject({ status: 409 });
  });
});
