import { appDetailSchema, workloadDetailSchema, type MeshSnapshot } from '@sluice/model';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createDemoStore, demoSnapshot } from '../cluster/demo-store';
import { createMemoryStore } from '../cluster/memory-store';
import { testApp } from './test-kit';

/* The pods of a workload and of an app's versions (issue 18 item 4), from the demo store's pods. */

const POD_NAME = /^demoappv10-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

describe('GET /api/namespaces/:ns/workloads/:name pods', () => {
  it('lists one Running, ready, injected pod per replica, named as a Deployment names them', async () => {
    const { app } = testApp({ store: createDemoStore() });
    const res = await request(app).get('/api/namespaces/demoapp/workloads/demoappv10').expect(200);
    const w = workloadDetailSchema.parse(res.body);
    expect(w.podsListed).toBe(true);
    expect(w.pods).toHaveLength(3);
    for (const p of w.pods) {
      expect(p.name).toMatch(POD_NAME);
      expect(p).toMatchObject({
        namespace: 'demoapp',
        ownerWorkload: 'demoappv10',
        version: 'v1.0',
        phase: 'Running',
        readyContainers: 2,
        containers: 2,
        restarts: 0,
        sidecar: true,
      });
      expect(p.labels).toMatchObject({ app: 'demoapp', version: 'v1.0' });
      expect(p.node).toMatch(/^demo-node-/);
      expect(Date.parse(p.startTime ?? '')).not.toBeNaN();
    }
    // One template hash per Deployment, distinct suffixes, sorted by name.
    expect(new Set(w.pods.map((p) => p.name.split('-')[1])).size).toBe(1);
    expect(w.pods.map((p) => p.name)).toEqual([...new Set(w.pods.map((p) => p.name))].sort());
  });

  it('gives the same pod names on every start (deterministic demo)', () => {
    const names = (s: MeshSnapshot) => (s.pods ?? []).map((p) => p.name);
    expect(names(demoSnapshot())).toEqual(names(demoSnapshot()));
    expect(
      demoSnapshot().pods?.filter((p) => p.namespace === 'data-product' && p.ownerWorkload === 'business-product'),
    ).toHaveLength(9);
  });

  it('says when the store lists no pods rather than showing an empty list as "no pods"', async () => {
    const { pods: _dropped, ...withoutPods } = demoSnapshot();
    const { app } = testApp({ store: createMemoryStore(withoutPods) });
    const w = workloadDetailSchema.parse(
      (await request(app).get('/api/namespaces/demoapp/workloads/demoappv10').expect(200)).body,
    );
    expect(w).toMatchObject({ pods: [], podsListed: false, replicas: 3 });
  });
});

describe('GET /api/namespaces/:ns/apps/:app pods per version', () => {
  it('groups the pods of the app workloads by version', async () => {
    const { app } = testApp({ store: createDemoStore() });
    const a = appDetailSchema.parse((await request(app).get('/api/namespaces/demoapp/apps/demoapp').expect(200)).body);
    expect(a.podsListed).toBe(true);
    expect(a.versions.map((v) => [v.version, v.pods.length])).toEqual([
      ['v1.0', 3],
      ['v1.1', 2],
    ]);
    expect(a.versions[1]?.pods.every((p) => p.ownerWorkload === 'demoappv11' && p.version === 'v1.1')).toBe(true);
  });
});
