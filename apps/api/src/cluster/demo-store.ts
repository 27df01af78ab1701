import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseManifests, snapshotFromManifests, type MeshSnapshot } from '@sluice/model';
import { createMemoryStore, type MemoryStoreOptions } from './memory-store';
import type { MeshStore } from './mesh-store';

// TODO(mesh-sim): switch to mesh-sim's loadScenarioManifests() once its index lands (it adds the clients).
const SCENARIOS = ['istio-system', 'bookinfo', 'data-product', 'demoapp', 'istio-io-tcp-traffic-shift', 'front-tomcat'];

/** The demo cluster's starting state: every scenario of DESIGN.md, as the seeds leave it. */
export function demoSnapshot(): MeshSnapshot {
  const manifests = SCENARIOS.flatMap((ns) =>
    parseManifests(readFileSync(fileURLToPath(import.meta.resolve(`@sluice/model/fixtures/scenarios/${ns}.yaml`)), 'utf8')),
  );
  return snapshotFromManifests(manifests);
}

export function createDemoStore(options: MemoryStoreOptions = {}): MeshStore {
  return createMemoryStore(demoSnapshot(), options);
}
