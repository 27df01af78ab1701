import { fileURLToPath } from 'node:url';
import { KubeConfig, type KubernetesObject, type KubernetesObjectApi } from '@kubernetes/client-node';
import {
  ROLLOUT_ANNOTATION,
  rolloutStateSchema,
  type RequestSample,
  type RolloutState,
  type TrafficWindow,
  type VirtualService,
} from '@sluice/model';
import {
  createAll,
  prepareIstioCluster,
  scenarioObjects,
  startTestCluster,
  type TestCluster,
} from '@sluice/test-cluster';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { createKubeStore } from '../cluster/kube-store';
import type { MeshStore } from '../cluster/mesh-store';
import type { TrafficSource } from '../traffic/traffic-source';
import type { RolloutAppDeps, RolloutOptions } from '../http/rollout-router';

/*
 * Rollouts against a real kube-apiserver (see test-infra/kube-apiserver): the state really lives in
 * the VirtualService's annotation (an API over a fresh store resumes from it), and the
 * resourceVersion precondition the apiserver enforces is what keeps two drivers from moving one
 * rollout twice.
 */

const SCENARIOS = fileURLToPath(
  new URL('.', import.meta.resolve('@sluice/model/fixtures/scenarios/data-product.yaml')),
);
const NS = 'data-product';
const ROLLOUT = `/api/namespaces/${NS}/services/data-product/rollout`;
const logger = pino({ level: 'silent' });
const plan = { stable: { host: 'data-product', subset: 'v3' }, canary: { host: 'data-product', subset: 'v4' } };

let cluster: TestCluster | undefined;
let admin: KubernetesObjectApi;
const stores: MeshStore[] = [];

/*
 * The replicas' clock and the split the data plane follows: gates read only the traffic since the
 * step started and wait for the observed split to match the step, so the tests move both.
 */
let clockMs = Date.now();
let canaryWeight = 10;

/** Both versions healthy at 20 rps split as the route says, destination-reported: every gate passes. */
function healthyWindow(): TrafficWindow {
  const sample = (workload: string, rps: number): RequestSample => ({
    reporter: 'destination',
    sourceWorkload: 'business-product',
    sourceWorkloadNamespace: NS,
    sourceCanonicalService: 'business-product',
    sourceCanonicalRevision: 'v1',
    destinationService: `data-product.${NS}.svc.cluster.local`,
    destinationServiceName: 'data-product',
    destinationServiceNamespace: NS,
    destinationWorkload: workload,
    destinationWorkloadNamespace: NS,
    destinationCanonicalService: 'data-product',
    destinationCanonicalRevision: '',
    requestProtocol: 'grpc',
    responseCode: '200',
    responseFlags: '-',
    grpcResponseStatus: '0',
    rps,
  });
  const requests = [
    sample('data-product', (20 * (100 - canaryWeight)) / 100),
    sample('data-product-v4.0', (20 * canaryWeight) / 100),
  ];
  return {
    timestamp: new Date(clockMs).toISOString(),
    window: '1m',
    requests,
    latencies: requests.map((r) => ({ ...r, p95Ms: 8, p99Ms: 12 })),
    tcp: [],
  };
}
const traffic: TrafficSource = { kind: 'prometheus', query: async () => healthyWindow(), ping: async () => true };

async function replica(): Promise<{ app: ReturnType<typeof createApp>; store: MeshStore; options: RolloutOptions }> {
  const kc = new KubeConfig();
  kc.loadFromFile(cluster!.kubeconfig('admin'));
  const store = await createKubeStore(kc, logger);
  stores.push(store);
  const options: RolloutOptions = { driveEveryMs: 0, now: () => clockMs };
  const deps: RolloutAppDeps = { store, traffic, config: { readOnly: false }, logger, rollout: options };
  return { app: createApp(deps), store, options };
}

/** The rollout as the apiserver stores it, read past every cache. */
async function storedRollout(): Promise<{ state: RolloutState; weights: (number | undefined)[] }> {
  const vs = (await admin.read({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'data-product', namespace: NS },
  })) as KubernetesObject & VirtualService;
  const state = rolloutStateSchema.parse(JSON.parse(vs.metadata.annotations?.[ROLLOUT_ANNOTATION] ?? 'null'));
  return { state, weights: (vs.spec.http?.[0]?.route ?? []).map((d) => d.weight) };
}

async function settled(stores: MeshStore[], rv: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!stores.every((s) => s.get('VirtualService', NS, 'data-product')?.metadata.resourceVersion === rv)) {
    if (Date.now() > deadline) throw new Error(`stores did not see resourceVersion ${rv}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  cluster = await startTestCluster();
  admin = await prepareIstioCluster(cluster);
  await createAll(admin, scenarioObjects(SCENARIOS, ['data-product.yaml']));
}, 15 * 60_000);

afterAll(async () => {
  await Promise.allSettled(stores.map((s) => s.close()));
  await cluster?.stop();
}, 60_000);

describe('rollouts against a real kube-apiserver', () => {
  it('keeps the state in the annotation: a new API over a fresh store resumes exactly there', async () => {
    const first = await replica();
    await request(first.app).post(ROLLOUT).send(plan).expect(201);
    await request(first.app).post(`${ROLLOUT}/next`).send({ expectedStep: 0 }).expect(200);
    const afterNext = await storedRollout();
    expect(afterNext.state).toMatchObject({ phase: 'progressing', stepIndex: 1 });
    expect(afterNext.weights).toEqual([75, 25]);

    await first.store.close();
    const second = await replica();
    const resumed = await request(second.app).get(ROLLOUT).expect(200);
    expect(resumed.body.state).toEqual(JSON.parse(JSON.stringify(afterNext.state)));
    expect(resumed.body.expected).toEqual({ stable: 75, canary: 25 });
    await request(second.app).post(`${ROLLOUT}/abort`).send({}).expect(200);
    expect((await storedRollout()).weights).toEqual([100, 0]);
  });

  it('two drivers deciding on the same version: the apiserver lets one write land, the rollout moves once', async () => {
    const [a, b] = [await replica(), await replica()];
    const started = await request(a.app)
      .post(ROLLOUT)
      .send({ ...plan, mode: 'automatic', bakeSeconds: 0, checkIntervalSeconds: 1 })
      .expect(201);
    await settled([a.store, b.store], started.body.resourceVersion);

    clockMs += 5000;
    await Promise.all([a.options.driver?.tick(), b.options.driver?.tick()]);
    const once = await storedRollout();
    expect(once.state.timeline.map((e) => e.action)).toEqual(['start', 'advance']);
    expect(once.weights).toEqual([75, 25]);

    const rv = (await request(a.app).get(ROLLOUT).expect(200)).body.resourceVersion as string;
    await settled([a.store, b.store], rv);
    clockMs += 5000;
    canaryWeight = 25;
    await Promise.all([a.options.driver?.tick(), b.options.driver?.tick()]);
    const twice = await storedRollout();
    expect(twice.state.timeline.map((e) => `${e.action}:${e.to.canaryWeight}`)).toEqual([
      'start:10',
      'advance:25',
      'advance:50',
    ]);
    expect(twice.weights).toEqual([50, 50]);
  });
});
