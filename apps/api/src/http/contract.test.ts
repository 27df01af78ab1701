import {
  apiErrorBodySchema,
  createRoutingResponseSchema,
  destinationRuleSchema,
  editsResponseSchema,
  gatewaySchema,
  graphSchema,
  healthSchema,
  istioObjectListSchema,
  namespaceListSchema,
  serviceListSchema,
  serviceTrafficSchema,
  virtualServiceSchema,
} from '@sluice/model';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { fakeTraffic, testApp } from './test-kit';
import { reviewsWeightsRequest } from '../test-kit/reviews-weights';

/* Every endpoint of DESIGN.md "API contract (v1)" in demo mode: each answer parses with the model's schema. */

const reviewsEdit = (resourceVersion: string) => reviewsWeightsRequest(resourceVersion, 20, 80);

describe('API contract (demo mode)', () => {
  const { app } = testApp();

  it('GET /api/healthz', async () => {
    const res = await request(app).get('/api/healthz').expect(200);
    expect(healthSchema.parse(res.body)).toMatchObject({
      status: 'ok',
      cluster: 'demo',
      metrics: 'simulated',
      readOnly: false,
    });
  });

  it('GET /api/namespaces', async () => {
    const res = await request(app).get('/api/namespaces').expect(200);
    const names = namespaceListSchema.parse(res.body).items.map((n) => n.name);
    expect(names).toEqual(
      expect.arrayContaining(['bookinfo', 'demoapp', 'data-product', 'front-tomcat', 'istio-io-tcp-traffic-shift']),
    );
  });

  it('GET /api/namespaces/:ns/services', async () => {
    const res = await request(app).get('/api/namespaces/bookinfo/services').expect(200);
    const reviews = serviceListSchema.parse(res.body).items.find((s) => s.name === 'reviews');
    expect(reviews).toMatchObject({
      versions: ['v1', 'v2', 'v3'],
      virtualServices: ['reviews'],
      destinationRules: ['reviews'],
      hasRouting: true,
    });
  });

  it('GET /api/graph', async () => {
    const res = await request(app).get('/api/graph?namespaces=bookinfo&graphType=versionedApp&window=30s').expect(200);
    const graph = graphSchema.parse(res.body);
    expect(graph).toMatchObject({ window: '30s', graphType: 'versionedApp' });
    expect(graph.metricsError).toBeUndefined();
    expect(graph.nodes.length).toBeGreaterThan(0);
  });

  it('GET /api/namespaces/:ns/services/:name/traffic', async () => {
    const res = await request(app).get('/api/namespaces/bookinfo/services/reviews/traffic?window=1m').expect(200);
    expect(serviceTrafficSchema.parse(res.body)).toMatchObject({ namespace: 'bookinfo', service: 'reviews' });
  });

  it.each([
    ['virtualservices', 'bookinfo', 'reviews', virtualServiceSchema],
    ['destinationrules', 'bookinfo', 'reviews', destinationRuleSchema],
    ['gateways', 'bookinfo', 'bookinfo-gateway', gatewaySchema],
  ] as const)('GET /api/namespaces/:ns/%s/:name', async (plural, ns, name, schema) => {
    const res = await request(app).get(`/api/namespaces/${ns}/${plural}/${name}`).expect(200);
    expect(schema.parse(res.body).metadata.resourceVersion).toMatch(/^\d+$/);
  });

  it('GET /api/istio?namespaces=a,b lists objects with findings', async () => {
    const res = await request(app).get('/api/istio?namespaces=bookinfo,demoapp').expect(200);
    const list = istioObjectListSchema.parse(res.body);
    const namespaces = new Set(list.items.map((i) => i.object.metadata.namespace));
    expect([...namespaces].sort()).toEqual(['bookinfo', 'demoapp']);
  });

  it('POST .../virtualservices/:name/edits?dryRun=true returns the would-be object, a diff and findings, and writes nothing', async () => {
    const before = await request(app).get('/api/namespaces/bookinfo/virtualservices/reviews').expect(200);
    const res = await request(app)
      .post('/api/namespaces/bookinfo/virtualservices/reviews/edits?dryRun=true')
      .send(reviewsEdit(before.body.metadata.resourceVersion))
      .expect(200);
    const body = editsResponseSchema.parse(res.body);
    expect(body.dryRun).toBe(true);
    expect(body.diff).toContain('+');
    expect(body.object.spec.http?.[0]?.route?.map((r) => r.weight)).toEqual([20, 80]);
    const after = await request(app).get('/api/namespaces/bookinfo/virtualservices/reviews').expect(200);
    expect(after.body).toEqual(before.body);
  });

  it('POST .../virtualservices/:name/edits writes and returns the stored object', async () => {
    const before = await request(app).get('/api/namespaces/bookinfo/virtualservices/reviews').expect(200);
    const res = await request(app)
      .post('/api/namespaces/bookinfo/virtualservices/reviews/edits')
      .send(reviewsEdit(before.body.metadata.resourceVersion))
      .expect(200);
    const body = editsResponseSchema.parse(res.body);
    expect(body.dryRun).toBe(false);
    expect(Number(body.object.metadata.resourceVersion)).toBeGreaterThan(Number(before.body.metadata.resourceVersion));
    const stored = await request(app).get('/api/namespaces/bookinfo/virtualservices/reviews').expect(200);
    expect(stored.body).toEqual(res.body.object);
  });

  it('POST .../services/:name/routing creates a DestinationRule and a VirtualService', async () => {
    const res = await request(app).post('/api/namespaces/demoapp/services/backend/routing').send({}).expect(201);
    const { destinationRule, virtualService } = createRoutingResponseSchema.parse(res.body);
    expect(destinationRule.spec.subsets?.map((s) => s.labels)).toEqual([{ version: 'v3.6' }]);
    expect(virtualService.spec.hosts).toEqual(['backend']);
    await request(app).get('/api/namespaces/demoapp/virtualservices/backend').expect(200);
    const again = await request(app).post('/api/namespaces/demoapp/services/backend/routing').send({}).expect(409);
    apiErrorBodySchema.parse(again.body);
  });

  it('PUT /api/namespaces/:ns/:kind/:name replaces from YAML and from JSON', async () => {
    const current = await request(app).get('/api/namespaces/front-tomcat/virtualservices/front-tomcat').expect(200);
    const object = { ...current.body, metadata: { ...current.body.metadata, labels: { owner: 'team-a' } } };
    const res = await request(app)
      .put('/api/namespaces/front-tomcat/virtualservices/front-tomcat')
      .send({ object })
      .expect(200);
    const stored = virtualServiceSchema.parse(res.body);
    expect(stored.metadata.labels).toEqual({ owner: 'team-a' });

    const yaml = `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: front-tomcat\n  namespace: front-tomcat\n  resourceVersion: "${stored.metadata.resourceVersion}"\nspec: ${JSON.stringify(stored.spec)}\n`;
    const viaYaml = await request(app)
      .put('/api/namespaces/front-tomcat/virtualservices/front-tomcat')
      .send({ yaml })
      .expect(200);
    expect(virtualServiceSchema.parse(viaYaml.body).metadata.labels).toBeUndefined();
    const raw = await request(app)
      .put('/api/namespaces/front-tomcat/virtualservices/front-tomcat')
      .set('Content-Type', 'application/yaml')
      .send(yaml.replace(`"${stored.metadata.resourceVersion}"`, `"${viaYaml.body.metadata.resourceVersion}"`))
      .expect(200);
    virtualServiceSchema.parse(raw.body);
  });

  it('PUT works for DestinationRules too, and refuses a body of another kind', async () => {
    const current = (await request(app).get('/api/namespaces/bookinfo/destinationrules/ratings').expect(200)).body;
    const res = await request(app)
      .put('/api/namespaces/bookinfo/destinationrules/ratings')
      .send({ object: { ...current, spec: { ...current.spec, trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } } } })
      .expect(200);
    expect(destinationRuleSchema.parse(res.body).spec.trafficPolicy).toEqual({ tls: { mode: 'ISTIO_MUTUAL' } });
    const vs = (await request(app).get('/api/namespaces/bookinfo/virtualservices/ratings').expect(200)).body;
    const wrongKind = await request(app)
      .put('/api/namespaces/bookinfo/destinationrules/ratings')
      .send({ object: vs })
      .expect(422);
    expect(wrongKind.body.error.details[0].path).toBe('kind');
    await request(app).put('/api/namespaces/bookinfo/services/ratings').send({ object: vs }).expect(404);
  });

  it('GET /api/openapi.json', async () => {
    const res = await request(app).get('/api/openapi.json').expect(200);
    expect(res.body).toMatchObject({ openapi: expect.stringMatching(/^3\./) });
  });

  it('answers errors in the envelope: unknown object 404, unknown API path 404, malformed JSON 400', async () => {
    const missing = await request(app).get('/api/namespaces/bookinfo/virtualservices/nope').expect(404);
    expect(apiErrorBodySchema.parse(missing.body).error.code).toBe('not_found');
    const noRoute = await request(app).get('/api/nothing-here').expect(404);
    expect(apiErrorBodySchema.parse(noRoute.body).error.code).toBe('not_found');
    const malformed = await request(app)
      .post('/api/namespaces/bookinfo/virtualservices/reviews/edits')
      .set('Content-Type', 'application/json')
      .send('{"resourceVersion":')
      .expect(400);
    expect(apiErrorBodySchema.parse(malformed.body).error.code).toBe('bad_request');
    const badQuery = await request(app).get('/api/graph?namespaces=bookinfo&graphType=galaxy').expect(400);
    expect(badQuery.body.error.details[0].path).toBe('query.graphType');
    const badWindow = await request(app)
      .get('/api/namespaces/bookinfo/services/reviews/traffic?window=soon')
      .expect(400);
    expect(badWindow.body.error.details[0].path).toBe('query.window');
  });
});

