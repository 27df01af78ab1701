import type { MeshSnapshot } from '@sluice/model';
import { snapshotFromManifests } from '@sluice/model';
import { loadScenarioManifests } from '@sluice/mesh-sim';
import { createMemoryStore, type MemoryStoreOptions } from './memory-store';
import type { MeshStore } from './mesh-store';

/**
 * The demo cluster's starting state: every scenario of DESIGN.md as the seeds leave it, from the
 * same manifests the simulator's profiles are written for (mesh-sim adds the in-mesh clients).
 */
export function demoSnapshot(namespaces?: readonly string[]): MeshSnapshot {
  return snapshotFromManifests(namespaces ? loadScenarioManifests(namespaces) : loadScenarioManifests());
}

export function createDemoStore(options: MemoryStoreOptions = {}): MeshStore {
  return createMemoryStore(demoSnapshot(), options);
}
