import { createSimulator, dataProductProfile, type ScenarioProfile, type Simulator } from '@sluice/mesh-sim';
import { rolloutViewSchema, type RolloutView } from '@sluice/model';
import { pino } from 'pino';
import request from 'supertest';
import { createApp, type SluiceApp } from '../app';
import { createDemoStore } from '../cluster/demo-store';
import type { MeshStore } from '../cluster/mesh-store';
import { createSimulatorSource } from '../traffic/simulator-source';
import type { RolloutAppDeps, RolloutOptions } from '../http/rollout-router';

/*
 * Rollout tests run the whole loop in-process: the demo store, the simulator routing by it with a
 * manual clock, the API over both, and the driver ticked by hand after each advance of time.
 */

export const START = Date.UTC(2026, 0, 1);
export const ROLLOUT = '/api/namespaces/data-product/services/data-product/rollout';

export interface RolloutHarness {
  app: SluiceApp;
  sim: Simulator;
  store: MeshStore;
  options: RolloutOptions;
}

/** A new API over an existing store and simulator: what a restart (or a second replica) looks like. */
export function apiOver(store: MeshStore, sim: Simulator): Omit<RolloutHarness, 'sim' | 'store'> {
  const options: RolloutOptions = { now: () => sim.now(), driveEveryMs: 0 };
  const deps: RolloutAppDeps = {
    store,
    traffic: createSimulatorSource(sim),
    config: { readOnly: false },
    logger: pino({ level: 'silent' }),
    trafficIntervalMs: 100,
    clock: () => sim.now(),
    demo: sim,
    rollout: options,
  };
  return { app: createApp(deps), options };
}

export function rolloutHarness(profile: ScenarioProfile = dataProductProfile): RolloutHarness {
  const store = createDemoStore();
  const sim = createSimulator({ config: store, profiles: [profile], seed: 7, clock: { now: () => START } });
  return { ...apiOver(store, sim), sim, store };
}

/** Simulated time in steps of 5 s, the driver ticking after each, until `done` or `maxMs`. */
export async function run(
  h: Pick<RolloutHarness, 'sim' | 'options'>,
  maxMs: number,
  done: () => boolean = () => false,
): Promise<void> {
  for (let t = 0; t < maxMs && !done(); t += 5000) {
    h.sim.advance(5000);
    await h.options.driver?.tick();
  }
}

export async function view(app: SluiceApp): Promise<RolloutView> {
  return rolloutViewSchema.parse((await request(app).get(ROLLOUT).expect(200)).body);
}

export const dataProductPlan = {
  stable: { host: 'data-product', subset: 'v3' },
  canary: { host: 'data-product', subset: 'v4' },
};

/** data-product v4.0 answering a share of its requests with a failure (gRPC: status 14). */
export function failingCanary(errorRate: number): ScenarioProfile {
  const behaviours = {
    ...dataProductProfile.behaviours,
    'data-product@v4.0': { ...dataProductProfile.behaviours['data-product@v4.0'], errorRate },
  };
  return { ...dataProductProfile, behaviours } as ScenarioProfile;
}

export function stableCanaryWeights(store: MeshStore): number[] {
  const vs = store.get('VirtualService', 'data-product', 'data-product');
  return (vs?.spec.http?.[0]?.route ?? []).map((d) => d.weight ?? 0);
}
