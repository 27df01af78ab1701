import { apiErrorBodySchema, editsResponseSchema, editsRequestSchema } from '@sluice/model';
import fc from 'fast-check';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { testApp } from './test-kit';

const VS = '/api/namespaces/bookinfo/virtualservices/reviews';
const http0 = { kind: 'http', index: 0 };
const weights = (a: number, b: number) => [
  { destination: { host: 'reviews', subset: 'v1' }, weight: a },
  { destination: { host: 'reviews', subset: 'v3' }, weight: b },
];

/** Bodies that are not even shaped like an edits request: 400. */
const malformed = fc.oneof(
  fc.jsonValue().filter((v) => !editsRequestSchema.safeParse(v).success),
  fc.record({
    resourceVersion: fc.oneof(fc.constant(''), fc.integer(), fc.constant(null)),
    edits: fc.constant([{ op: 'setTimeout', route: http0, timeout: '1s' }]),
  }),
  fc.record({
    resourceVersion: fc.constant('1'),
    edits: fc.oneof(fc.constant([]), fc.constant({}), fc.array(fc.jsonValue(), { minLength: 1, maxLength: 3 })),
  }),
  fc.record({
    resourceVersion: fc.constant('1'),
    edits: fc.tuple(fc.record({ op: fc.string(), route: fc.constant(http0) })),
  }),
  fc.record({
    resourceVersion: fc.constant('1'),
    edits: fc.tuple(
      fc.record({
        op: fc.constant('setWeights'),
        route: fc.oneof(
          fc.constant({ kind: 'udp', index: 0 }),
          fc.constant({ kind: 'http', index: -1 }),
          fc.constant({}),
        ),
        weights: fc.constant(weights(50, 50)),
      }),
    ),
  }),
  fc.record({
    resourceVersion: fc.constant('1'),
    edits: fc.tuple(
      fc.record({
        op: fc.constant('setWeights'),
        route: fc.constant(http0),
        weights: fc.constant([{ destination: { host: 'reviews' }, weight: '50' }]),
      }),
    ),
  }),
  fc.record({
    resourceVersion: fc.constant('1'),
    edits: fc.constant([{ op: 'setFault', route: http0, fault: { abort: { percent: 10 }, extra: true } }]),
  }),
);

/** Well-shaped edits whose result istiod would refuse, or that address no route: 422. */
const invalidEdits = fc.oneof(
  fc.integer({ min: -1000, max: -1 }).map((w) => ({ op: 'setWeights', route: http0, weights: weights(w, 100) })),
  fc.constant({ op: 'setWeights', route: http0, weights: weights(0, 0) }),
  fc
    .string({ minLength: 1, maxLength: 8 })
    .filter((s) => !['v1', 'v2', 'v3'].includes(s))
    .map((subset) => ({
      op: 'setWeights',
      route: http0,
      weights: [{ destination: { host: 'reviews', subset }, weight: 100 }],
    })),
  fc
    .integer({ min: 1, max: 50 })
    .map((index) => ({ op: 'setWeights', route: { kind: 'http', index }, weights: weights(50, 50) })),
  fc
    .constantFrom('tcp', 'tls')
    .map((kind) => ({ op: 'setTcpWeights', route: { kind, index: 0 }, weights: weights(50, 50) })),
  fc
    .double({ min: 100.001, max: 1e6, noNaN: true })
    .map((percent) => ({ op: 'setFault', route: http0, fault: { abort: { percent, httpStatus: 500 } } })),
  fc
    .oneof(fc.integer({ min: -5, max: 199 }), fc.integer({ min: 600, max: 2000 }))
    .map((httpStatus) => ({ op: 'setFault', route: http0, fault: { abort: { percent: 10, httpStatus } } })),
  fc
    .constantFrom('3', 'abc', '1 s', '-1s', '0s', '1d')
    .map((fixedDelay) => ({ op: 'setFault', route: http0, fault: { delay: { percent: 10, fixedDelay } } })),
  fc.constantFrom('soon', '10', '0ms', '1x').map((timeout) => ({ op: 'setTimeout', route: http0, timeout })),
  fc
    .constantFrom('5xx,not-a-condition', 'everything')
    .map((retryOn) => ({ op: 'setRetries', route: http0, retries: { attempts: 3, retryOn } })),
  fc.constant({ op: 'setRetries', route: http0, retries: { attempts: 3, perTryTimeout: 'later' } }),
  fc.constant({
    op: 'setMirror',
    route: http0,
    mirror: { destination: { host: 'reviews', subset: 'v9' }, percent: 10 },
  }),
  fc.constant({ op: 'setTimeout', route: { kind: 'http', name: 'no-such-route' }, timeout: '1s' }),
);

