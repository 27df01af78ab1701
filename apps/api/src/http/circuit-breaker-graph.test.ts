import { bookinfoProfile } from '@sluice/mesh-sim';
import { graphSchema, type Graph } from '@sluice/model';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { rolloutHarness } from '../rollout/test-kit';

/*
 * A circuit breaker set through the API shows in the graph: the reviews node is badged, and the
 * simulated proxies refuse requests with 503 UO, shown on the edge by flag - until it is cleared.
 */

const DR = '/api/namespaces/bookinfo/destinationrules/reviews';
const HEALTH = '/api/demo/namespaces/bookinfo/apps/reviews/versions/v1/health';

async function graph(app: Parameters<typeof request>[0], window: string): Promise<Graph> {
  const res = await request(app).get(`/api/graph?namespaces=bookinfo&window=${window}&graphType=service`).expect(200);
  return graphSchema.parse(res.body);
}

const intoReviews = (g: Graph) => {
  const reviews = g.nodes.filter((n) => n.name === 'reviews' || n.app === 'reviews').map((n) => n.id);
  return g.edges.filter((e) => reviews.includes(e.target));
};

describe('circuit breaker in the graph', () => {
  it('badges the service and shows 503 UO on its edge while set; cleared, both go', async () => {
    const h = rolloutHarness(bookinfoProfile);
    const rv = (await request(h.app).get(DR).expect(200)).body.metadata.resourceVersion as string;
    // reviews v1 (where the bookinfo routes send everyone but jason) answers in 1 s, and may have 1 request in flight.
    await request(h.app).put(HEALTH).send({ errorRate: 0, extraLatencyMs: 1000 }).expect(200);
    const set = await request(h.app)
      .post(`${DR}/edits`)
      .send({
        resourceVersion: rv,
        edits: [
          { op: 'setTrafficPolicy', subset: 'v1', policy: { connectionPool: { http: { http2MaxRequests: 1 } } } },
        ],
      })
      .expect(200);
    h.sim.advance(120_000);
    const on = await graph(h.app, '60s');
    expect(on.nodes.find((n) => n.kind === 'service' && n.name === 'reviews')?.flags.circuitBreaker).toBe(true);
    const uo = intoReviews(on).reduce((a, e) => a + (e.responseFlags?.UO ?? 0), 0);
    const all = intoReviews(on).reduce((a, e) => a + e.rps, 0);
    expect(uo).toBeGreaterThan(0);
    expect(uo / all).toBeGreaterThan(0.3);
    expect(
      intoReviews(on).some((e) => (e.responses['503'] ?? 0) >= (e.responseFlags?.UO ?? 0) && e.errorRate > 0.3),
    ).toBe(true);

    await request(h.app)
      .post(`${DR}/edits`)
      .send({
        resourceVersion: set.body.object.metadata.resourceVersion,
        edits: [{ op: 'setTrafficPolicy', subset: 'v1', policy: null }],
      })
      .expect(200);
    h.sim.advance(60_000);
    const off = await graph(h.app, '30s');
    expect(off.nodes.find((n) => n.kind === 'service' && n.name === 'reviews')?.flags.circuitBreaker).toBeUndefined();
    expect(intoReviews(off).every((e) => !e.responseFlags?.UO)).toBe(true);
  });
});