describe('degraded metrics', () => {
  it('graph answers 200 with topology and metricsError; healthz reports metricsReachable false', async () => {
    const traffic = fakeTraffic({ down: true });
    const { app } = testApp({ traffic });
    const res = await request(app).get('/api/graph?namespaces=bookinfo').expect(200);
    const graph = graphSchema.parse(res.body);
    expect(graph.metricsError).toMatch(/unreachable/);
    expect(graph.nodes.length).toBeGreaterThan(0);
    expect(graph.edges).toEqual([]);
    const health = healthSchema.parse((await request(app).get('/api/healthz').expect(200)).body);
    expect(health).toMatchObject({ status: 'degraded', metricsReachable: false, clusterReachable: true });
  });

  it('passes a 4xx from the traffic source through instead of calling it an outage', async () => {
    const traffic = {
      ...fakeTraffic(),
      query: async () => Promise.reject(new AppError('bad_request', 'window "0s" is not a duration such as 30s')),
    };
    const { app } = testApp({ traffic });
    const res = await request(app).get('/api/graph?namespaces=bookinfo&window=0s').expect(400);
    expect(res.body.error.message).toMatch(/0s/);
  });

  it('serves the last good window, marked stale, when metrics go away after a success', async () => {
    const traffic = fakeTraffic();
    const { app } = testApp({ traffic });
    const live = graphSchema.parse((await request(app).get('/api/graph?namespaces=bookinfo').expect(200)).body);
    traffic.down = true;
    const stale = graphSchema.parse((await request(app).get('/api/graph?namespaces=bookinfo').expect(200)).body);
    expect(stale.metricsError).toMatch(/showing traffic from/);
    expect(stale.edges).toEqual(live.edges);
    const view = serviceTrafficSchema.parse(
      (await request(app).get('/api/namespaces/bookinfo/services/reviews/traffic').expect(200)).body,
    );
    expect(view.observed.metricsError).toMatch(/unreachable/);
  });
});
