import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createDemoStore } from '../cluster/demo-store';
import type { MeshStore } from '../cluster/mesh-store';
import { testApp } from './test-kit';

/* The Deployment's probes: readiness follows the first sync and draining, not later outages; liveness is always 200. */

/** The demo store with a switch for whether it can reach its cluster. */
function switchableStore(): MeshStore & { up: boolean } {
  const store = createDemoStore();
  const switchable = Object.assign(Object.create(store) as MeshStore, { up: false });
  switchable.reachable = () => switchable.up;
  return switchable as MeshStore & { up: boolean };
}

describe('GET /api/readyz and /api/livez', () => {
  it('is not ready until the store has synced once, then stays ready through an outage', async () => {
    const store = switchableStore();
    const { app } = testApp({ store });
    expect((await request(app).get('/api/readyz').expect(503)).body).toEqual({
      ready: false,
      storeSynced: false,
      draining: false,
    });
    store.up = true;
    await request(app).get('/api/readyz').expect(200, { ready: true, storeSynced: true, draining: false });
    // An apiserver outage later: the replica keeps serving the last known state (the health route says degraded).
    store.up = false;
    await request(app).get('/api/readyz').expect(200);
    expect((await request(app).get('/api/healthz').expect(200)).body).toMatchObject({ status: 'degraded' });
    await app.shutdown();
  });

  it('turns unready when draining, while liveness stays 200', async () => {
    const { app } = testApp();
    await request(app).get('/api/readyz').expect(200);
    await app.shutdown();
    await request(app).get('/api/readyz').expect(503, { ready: false, storeSynced: true, draining: true });
    const live = await request(app).get('/api/livez').expect(200);
    expect(live.body).toEqual({ alive: true, uptimeSeconds: expect.any(Number) });
  });
});
