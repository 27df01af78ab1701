import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KubernetesObject, KubernetesObjectApi } from '@kubernetes/client-node';
import type { TestCluster } from './cluster';
import {
  clientFor,
  createAll,
  createCrds,
  gatewayApiCrds,
  istioNetworkingCrds,
  objectsFromYaml,
  viewerRbac,
  waitForGatewayApi,
  waitForIstioApi,
} from './seed';

/*
 * What every suite against the test cluster needs first: Istio's networking CRDs and the Gateway API's (their real
 * schemas), the viewer's RBAC, and the scenario manifests. The scenario folder is passed in because
 * it belongs to @sluice/model, which this package does not depend on.
 */

/** Every object of every scenario file in `dir` (or only the named files, e.g. ['bookinfo.yaml']). */
export function scenarioObjects(dir: string, files?: readonly string[]): KubernetesObject[] {
  const names =
    files ??
    readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort();
  return names.flatMap((f) => objectsFromYaml(readFileSync(join(dir, f), 'utf8')));
}

/** Creates the CRDs and the viewer's RBAC, waits until the Istio API is served, returns an admin client. */
export async function prepareIstioCluster(cluster: TestCluster): Promise<KubernetesObjectApi> {
  await createCrds(cluster.server, cluster.users.admin.token, [...istioNetworkingCrds(), ...gatewayApiCrds()]);
  const admin = clientFor(cluster.kubeconfig('admin'));
  await waitForIstioApi(admin);
  await waitForGatewayApi(admin);
  await createAll(admin, viewerRbac);
  return admin;
}
