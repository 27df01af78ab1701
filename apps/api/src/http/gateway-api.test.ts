import { createSimulator, gatewayApiProfile } from '@sluice/mesh-sim';
import {
  apiErrorBodySchema,
  graphSchema,
  httpRouteEditsResponseSchema,
  kubeHttpRouteSchema,
  serviceTrafficSchema,
} from '@sluice/model';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createDemoStore } from '../cluster/demo-store';
import { createSimulatorSource } from '../traffic/simulator-source';
import { testApp } from './test-kit';

/*
 * Gateway API routes through the HTTP API (issue 17): the same contract as VirtualServices - get with
 * resourceVersion, edits with the precondition, dry run, 400/409/422 - and the service traffic view and
 * the graph counting them, with the simulator routing by what was written.
 */

const ROUTE = '/api/namespaces/gateway-api/httproutes/echo';
const weights = (v1: number, v2: number) => ({
  op: 'setBackendWeights',
  rule: 0,
  weights: [
    { name: 'echo-v1', weight: v1 },
    { name: 'echo-v2', weight: v2 },
  ],
});
const START = Date.UTC(2026, 0, 1);

describe('HTTPRoutes through the API', () => {
  it('GET returns the stored HTTPRoute with its resourceVersion; the config list shows it with findings', async () => {
    const { app } = testApp();
    const res = await request(app).get(ROUTE).expect(200);
    const route = kubeHttpRouteSchema.parse(res.body);
    expect(route.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(route.spec.rules?.[0]?.backendRefs?.map((b) => b.weight)).toEqual([90, 10]);
    const list = await request(app).get('/api/istio?namespaces=gateway-api').expect(200);
    const kinds = (list.body.items as { object: { kind: string; metadata: { name: string } } }[]).map(
      (i) => `${i.object.kind}/${i.object.metadata.name}`,
    );
    expect(kinds.sort()).toEqual(['HTTPRoute/echo', 'HTTPRoute/echo-mesh']);
    // The services list counts them as routing (no "set up routing" offer for echo).
    const services = await request(app).get('/api/namespaces/gateway-api/services').expect(200);
    const echoSummary = (services.body.items as { name: string; hasRouting: boolean; gatewayRoutes?: string[] }[]).find(
      (i) => i.name === 'echo',
    );
    expect(echoSummary).toMatchObject({ hasRouting: true, gatewayRoutes: ['HTTPRoute/echo', 'HTTPRoute/echo-mesh'] });
  });

  it('setBackendWeights: the dry run shows the diff and writes nothing; the write stores it; the old version is stale', async () => {
    const { app } = testApp();
    const before = (await request(app).get(ROUTE).expect(200)).body;
    const rv = before.metadata.resourceVersion as string;
    const dry = await request(app)
      .post(`${ROUTE}/edits?dryRun=true`)
      .send({ resourceVersion: rv, edits: [weights(50, 50)] })
      .expect(200);
    expect(httpRouteEditsResponseSchema.parse(dry.body).diff).toMatch(/^\+ *weight: 50$/m);
    expect((await request(app).get(ROUTE).expect(200)).body).toEqual(before);

    const res = await request(app)
      .post(`${ROUTE}/edits`)
      .send({ resourceVersion: rv, edits: [weights(50, 50)] })
      .expect(200);
    const stored = httpRouteEditsResponseSchema.parse(res.body).object;
    expect(stored.spec.rules?.[0]?.backendRefs?.map((b) => b.weight)).toEqual([50, 50]);
    expect(stored.metadata.resourceVersion).not.toBe(rv);

    const again = await request(app)
      .post(`${ROUTE}/edits`)
      .send({ resourceVersion: rv, edits: [weights(0, 100)] });
    expect(again.status).toBe(409);
    expect(apiErrorBodySchema.parse(again.body).error.details).toMatchObject({ reason: 'stale' });
  });

  it('refuses bad input with the path, writing nothing: 400 for VirtualService ops, 422 for weights and rules', async () => {
    const { app } = testApp();
    const before = (await request(app).get(ROUTE).expect(200)).body;
    const rv = before.metadata.resourceVersion as string;
    const post = (edits: unknown[]) => request(app).post(`${ROUTE}/edits`).send({ resourceVersion: rv, edits });

    const vsOp = await post([{ op: 'setWeights', route: { kind: 'http', index: 0 }, weights: [] }]);
    expect(vsOp.status).toBe(400);

    const negative = await post([weights(-5, 105)]);
    expect(negative.status).toBe(422);
    expect(apiErrorBodySchema.parse(negative.body).error.details).toEqual([
      expect.objectContaining({ path: 'edits[0].weights[0].weight' }),
    ]);

    const noRule = await post([{ ...weights(50, 50), rule: 4 }]);
    expect(noRule.status).toBe(422);

    const badPath = await post([
      { op: 'setMatch', rule: 0, matches: [{ path: { type: 'PathPrefix', value: 'api' } }] },
    ]);
    expect(badPath.status).toBe(422);
    expect(apiErrorBodySchema.parse(badPath.body).error.details).toEqual([
      expect.objectContaining({ path: 'spec.rules[0].matches[0].path.value', code: 'route_path_invalid' }),
    ]);
    expect((await request(app).get(ROUTE).expect(200)).body).toEqual(before);
  });

  it('the service page of echo and the graph follow HTTPRoute echo from 90/10 to 50/50 (simulated)', async () => {
    const store = createDemoStore();
    const sim = createSimulator({ config: store, profiles: [gatewayApiProfile], seed: 7, clock: { now: () => START } });
    const { app } = testApp({ store, traffic: createSimulatorSource(sim) });
    const graph = async () =>
      graphSchema.parse((await request(app).get('/api/graph?namespaces=gateway-api&window=60s').expect(200)).body);
    const ingressShare = (g: ReturnType<typeof graphSchema.parse>, service: string) =>
      g.edges.find(
        (e) => e.source === 'ingress:gateway-api:echo-gateway-istio' && e.target === `service:gateway-api:${service}`,
      )?.share ?? 0;

    sim.advance(60_000);
    const traffic = serviceTrafficSchema.parse(
      (await request(app).get('/api/namespaces/gateway-api/services/echo/traffic?window=60s').expect(200)).body,
    );
    expect(traffic.gatewayRoutes?.map((r) => `${r.name}:${r.scope}`).sort()).toEqual([
      'echo-mesh:mesh',
      'echo:gateway',
    ]);
    const echo = traffic.gatewayRoutes?.find((r) => r.name === 'echo');
    expect(echo?.rules[0]?.expected).toEqual([
      { host: 'echo-v1.gateway-api.svc.cluster.local', share: 0.9 },
      { host: 'echo-v2.gateway-api.svc.cluster.local', share: 0.1 },
    ]);
    const gatewayObserved = traffic.observed.bySource.find((s) => s.scope === 'gateway');
    expect(gatewayObserved?.source).toBe('echo-gateway-istio');
    expect(Math.abs((gatewayObserved?.versions.find((v) => v.version === 'v2')?.share ?? 0) - 0.1)).toBeLessThan(0.05);
    const first = await graph();
    expect(Math.abs(ingressShare(first, 'echo-v2') - 0.1)).toBeLessThan(0.05);
    // The backend Services carry the route's badges; the gateway's deployment is drawn as an ingress.
    expect(first.nodes.find((n) => n.id === 'service:gateway-api:echo-v2')?.flags).toMatchObject({
      gatewayApiRoute: true,
      trafficShifting: true,
    });
    expect(first.nodes.find((n) => n.id === 'ingress:gateway-api:echo-gateway-istio')?.kind).toBe('ingress');

    const rv = (await request(app).get(ROUTE).expect(200)).body.metadata.resourceVersion as string;
    await request(app)
      .post(`${ROUTE}/edits`)
      .send({ resourceVersion: rv, edits: [weights(50, 50)] })
      .expect(200);
    sim.advance(60_000);
    expect(Math.abs(ingressShare(await graph(), 'echo-v2') - 0.5)).toBeLessThan(0.06);
  });
});