describe('bad input to POST .../edits', () => {
  async function snapshotOf(app: ReturnType<typeof testApp>['app']) {
    const text = JSON.stringify((await request(app).get(VS).expect(200)).body);
    return { text, rv: JSON.parse(text).metadata.resourceVersion as string };
  }
  const bodies = (rv: string) =>
    fc.oneof(
      malformed,
      fc.array(invalidEdits, { minLength: 1, maxLength: 3 }).map((edits) => ({ resourceVersion: rv, edits })),
    );
  // Sent as raw JSON text so primitives and arrays reach the server as they are.
  const post = (app: ReturnType<typeof testApp>['app'], body: unknown, query = '') =>
    request(app).post(`${VS}/edits${query}`).set('Content-Type', 'application/json').send(JSON.stringify(body));

  it('answers every malformed or invalid body with 400 or 422 naming a path, never 5xx, and writes nothing', async () => {
    const { app, deps } = testApp();
    const before = await snapshotOf(app);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(bodies(before.rv), async (body) => {
        const res = await post(app, body);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect([400, 422]).toContain(res.status);
        const { error } = apiErrorBodySchema.parse(res.body);
        const details = error.details as { path: string }[];
        expect(details.length).toBeGreaterThan(0);
        for (const d of details) expect(typeof d.path === 'string' && d.path.length > 0).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect((await snapshotOf(app)).text).toBe(before.text);
    expect(deps.store.get('VirtualService', 'bookinfo', 'reviews')?.metadata.resourceVersion).toBe(before.rv);
    // Both families were exercised: malformed (400) and well-formed but invalid (422).
    expect(statuses.get(400)).toBeGreaterThan(20);
    expect(statuses.get(422)).toBeGreaterThan(20);
  });

  it('with dryRun, reports the same problems (400, 422, or 200 with error findings at a path) and writes nothing', async () => {
    const { app } = testApp();
    const before = await snapshotOf(app);
    await fc.assert(
      fc.asyncProperty(bodies(before.rv), async (body) => {
        const res = await post(app, body, '?dryRun=true');
        if (res.status === 200) {
          // A dry run returns the validation instead of refusing, so a form can show it.
          const { findings } = editsResponseSchema.parse(res.body);
          expect(findings.some((f) => f.severity === 'error' && f.path !== '')).toBe(true);
        } else {
          expect([400, 422]).toContain(res.status);
          expect((apiErrorBodySchema.parse(res.body).error.details as { path: string }[])[0]?.path).toBeTruthy();
        }
      }),
      { numRuns: 100 },
    );
    expect((await snapshotOf(app)).text).toBe(before.text);
  });
});

describe('weights and header names are stored as asked, or refused naming the field', () => {
  const post = async (app: ReturnType<typeof testApp>['app'], edits: unknown[]) => {
    const rv = (await request(app).get(VS).expect(200)).body.metadata.resourceVersion as string;
    return await request(app)
      .post(`${VS}/edits`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ resourceVersion: rv, edits }));
  };

  it.each([
    [[65536, 50], 'edits[0].weights[0].weight', 'weight_out_of_range'],
    [[150, 0], 'edits[0].weights[0].weight', 'weight_out_of_range'],
    [[-5, 100], 'edits[0].weights[0].weight', 'weight_out_of_range'],
    [[33.5, 66.5], 'edits[0].weights[0].weight', 'weight_not_integer'],
    [[0, 0], 'edits[0].weights', 'weights_all_zero'],
  ])('setWeights %j: 422 at %s (%s), nothing written', async (ws, path, code) => {
    const { app } = testApp();
    const before = (await request(app).get(VS).expect(200)).body;
    const res = await post(app, [{ op: 'setWeights', route: http0, weights: weights(ws[0]!, ws[1]!) }]);
    expect(res.status).toBe(422);
    expect(res.body.error.details[0]).toMatchObject({ path, code });
    expect((await request(app).get(VS).expect(200)).body).toEqual(before);
  });

  it('a requested non-zero weight is never stored as 0: accepted lists keep every asked-for destination', async () => {
    const { app } = testApp();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), async (a, b) => {
        const res = await post(app, [{ op: 'setWeights', route: http0, weights: weights(a, b) }]);
        if (a === 0 && b === 0) {
          expect(res.status).toBe(422);
          return;
        }
        expect(res.status).toBe(200);
        const stored = res.body.object.spec.http[0].route.map((r: { weight: number }) => r.weight);
        expect(stored[0] + stored[1]).toBe(100);
        // Relative weights are kept: 30/30 is stored 50/50, and whatever asked for traffic gets some.
        if (a > 0) expect(stored[0]).toBeGreaterThan(0);
        if (b > 0) expect(stored[1]).toBeGreaterThan(0);
      }),
      { numRuns: 40 },
    );
  });

  it('setMatchRoute with a header named __proto__ is refused with 400 at its path, not silently dropped', async () => {
    const { app } = testApp();
    const before = (await request(app).get(VS).expect(200)).body;
    const rv = before.metadata.resourceVersion as string;
    // Raw JSON text: a JS object literal cannot even hold an own "__proto__" key, a JSON body can.
    const body = `{"resourceVersion":"${rv}","edits":[{"op":"setMatchRoute","name":"sneaky","match":[{"headers":{"__proto__":{"exact":"x"},"end-user":{"exact":"jason"}}}],"destinations":[{"destination":{"host":"reviews","subset":"v2"},"weight":100}]}]}`;
    const res = await request(app).post(`${VS}/edits`).set('Content-Type', 'application/json').send(body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.details)).toContain('edits[0].match[0].headers.__proto__');
    expect((await request(app).get(VS).expect(200)).body).toEqual(before);
  });
});

