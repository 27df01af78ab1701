import { graphSchema, serviceTrafficSchema } from '@sluice/model';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createSimulatorSource } from '../traffic/simulator-source';
import { demoappMesh } from '../traffic/sim-test-kit';
import { testApp } from './test-kit';

/*
 * Issue 13 item 3 with the simulator as the source: a window reaching back before the data plane
 * started holds less data than asked for. The graph and the service traffic view must say how much
 * (rates are over the covered part), and with no whole second of data yet they must say "too few
 * samples", never a quiet "no traffic".
 */

describe('windows holding too little data (simulator source)', () => {
  it('a 30 s window 8 s after start: rates over 8 s, and both views say so', async () => {
    const mesh = demoappMesh();
    mesh.sim.advance(8_000);
    const { app: live } = testApp({ traffic: createSimulatorSource(mesh.sim) });
    try {
      const graph = graphSchema.parse(
        (await request(live).get('/api/graph?namespaces=demoapp&window=30s').expect(200)).body,
      );
      expect(graph.edges.length).toBeGreaterThan(0);
      expect(graph.sparse).toMatchObject({ coveredSeconds: 8, tooFew: false });
      expect(graph.sparse?.message).toContain('8 s of the 30 s');
      const view = serviceTrafficSchema.parse(
        (await request(live).get('/api/namespaces/demoapp/services/demoapp/traffic?window=30s').expect(200)).body,
      );
      expect(view.observed.sparse).toMatchObject({ coveredSeconds: 8, tooFew: false });
    } finally {
      live.shutdown();
    }
  });

  it('before a whole second of data: too few samples, and the empty graph says why', async () => {
    const mesh = demoappMesh();
    const { app } = testApp({ traffic: createSimulatorSource(mesh.sim) });
    try {
      const graph = graphSchema.parse(
        (await request(app).get('/api/graph?namespaces=demoapp&window=30s').expect(200)).body,
      );
      expect(graph.edges).toEqual([]);
      expect(graph.sparse?.tooFew).toBe(true);
      expect(graph.emptyReason).toBe(graph.sparse?.message);
      const view = serviceTrafficSchema.parse(
        (await request(app).get('/api/namespaces/demoapp/services/demoapp/traffic?window=30s').expect(200)).body,
      );
      expect(view.observed.rps).toBe(0);
      expect(view.observed.sparse?.tooFew).toBe(true);
      expect(view.observed.emptyReason).toContain('too little');
    } finally {
      app.shutdown();
    }
  });

  it('a full window with no traffic says that nothing was reported, naming the window', async () => {
    const mesh = demoappMesh({ namespace: 'demoapp', generators: [], behaviours: {} });
    mesh.sim.advance(40_000);
    const { app } = testApp({ traffic: createSimulatorSource(mesh.sim) });
    try {
      const graph = graphSchema.parse(
        (await request(app).get('/api/graph?namespaces=demoapp&window=30s').expect(200)).body,
      );
      expect(graph.edges).toEqual([]);
      expect(graph.sparse).toBeUndefined();
      expect(graph.emptyReason).toBe('no requests or connections were reported for namespace demoapp in the last 30s');
    } finally {
      app.shutdown();
    }
  });
});
