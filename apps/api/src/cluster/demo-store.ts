import type { MeshSnapshot } from '@sluice/model';
import { demoPodsFromManifests, snapshotFromManifests } from '@sluice/model';
import { loadScenarioManifests } from '@sluice/mesh-sim';
import { createMemoryStore, type MemoryStoreOptions } from './memory-store';
import type { MeshStore } from './mesh-store';

/**
 * The demo cluster's starting state: every scenario of DESIGN.md as the seeds leave it, from the
 * same manifests the simulator's profiles are written for (mesh-sim adds the in-mesh clients), with
 * a Running pod per desired replica. `startTime` stamps the pods (left out: deterministic, no start).
 */
export function demoSnapshot(namespaces?: readonly string[], startTime?: string): MeshSnapshot {
  const manifests = namespaces ? loadScenarioManifests(namespaces) : loadScenarioManifests();
  return { ...snapshotFromManifests(manifests), pods: demoPodsFromManifests(manifests, startTime) };
}

export function createDemoStore(options: MemoryStoreOptions = {}): MeshStore {
  // The demo's pods "started" with the server, so their age on the workload page is the demo's uptime.
  return createMemoryStore(demoSnapshot(undefined, new Date().toISOString().replace(/\.\d+Z$/, 'Z')), options);
}
