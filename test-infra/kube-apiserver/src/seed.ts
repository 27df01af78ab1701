import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:https';
import { KubeConfig, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

/** Istio's API module; its CRDs carry the real OpenAPI schemas the apiserver validates against. */
export const ISTIO_API_VERSION = process.env.ISTIO_API_VERSION ?? 'v1.31.1';

export function istioCrdsYaml(): string {
  const info = execFileSync('go', ['mod', 'download', '-json', `istio.io/api@${ISTIO_API_VERSION}`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  }).toString();
  const dir = (JSON.parse(info) as { Dir: string }).Dir;
  return readFileSync(join(dir, 'kubernetes', 'customresourcedefinitions.gen.yaml'), 'utf8');
}

/** Gateway API module: HTTPRoute, GRPCRoute, Gateway from the standard channel, TCPRoute from experimental. */
export const GATEWAY_API_VERSION = process.env.GATEWAY_API_VERSION ?? 'v1.6.3';

function moduleDir(module: string): string {
  const info = execFileSync('go', ['mod', 'download', '-json', module], {
    stdio: ['ignore', 'pipe', 'inherit'],
  }).toString();
  return (JSON.parse(info) as { Dir: string }).Dir;
}

/**
 * The Gateway API CRDs Sluice reads and writes, with the schemas and CEL rules the apiserver enforces
 * (a write the model lets through must not be refused here, and the suites prove the 422s).
 */
export function gatewayApiCrds(): KubernetesObject[] {
  const crd = join(moduleDir(`sigs.k8s.io/gateway-api@${GATEWAY_API_VERSION}`), 'config', 'crd');
  const files = [
    ['standard', 'gatewayclasses'],
    ['standard', 'gateways'],
    ['standard', 'httproutes'],
    ['standard', 'grpcroutes'],
    ['standard', 'referencegrants'],
    ['experimental', 'tcproutes'],
  ];
  return files.flatMap(([channel, plural]) =>
    objectsFromYaml(readFileSync(join(crd, channel ?? '', `gateway.networking.k8s.io_${plural}.yaml`), 'utf8')),
  );
}

/** The networking.istio.io CRDs (VirtualService, DestinationRule, Gateway, ServiceEntry, ...): all Sluice uses. */
export function istioNetworkingCrds(): KubernetesObject[] {
  return objectsFromYaml(istioCrdsYaml()).filter(
    (o) => (o as KubernetesObject & { spec?: { group?: string } }).spec?.group === 'networking.istio.io',
  );
}

/**
 * Creates CRDs with a plain POST. client-node serialises built-in kinds through its typed models,
 * which drop the `x-kubernetes-int-or-string` keys of a raw schema, and the apiserver then refuses it.
 */
export async function createCrds(server: string, token: string, crds: KubernetesObject[]): Promise<void> {
  for (const crd of crds) {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${server}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`,
        {
          method: 'POST',
          rejectUnauthorized: false,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () =>
            res.statusCode === 201 || res.statusCode === 409
              ? resolve(res.statusCode)
              : reject(new Error(`CRD ${crd.metadata?.name}: HTTP ${res.statusCode} ${body}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(crd));
    });
    void status;
  }
}

export function objectsFromYaml(text: string): KubernetesObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJSON() as KubernetesObject | null)
    .filter((o): o is KubernetesObject => !!o && typeof o === 'object' && !!o.kind);
}

export function clientFor(kubeconfigPath: string): KubernetesObjectApi {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  return KubernetesObjectApi.makeApiClient(kc);
}

/** Creates each object (Namespaces first, CRDs before their objects); existing ones are left as they are. */
export async function createAll(api: KubernetesObjectApi, objects: KubernetesObject[]): Promise<void> {
  const rank = (o: KubernetesObject) => (o.kind === 'CustomResourceDefinition' ? 0 : o.kind === 'Namespace' ? 1 : 2);
  for (const obj of [...objects].sort((a, b) => rank(a) - rank(b))) {
    try {
      await api.create(obj);
    } catch (error) {
      if ((error as { code?: number }).code !== 409) throw error;
    }
  }
}

/** Waits until the apiserver serves the Istio networking group (CRDs become established asynchronously). */
export async function waitForIstioApi(api: KubernetesObjectApi, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await api.list('networking.istio.io/v1', 'VirtualService', 'default');
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  throw new Error('networking.istio.io/v1 not served');
}

/** Waits until the apiserver serves the Gateway API routes. */
export async function waitForGatewayApi(api: KubernetesObjectApi, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await api.list('gateway.networking.k8s.io/v1', 'HTTPRoute', 'default');
      await api.list('gateway.networking.k8s.io/v1alpha2', 'TCPRoute', 'default');
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  throw new Error('gateway.networking.k8s.io not served');
}

/**
 * The viewer may read what Sluice shows and nothing else. (The built-in `view` role would not cover
 * Istio's CRDs here: role aggregation is done by kube-controller-manager, which does not run.)
 */
export const viewerRbac: KubernetesObject[] = [
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'sluice-viewer' },
    rules: [
      { apiGroups: [''], resources: ['namespaces', 'services', 'pods'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: ['get', 'list', 'watch'] },
      {
        apiGroups: ['gateway.networking.k8s.io'],
        resources: ['gateways', 'httproutes', 'grpcroutes', 'tcproutes'],
        verbs: ['get', 'list', 'watch'],
      },
      {
        apiGroups: ['networking.istio.io'],
        resources: ['virtualservices', 'destinationrules', 'gateways', 'serviceentries'],
        verbs: ['get', 'list', 'watch'],
      },
    ],
  } as KubernetesObject,
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'sluice-viewers' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'sluice-viewer' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'sluice:viewers' }],
  } as KubernetesObject,
];
