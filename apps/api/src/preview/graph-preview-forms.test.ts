import { createSimulator, demoappProfile, gatewayApiProfile } from '@sluice/mesh-sim';
import { graphPreviewSchema, type GraphPreview } from '@sluice/model';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createDemoStore } from '../cluster/demo-store';
import { testApp } from '../http/test-kit';
import { createSimulatorSource } from '../traffic/simulator-source';

/*
 * The previews of the forms added after issue 20: an HTTPRoute's backend weights (Gateway API
 * routing through the edit registry and resolveRoute), a redirect, a rewrite, and the changes the
 * prediction cannot model, which must say so in `assumptions` instead of passing for "no change".
 */

const START = Date.UTC(2026, 0, 1);

function liveApp() {
  const store = createDemoStore();
  const sim = createSimulator({
    config: store,
    profiles: [demoappProfile, gatewayApiProfile],
    seed: 11,
    clock: { now: () => START },
  });
  sim.advance(120_000);
  return testApp({ store, traffic: createSimulatorSource(sim) }).app;
}

type App = ReturnType<typeof liveApp>;

async function preview(app: App, namespaces: string, kind: string, path: string, edits: unknown[]) {
  const [namespace, name] = path.split('/') as [string, string];
  const plural =
    kind === 'HTTPRoute' ? 'httproutes' : kind === 'DestinationRule' ? 'destinationrules' : 'virtualservices';
  const object = (await request(app).get(`/api/namespaces/${namespace}/${plural}/${name}`).expect(200)).body;
  const res = await request(app)
    .post(`/api/graph/preview?namespaces=${namespaces}&window=60s`)
    .send({ changes: [{ namespace, kind, name, resourceVersion: object.metadata.resourceVersion, edits }] })
    .expect(200);
  return graphPreviewSchema.parse(res.body);
}

const edge = (p: GraphPreview, source: string, target: string) =>
  p.edges.find((e) => e.source === source && e.target === target);

