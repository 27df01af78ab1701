import type { GraphQuery, HTTPRoute, MeshSnapshot, VirtualService } from '@sluice/model';
import {
  createSimulator,
  createStaticConfigSource,
  demoappProfile,
  loadScenarioManifests,
  snapshotFromManifests,
  type ScenarioProfile,
} from '@sluice/mesh-sim';

/* A deterministic in-process demoapp mesh for tests: manual clock, fixed seed, config edits by hand. */

export function demoappMesh(profile: ScenarioProfile = demoappProfile) {
  const config = createStaticConfigSource(snapshotFromManifests(loadScenarioManifests(['demoapp'])));
  const sim = createSimulator({ config, profiles: [profile], seed: 42, clock: { now: () => Date.UTC(2026, 0, 1) } });
  return { config, sim };
}

/** Replace one http route (by name) of a VirtualService in the snapshot. */
export function editRoute(vsName: string, routeName: string, edit: (r: HTTPRoute) => HTTPRoute) {
  return (s: MeshSnapshot): MeshSnapshot => ({
    ...s,
    virtualServices: s.virtualServices.map(
      (vs): VirtualService =>
        vs.metadata.name === vsName ? { ...vs, spec: { ...vs.spec, http: (vs.spec.http ?? []).map((r) => (r.name === routeName ? edit(r) : r)) } } : vs,
    ),
  });
}

export const graphQuery = (namespaces: string[]): GraphQuery => ({ namespaces, graphType: 'versionedApp', window: '30s', injectServiceNodes: true });

/** Only `/canary` requests from the in-mesh client, so the proxy -> demoapp hop is all canary-route traffic. */
export const canaryOnlyProfile: ScenarioProfile = {
  ...demoappProfile,
  generators: demoappProfile.generators
    .filter((g) => g.entry.kind === 'mesh')
    .map((g) => ({ ...g, rps: 40, mix: [{ weight: 1, path: '/canary' }] })),
};