describe('concurrent writes', () => {
  it('two writes with the same resourceVersion: one 200, one 409 with the current version; nothing lost', async () => {
    const { app } = testApp();
    const rv = (await request(app).get(VS).expect(200)).body.metadata.resourceVersion as string;
    const shift = { resourceVersion: rv, edits: [{ op: 'setWeights', route: http0, weights: weights(20, 80) }] };
    const timeout = { resourceVersion: rv, edits: [{ op: 'setTimeout', route: http0, timeout: '2s' }] };
    const [a, b] = await Promise.all([
      request(app).post(`${VS}/edits`).send(shift),
      request(app).post(`${VS}/edits`).send(timeout),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [winner, loser, loserBody] = a.status === 200 ? [a, b, timeout] : [b, a, shift];
    expect(loser.body.error).toMatchObject({
      code: 'conflict',
      details: { reason: 'stale', currentResourceVersion: winner.body.object.metadata.resourceVersion },
    });

    // The loser retries on the version it was told about; both changes survive.
    const retry = await request(app)
      .post(`${VS}/edits`)
      .send({ ...loserBody, resourceVersion: loser.body.error.details.currentResourceVersion })
      .expect(200);
    const route = retry.body.object.spec.http[0];
    expect(route.route.map((r: { weight: number }) => r.weight)).toEqual([20, 80]);
    expect(route.timeout).toBe('2s');
  });
});

describe('read-only mode', () => {
  it('refuses every write with 403 and still serves reads', async () => {
    const { app } = testApp({ config: { readOnly: true } });
    const rv = (await request(app).get(VS).expect(200)).body.metadata.resourceVersion as string;
    const refused = [
      await request(app)
        .post(`${VS}/edits`)
        .send({ resourceVersion: rv, edits: [{ op: 'setTimeout', route: http0, timeout: '1s' }] }),
      await request(app).post(`${VS}/edits?dryRun=true`).send({}),
      await request(app).post('/api/namespaces/demoapp/services/backend/routing').send({}),
      await request(app).put(VS).send({ yaml: 'kind: VirtualService' }),
    ];
    for (const res of refused) expect(res.body.error?.code, JSON.stringify(res.body)).toBe('forbidden');
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect((await request(app).get('/api/healthz').expect(200)).body.readOnly).toBe(true);
    expect((await request(app).get(VS).expect(200)).body.metadata.resourceVersion).toBe(rv);
  });
});

describe('routing creation', () => {
  it('creates both objects or neither', async () => {
    const failVs = (o: { kind: string }) =>
      o.kind === 'VirtualService' ? new AppError('unavailable', 'Kubernetes API unreachable') : undefined;
    const { app, deps } = testApp({}, { failCreate: failVs });
    const res = await request(app).post('/api/namespaces/demoapp/services/backend/routing').send({}).expect(503);
    expect(res.body.error.code).toBe('unavailable');
    expect(deps.store.get('DestinationRule', 'demoapp', 'backend')).toBeUndefined();
    expect(deps.store.get('VirtualService', 'demoapp', 'backend')).toBeUndefined();
  });

  it('a dry run returns the two objects it would create and writes nothing', async () => {
    const { app, deps } = testApp();
    const res = await request(app)
      .post('/api/namespaces/demoapp/services/backend/routing?dryRun=true')
      .send({})
      .expect(200);
    expect(res.body.dryRun).toBe(true);
    expect(res.body.destinationRule).toMatchObject({ kind: 'DestinationRule', metadata: { name: 'backend' } });
    expect(res.body.virtualService).toMatchObject({ kind: 'VirtualService', spec: { hosts: ['backend'] } });
    expect(deps.store.get('DestinationRule', 'demoapp', 'backend')).toBeUndefined();
    expect(deps.store.get('VirtualService', 'demoapp', 'backend')).toBeUndefined();
  });

  it('is offered only where it can work: proxy (its name is taken by the gateway VirtualService) is not', async () => {
    const { app } = testApp();
    const list = (await request(app).get('/api/namespaces/demoapp/services').expect(200)).body.items as {
      name: string;
      routingSetup?: { available: boolean; reason?: string };
    }[];
    const proxy = list.find((s) => s.name === 'proxy');
    expect(proxy?.routingSetup?.available).toBe(false);
    expect(proxy?.routingSetup?.reason).toContain('VirtualService demoapp/proxy already exists');
    expect(list.find((s) => s.name === 'backend')?.routingSetup).toEqual({ available: true });
    const refused = await request(app).post('/api/namespaces/demoapp/services/proxy/routing?dryRun=true').send({});
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.reason).toBe('exists');
  });

  it('refuses a service that already has routing (409) and an unknown one (404)', async () => {
    const { app } = testApp();
    const existing = await request(app).post('/api/namespaces/bookinfo/services/reviews/routing').send({}).expect(409);
    expect(existing.body.error.message).toMatch(/already has routing/);
    expect(existing.body.error.details.reason).toBe('exists');
    await request(app).post('/api/namespaces/bookinfo/services/nope/routing').send({}).expect(404);
    const bad = await request(app)
      .post('/api/namespaces/demoapp/services/backend/routing')
      .send({ versionLabel: 7 })
      .expect(400);
    expect(bad.body.error.details[0].path).toBe('versionLabel');
  });
});

describe('PUT replace', () => {
  const put = (app: ReturnType<typeof testApp>['app'], body: object) => request(app).put(VS).send(body);

  it('rejects invalid YAML (400), invalid objects (422), wrong identity (422) and stale versions (409), writing nothing', async () => {
    const { app } = testApp();
    const current = (await request(app).get(VS).expect(200)).body;
    const before = JSON.stringify(current);
    const negative = structuredClone(current);
    negative.spec.http[0].route[0].weight = -5;
    const renamed = { ...current, metadata: { ...current.metadata, name: 'other' } };
    const stale = { ...current, metadata: { ...current.metadata, resourceVersion: '1' } };

    const yamlRes = await put(app, { yaml: 'spec:\n  hosts: [reviews\n' }).expect(400);
    expect(yamlRes.body.error.details[0].path).toMatch(/^yaml/);
    const invalid = await put(app, { object: negative }).expect(422);
    expect(invalid.body.error.details.map((d: { path: string }) => d.path)).toContain('spec.http[0].route[0].weight');
    const notIstio = await put(app, { yaml: 'kind: ConfigMap\napiVersion: v1\n' }).expect(422);
    expect(notIstio.body.error.details[0].path).toBe('kind');
    expect((await put(app, { object: renamed }).expect(422)).body.error.details[0].path).toBe('metadata.name');
    expect((await put(app, { object: stale }).expect(409)).body.error.details.currentResourceVersion).toBe(
      current.metadata.resourceVersion,
    );
    await put(app, { yaml: 'a', object: {} }).expect(400);

    expect(JSON.stringify((await request(app).get(VS).expect(200)).body)).toBe(before);
  });
});