describe('POST /api/graph/preview for the route forms', () => {
  it('HTTPRoute echo 90/10 -> 50/50: the gateway callers expected to reach each version half the time', async () => {
    const app = liveApp();
    const p = await preview(app, 'gateway-api', 'HTTPRoute', 'gateway-api/echo', [
      {
        op: 'setBackendWeights',
        rule: 0,
        weights: [
          { name: 'echo-v1', weight: 50 },
          { name: 'echo-v2', weight: 50 },
        ],
      },
    ]);
    const gw = 'ingress:gateway-api:echo-gateway-istio';
    const toV1 = edge(p, gw, 'service:gateway-api:echo-v1');
    const toV2 = edge(p, gw, 'service:gateway-api:echo-v2');
    // Now about 90/10 (one 60 s draw at 8 rps); expected exactly 50/50 of the same demand: an expectation, no draw.
    expect(toV1?.now?.share).toBeGreaterThan(0.8);
    expect(toV1?.expected?.share).toBeCloseTo(0.5, 3);
    expect(toV2?.expected?.share).toBeCloseTo(0.5, 3);
    const demand = (toV1?.now?.rps ?? 0) + (toV2?.now?.rps ?? 0);
    expect((toV1?.expected?.rps ?? 0) + (toV2?.expected?.rps ?? 0)).toBeCloseTo(demand, 6);
    expect(toV1?.change).toBe('changed');
    expect(toV2?.change).toBe('changed');
    // The backend Services pass it on to their versions.
    expect(edge(p, 'service:gateway-api:echo-v2', 'app:gateway-api:echo:v2')?.expected?.rps).toBeCloseTo(demand / 2, 6);
    // The in-mesh client goes through echo-mesh (100/0), which the change does not touch.
    expect(edge(p, 'app:gateway-api:sleep:v1', 'service:gateway-api:echo-v1')?.change).toBe('same');
    expect(edge(p, 'app:gateway-api:sleep:v1', 'service:gateway-api:echo-v2')).toBeUndefined();
    expect(p.assumptions.join(' ')).not.toMatch(/not modelled/);
  });

  it('GAMMA HTTPRoute echo-mesh 100/0 -> 50/50: the in-mesh client expected to reach echo-v2 half the time', async () => {
    const app = liveApp();
    const p = await preview(app, 'gateway-api', 'HTTPRoute', 'gateway-api/echo-mesh', [
      {
        op: 'setBackendWeights',
        rule: 0,
        weights: [
          { name: 'echo-v1', weight: 50 },
          { name: 'echo-v2', weight: 50 },
        ],
      },
    ]);
    const sleep = 'app:gateway-api:sleep:v1';
    const now = edge(p, sleep, 'service:gateway-api:echo-v1')?.now?.rps ?? 0;
    expect(now).toBeGreaterThan(1);
    expect(edge(p, sleep, 'service:gateway-api:echo-v1')?.expected?.rps).toBeCloseTo(now / 2, 6);
    expect(edge(p, sleep, 'service:gateway-api:echo-v2')?.change).toBe('appears');
    expect(edge(p, sleep, 'service:gateway-api:echo-v2')?.expected?.rps).toBeCloseTo(now / 2, 6);
    // The metrics name the backend, so the prediction says which route it took the calls to have come through.
    expect(p.assumptions).toContain(
      'gateway-api/sleep -> echo-v1.gateway-api.svc.cluster.local: taken to be requests to echo.gateway-api.svc.cluster.local sent there by HTTPRoute gateway-api/echo-mesh',
    );
  });

  it('a new redirect route for /canary: v1.1 loses those requests, answered 301 by the caller sidecar', async () => {
    const app = liveApp();
    const p = await preview(app, 'demoapp,istio-system', 'VirtualService', 'demoapp/demoapp', [
      { op: 'addRoute', name: 'moved', at: 0 },
      { op: 'setMatch', route: { kind: 'http', name: 'moved' }, match: [{ uri: { prefix: '/canary' } }] },
      { op: 'setRedirect', route: { kind: 'http', name: 'moved' }, redirect: { uri: '/new', redirectCode: 301 } },
    ]);
    const v11 = edge(p, 'service:demoapp:demoapp', 'app:demoapp:demoapp:v1.1');
    const v10 = edge(p, 'service:demoapp:demoapp', 'app:demoapp:demoapp:v1.0');
    // /canary went to v1.1; now the proxy's sidecar answers it 301 and only the default route's 20 % reach v1.1.
    expect(v11?.change).toBe('changed');
    expect(v11?.expected?.rps ?? 0).toBeLessThan((v11?.now?.rps ?? 0) * 0.5);
    expect(v10?.expected?.rps).toBeCloseTo(v10?.now?.rps ?? -1, 3);
    // The proxy still sends those requests (answered by its own sidecar), and a 301 is no error.
    const intoDemoapp = p.edges.find(
      (e) => e.source.startsWith('app:demoapp:proxy') && e.target === 'service:demoapp:demoapp',
    );
    expect(intoDemoapp?.expected?.rps).toBeCloseTo(intoDemoapp?.now?.rps ?? -1, 3);
    expect(intoDemoapp?.expected?.errorRate).toBe(0);
    expect(p.blastRadius).toEqual([]);
    expect(p.assumptions.join(' ')).not.toMatch(/not modelled/);
  });

  it('a rewrite changes no traffic and says later hops are not re-steered', async () => {
    const app = liveApp();
    const p = await preview(app, 'demoapp,istio-system', 'VirtualService', 'demoapp/demoapp', [
      { op: 'setRewrite', route: { kind: 'http', name: 'default' }, rewrite: { uri: '/v2' } },
    ]);
    expect(p.edges.filter((e) => e.change !== 'same')).toEqual([]);
    expect(p.assumptions.some((a) => a.startsWith('path and authority rewrites are not modelled'))).toBe(true);
  });

  it('a DestinationRule policy and header operations say they are not modelled', async () => {
    const app = liveApp();
    const policy = await preview(app, 'demoapp,istio-system', 'DestinationRule', 'demoapp/demoapp', [
      { op: 'setTrafficPolicy', policy: { loadBalancer: { simple: 'RANDOM' } } },
    ]);
    expect(policy.edges.filter((e) => e.change !== 'same')).toEqual([]);
    expect(policy.assumptions[0]).toMatch(/^DestinationRule traffic policies .* are not modelled/);
    const headers = await preview(app, 'demoapp,istio-system', 'VirtualService', 'demoapp/demoapp', [
      {
        op: 'setHeaders',
        route: { kind: 'http', name: 'default' },
        headers: { request: { set: { 'x-canary': '1' } } },
      },
    ]);
    expect(headers.assumptions.some((a) => a.startsWith('header operations are not modelled beyond this hop'))).toBe(
      true,
    );
  });
});
