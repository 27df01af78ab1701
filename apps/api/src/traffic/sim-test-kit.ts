import type { GraphQuery, HTTPRoute, MeshSnapshot } from '@sluice/model';
import { demoappProfile, type ScenarioProfile } from '@sluice/mesh-sim';
import { editVirtualService, scenarioSimulator } from '@sluice/mesh-sim/testing';

/* The demoapp mesh in-process for tests (mesh-sim's scenario simulator: manual clock, fixed seed). */

export const demoappMesh = (profile: ScenarioProfile = demoappProfile) =>
  scenarioSimulator(['demoapp'], { profiles: [profile] });

/** Replace one named http route of a demoapp VirtualService, as an edit through the API would. */
export function editRoute(vsName: string, routeName: string, edit: (r: HTTPRoute) => HTTPRoute) {
  return (s: MeshSnapshot): MeshSnapshot =>
    editVirtualService(s, 'demoapp', vsName, (spec) => ({
      ...spec,
      http: (spec.http ?? []).map((r) => (r.name === routeName ? edit(r) : r)),
    }));
}

export const graphQuery = (namespaces: string[]): GraphQuery => ({
  namespaces,
  graphType: 'versionedApp',
  window: '30s',
  injectServiceNodes: true,
});

/** Only `/canary` requests from the in-mesh client, so the proxy -> demoapp hop is all canary-route traffic. */
export const canaryOnlyProfile: ScenarioProfile = {
  ...demoappProfile,
  generators: demoappProfile.generators
    .filter((g) => g.entry.kind === 'mesh')
    .map((g) => ({ ...g, rps: 40, mix: [{ weight: 1, path: '/canary' }] })),
};
