import { demoappProfile, createSimulator } from '@sluice/mesh-sim';
import { graphPreviewSchema, type GraphPreview } from '@sluice/model';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createDemoStore } from '../cluster/demo-store';
import { testApp } from '../http/test-kit';
import { createSimulatorSource } from '../traffic/simulator-source';

/*
 * POST /api/graph/preview: the contract (now/expected per edge, blast radius, coverage), refusals of
 * bad changes with the same statuses a write gives, and that nothing is ever written.
 */

const START = Date.UTC(2026, 0, 1);
const VS = '/api/namespaces/demoapp/virtualservices/demoapp';
const PREVIEW = '/api/graph/preview?namespaces=demoapp,istio-system&window=60s';
const abort = {
  op: 'setFault',
  route: { kind: 'http', name: 'default' },
  fault: { abort: { percent: 20, httpStatus: 555 } },
};

function liveApp() {
  const store = createDemoStore();
  const sim = createSimulator({ config: store, profiles: [demoappProfile], seed: 5, clock: { now: () => START } });
  sim.advance(120_000);
  return { app: testApp({ store, traffic: createSimulatorSource(sim) }).app, store };
}

async function resourceVersion(app: ReturnType<typeof liveApp>['app']): Promise<string> {
  return (await request(app).get(VS).expect(200)).body.metadata.resourceVersion as string;
}

describe('POST /api/graph/preview', () => {
  it('a 20 % abort on demoapp: expected errors at proxy, the blast radius reaching the callers of proxy', async () => {
    const { app } = liveApp();
    const rv = await resourceVersion(app);
    const res = await request(app)
      .post(PREVIEW)
      .send({
        changes: [
          { namespace: 'demoapp', kind: 'VirtualService', name: 'demoapp', resourceVersion: rv, edits: [abort] },
        ],
      })
      .expect(200);
    const preview: GraphPreview = graphPreviewSchema.parse(res.body);
    expect(preview.window).toBe('60s');
    const intoDemoapp = preview.edges.find(
      (e) => e.source === 'app:demoapp:proxy:v0.1.1' && e.target === 'service:demoapp:demoapp',
    );
    expect(intoDemoapp?.now?.errorRate).toBe(0);
    // 20 % of the default route (80 % of proxy's requests) are aborted: 16 %.
    expect(intoDemoapp?.expected?.errorRate).toBeGreaterThan(0.13);
    expect(intoDemoapp?.expected?.errorRate).toBeLessThan(0.19);
    expect(intoDemoapp?.inBlastRadius).toBe(true);
    // proxy passes 555 back: the gateway and the in-mesh client (proxy's callers) are in the blast radius.
    const proxyCallers = preview.blastRadius.find((b) => b.node === 'service:demoapp:proxy');
    expect(proxyCallers?.edges.some((id) => id.startsWith('ingress:istio-system:istio-ingressgateway'))).toBe(true);
    expect(proxyCallers?.edges.some((id) => id.startsWith('app:demoapp:client'))).toBe(true);
    expect(preview.nodes.find((n) => n.id === 'service:demoapp:demoapp')?.flags.faultInjection).toBe(true);
  });

  it('writes nothing: the object keeps its resourceVersion and spec', async () => {
    const { app } = liveApp();
    const before = (await request(app).get(VS).expect(200)).body;
    await request(app)
      .post(PREVIEW)
      .send({
        changes: [
          {
            namespace: 'demoapp',
            kind: 'VirtualService',
            name: 'demoapp',
            resourceVersion: before.metadata.resourceVersion,
            edits: [abort],
          },
        ],
      })
      .expect(200);
    expect((await request(app).get(VS).expect(200)).body).toEqual(before);
  });

  it.each([
    ['no changes', { changes: [] }, 400, 'changes'],
    [
      'an unknown op',
      {
        changes: [
          {
            namespace: 'demoapp',
            kind: 'VirtualService',
            name: 'demoapp',
            resourceVersion: 'RV',
            edits: [{ op: 'explode' }],
          },
        ],
      },
      400,
      'changes[0].edits[0]',
    ],
    [
      'a kind without edit operations',
      { changes: [{ namespace: 'demoapp', kind: 'Service', name: 'demoapp', resourceVersion: 'RV', edits: [abort] }] },
      400,
      'changes[0].kind',
    ],
  ])('%s is a 400 naming the field', async (_name, body, status, path) => {
    const { app } = liveApp();
    const rv = await resourceVersion(app);
    const res = await request(app)
      .post(PREVIEW)
      .send(JSON.parse(JSON.stringify(body).replaceAll('"RV"', JSON.stringify(rv))))
      .expect(status);
    expect(JSON.stringify(res.body.error.details)).toContain(path);
  });

  it('a fault percentage istiod refuses is a 422 with its path; a stale resourceVersion a 409; a missing object a 404', async () => {
    const { app } = liveApp();
    const rv = await resourceVersion(app);
    const bad = { ...abort, fault: { abort: { percent: 150, httpStatus: 555 } } };
    const change = { namespace: 'demoapp', kind: 'VirtualService', name: 'demoapp', resourceVersion: rv, edits: [bad] };
    const invalid = await request(app)
      .post(PREVIEW)
      .send({ changes: [change] });
    expect([400, 422]).toContain(invalid.status);
    expect(JSON.stringify(invalid.body.error.details)).toMatch(/percent|percentage/);
    const stale = await request(app)
      .post(PREVIEW)
      .send({ changes: [{ ...change, edits: [abort], resourceVersion: 'stale' }] })
      .expect(409);
    expect(stale.body.error.details.reason).toBe('stale');
    await request(app)
      .post(PREVIEW)
      .send({ changes: [{ ...change, edits: [abort], name: 'nope' }] })
      .expect(404);
  });

  it('a match the metrics cannot see is reported as unknown, and a given share is used', async () => {
    const { app } = liveApp();
    const rv = await resourceVersion(app);
    const edits = [
      {
        op: 'setMatchRoute',
        name: 'beta',
        match: [{ headers: { 'x-beta': { exact: '1' } } }],
        destinations: [{ destination: { host: 'demoapp', subset: 'v11' }, weight: 100 }],
      },
    ];
    const change = { namespace: 'demoapp', kind: 'VirtualService', name: 'demoapp', resourceVersion: rv, edits };
    const blind = graphPreviewSchema.parse(
      (
        await request(app)
          .post(PREVIEW)
          .send({ changes: [change] })
          .expect(200)
      ).body,
    );
    const unknown = blind.unknownShares.find((u) => u.description.includes('x-beta'));
    expect(unknown?.assumedShare).toBe(0);
    const given = graphPreviewSchema.parse(
      (
        await request(app)
          .post(PREVIEW)
          .send({ changes: [change], matchShares: { [unknown!.key]: 0.5 } })
          .expect(200)
      ).body,
    );
    const v11 = (p: GraphPreview) =>
      p.edges.find((e) => e.source === 'service:demoapp:demoapp' && e.target === 'app:demoapp:demoapp:v1.1')?.expected
        ?.rps ?? 0;
    expect(v11(given)).toBeGreaterThan(v11(blind) * 2);
  });
});
