import type { MeshSnapshot, VirtualService } from '@sluice/model';
import { createStaticConfigSource, type StaticConfigSource } from '../config/config-source';
import { createSimulator, type Simulator, type SimulatorOptions } from '../engine/simulator';
import { loadScenarioManifests } from '../scenarios/load-manifests';
import type { ScenarioProfile } from '../scenarios/profile-types';
import { profilesFor } from '../scenarios/profiles';
import { snapshotFromManifests } from '@sluice/model';

/*
 * Scenario simulators for tests (here and in the API/e2e suites): the seed manifests, a manual
 * clock starting at 0 and a fixed seed, with helpers to edit the config the way the API would.
 */

export interface ScenarioSim {
  sim: Simulator;
  config: StaticConfigSource;
}

export function scenarioSimulator(
  namespaces: readonly string[],
  opts: Partial<Omit<SimulatorOptions, 'config'>> & {
    profiles?: readonly ScenarioProfile[];
    edit?: (s: MeshSnapshot) => MeshSnapshot;
  } = {},
): ScenarioSim {
  const base = snapshotFromManifests(loadScenarioManifests(namespaces));
  const config = createStaticConfigSource(opts.edit ? opts.edit(base) : base);
  const { edit: _edit, ...rest } = opts;
  const sim = createSimulator({
    seed: 42,
    clock: { now: () => 0 },
    ...rest,
    profiles: opts.profiles ?? profilesFor(namespaces),
    config,
  });
  return { sim, config };
}

/** A copy of the snapshot with one VirtualService's spec replaced by `edit(spec)`. */
export function editVirtualService(
  snapshot: MeshSnapshot,
  namespace: string,
  name: string,
  edit: (spec: VirtualService['spec']) => VirtualService['spec'],
): MeshSnapshot {
  let found = false;
  const virtualServices = snapshot.virtualServices.map((vs) => {
    if (vs.metadata.namespace !== namespace || vs.metadata.name !== name) return vs;
    found = true;
    return { ...vs, spec: edit(structuredClone(vs.spec)) };
  });
  if (!found) throw new Error(`no VirtualService ${namespace}/${name}`);
  return { ...snapshot, virtualServices };
}

/** Weighted subsets for a one-route VirtualService: `{ v1: 20, v3: 80 }`. */
export function weightedRoute(
  host: string,
  weights: Record<string, number>,
): { destination: { host: string; subset: string }; weight: number }[] {
  return Object.entries(weights).map(([subset, weight]) => ({ destination: { host, subset }, weight }));
}
