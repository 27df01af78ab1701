import { gatewayApiProfile } from '@sluice/mesh-sim';
import { rolloutViewSchema, type RolloutView } from '@sluice/model';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { MeshStore } from '../cluster/mesh-store';
import { rolloutHarness, run, type RolloutHarness } from './test-kit';

/*
 * A guided rollout on an HTTPRoute's backendRefs (decision 72): gateway-api's echo service, the
 * HTTPRoute echo shifted from echo-v1 to echo-v2 step by step through setBackendWeights, the gates
 * reading the backend Services' own metrics, abort back to 100/0, and the drift rule guarding the rule.
 */

const ROLLOUT = '/api/namespaces/gateway-api/services/echo/rollout';
const ROUTE = '/api/namespaces/gateway-api/httproutes/echo';
const plan = { httpRoute: 'echo', stable: { host: 'echo-v1' }, canary: { host: 'echo-v2' } };

const weights = (store: MeshStore) =>
  (store.get('HTTPRoute', 'gateway-api', 'echo')?.spec.rules?.[0]?.backendRefs ?? []).map((b) => b.weight);
const view = async (h: RolloutHarness): Promise<RolloutView> =>
  rolloutViewSchema.parse((await request(h.app).get(ROLLOUT).expect(200)).body);

describe('rollouts on an HTTPRoute', () => {
  it('manual: start at 10, next to 25, abort -> 100/0; the view reads the rule and the backend Services', async () => {
    const h = rolloutHarness(gatewayApiProfile);
    h.sim.advance(60_000);
    const started = await request(h.app).post(ROLLOUT).send(plan).expect(201);
    expect(started.body).toMatchObject({ kind: 'HTTPRoute', virtualService: 'echo' });
    expect(weights(h.store)).toEqual([90, 10]);
    expect(started.body.versions.map((v: { version: string }) => v.version).sort()).toEqual(['v1', 'v2']);
    await run(h, 60_000);
    const live = await view(h);
    expect(live.routeWeights).toEqual({ stable: 90, canary: 10 });
    expect(live.gates?.canary.rps).toBeGreaterThan(0);

    await request(h.app).post(`${ROLLOUT}/next`).send({ expectedStep: 0 }).expect(200);
    expect(weights(h.store)).toEqual([75, 25]);
    const aborted = await request(h.app).post(`${ROLLOUT}/abort`).send({}).expect(200);
    expect(aborted.body.state.phase).toBe('aborted');
    expect(weights(h.store)).toEqual([100, 0]);
  });

  it('automatic: a healthy echo-v2 is promoted to 100 by the driver', async () => {
    const h = rolloutHarness(gatewayApiProfile);
    h.sim.advance(60_000);
    await request(h.app)
      .post(ROLLOUT)
      .send({ ...plan, mode: 'automatic', bakeSeconds: 30, gates: { minRequests: 10, maxP99Ms: null } })
      .expect(201);
    await run(h, 900_000, () => weights(h.store)[1] === 100);
    expect(weights(h.store)).toEqual([0, 100]);
    expect((await view(h)).state?.phase).toBe('promoted');
  });

  it('a weight edit on the rule of an active rollout is a 409 rollout unless overridden; a canary that is no backend is 400', async () => {
    const h = rolloutHarness(gatewayApiProfile);
    const missing = await request(h.app)
      .post(ROLLOUT)
      .send({ ...plan, canary: { host: 'echo-v3' } })
      .expect(400);
    expect(missing.body.error.details).toEqual([expect.objectContaining({ path: 'canary.host' })]);
    await request(h.app).post(ROLLOUT).send(plan).expect(201);
    const rv = (await request(h.app).get(ROUTE).expect(200)).body.metadata.resourceVersion as string;
    const edit = {
      op: 'setBackendWeights',
      rule: 0,
      weights: [
        { name: 'echo-v1', weight: 50 },
        { name: 'echo-v2', weight: 50 },
      ],
    };
    const refused = await request(h.app)
      .post(`${ROUTE}/edits`)
      .send({ resourceVersion: rv, edits: [edit] })
      .expect(409);
    expect(refused.body.error.details.reason).toBe('rollout');
    expect(weights(h.store)).toEqual([90, 10]);
    await request(h.app)
      .post(`${ROUTE}/edits`)
      .send({ resourceVersion: rv, edits: [edit], overrideRollout: true })
      .expect(200);
    expect(weights(h.store)).toEqual([50, 50]);
    expect((await view(h)).state?.phase).toBe('paused');
  });
});
