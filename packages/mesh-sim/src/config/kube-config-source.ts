import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  makeInformer,
  type Informer,
  type KubernetesListObject,
  type KubernetesObject,
  type ObjectCache,
} from '@kubernetes/client-node';
import type { MeshSnapshot } from '@sluice/model';
import type { KubeManifest } from '../scenarios/load-manifests';
import { snapshotFromManifests } from '@sluice/model';
import { createListeners, type ConfigSource } from './config-source';

/*
 * The mesh config of a real cluster, kept current by informers (list + watch) on Istio's
 * networking objects, Services, Deployments and Pods. Pods owned by a controller are skipped: their
 * Deployment is the workload. A broken watch restarts after a pause, as informers are meant to be
 * used; until then the last known config stays in place.
 */

export interface KubeConfigSource extends ConfigSource {
  /** Resolves when every informer has listed once. */
  ready(): Promise<void>;
  stop(): Promise<void>;
}

export interface KubeConfigSourceOptions {
  /** Path of a kubeconfig; the default loading rules (KUBECONFIG, ~/.kube/config, in-cluster) otherwise. */
  kubeconfig?: string;
  /** Pause before restarting a failed watch (default 2 s). */
  restartDelayMs?: number;
  onError?: (what: string, error: unknown) => void;
}

type AnyList = KubernetesListObject<KubernetesObject>;
interface Watched {
  kind: string;
  path: string;
  apiVersion?: string;
  /** Gateway API kinds: a cluster without their CRDs (404) has none, which is no error. */
  optional?: boolean;
  list: () => Promise<AnyList>;
}

const ISTIO_GROUP = 'networking.istio.io';
const ISTIO_VERSION = 'v1';
const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

function watchedResources(kc: KubeConfig): Watched[] {
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const custom_ = (group: string, version: string, plural: string, kind: string, optional = false): Watched => ({
    kind,
    path: `/apis/${group}/${version}/${plural}`,
    apiVersion: `${group}/${version}`,
    optional,
    list: async () => (await custom.listClusterCustomObject({ group, version, plural })) as AnyList,
  });
  return [
    custom_(ISTIO_GROUP, ISTIO_VERSION, 'virtualservices', 'VirtualService'),
    custom_(ISTIO_GROUP, ISTIO_VERSION, 'destinationrules', 'DestinationRule'),
    custom_(ISTIO_GROUP, ISTIO_VERSION, 'gateways', 'Gateway'),
    // The Gateway API (issue 17): the simulator routes by HTTPRoutes as Istio does.
    custom_(GATEWAY_API_GROUP, 'v1', 'gateways', 'Gateway', true),
    custom_(GATEWAY_API_GROUP, 'v1', 'httproutes', 'HTTPRoute', true),
    custom_(GATEWAY_API_GROUP, 'v1', 'grpcroutes', 'GRPCRoute', true),
    custom_(GATEWAY_API_GROUP, 'v1alpha2', 'tcproutes', 'TCPRoute', true),
    {
      kind: 'Service',
      path: '/api/v1/services',
      list: async () => (await core.listServiceForAllNamespaces()) as AnyList,
    },
    {
      kind: 'Deployment',
      path: '/apis/apps/v1/deployments',
      list: async () => (await apps.listDeploymentForAllNamespaces()) as AnyList,
    },
    { kind: 'Pod', path: '/api/v1/pods', list: async () => (await core.listPodForAllNamespaces()) as AnyList },
  ];
}

const notServed = (err: unknown) => (err as { code?: unknown } | null)?.code === 404;

export function createKubeConfigSource(opts: KubeConfigSourceOptions = {}): KubeConfigSource {
  const kc = new KubeConfig();
  if (opts.kubeconfig) kc.loadFromFile(opts.kubeconfig);
  else kc.loadFromDefault();
  const listeners = createListeners();
  const informers: {
    kind: string;
    apiVersion: string | undefined;
    informer: Informer<KubernetesObject> & ObjectCache<KubernetesObject>;
    optional: boolean;
  }[] = [];
  let cached: MeshSnapshot | undefined;
  let stopped = false;

  const changed = (): void => {
    cached = undefined;
    listeners.emit();
  };

  for (const w of watchedResources(kc)) {
    const informer = makeInformer(kc, w.path, w.list);
    const kind = w.kind;
    for (const verb of ['add', 'update', 'delete'] as const) informer.on(verb, changed);
    informer.on('error', (err: unknown) => {
      if (w.optional && notServed(err)) return;
      opts.onError?.(kind, err);
      if (!stopped)
        setTimeout(
          () => void informer.start().catch((e: unknown) => opts.onError?.(kind, e)),
          opts.restartDelayMs ?? 2000,
        ).unref();
    });
    informers.push({ kind, apiVersion: w.apiVersion, informer, optional: w.optional ?? false });
  }

  const snapshot = (): MeshSnapshot => {
    if (!cached) {
      const objects: KubeManifest[] = [];
      for (const { kind, apiVersion, informer } of informers) {
        for (const o of informer.list()) {
          if (kind === 'Pod' && (o.metadata?.ownerReferences?.length ?? 0) > 0) continue;
          // Typed list answers carry Date objects (creationTimestamp) where the schemas expect the
          // wire's strings, and items omit kind: back to plain JSON, kind (and the group's
          // apiVersion, which tells the two Gateway kinds apart) put back.
          const plain = JSON.parse(JSON.stringify(o)) as KubeManifest;
          objects.push({ ...plain, kind, ...(apiVersion ? { apiVersion: plain.apiVersion ?? apiVersion } : {}) });
        }
      }
      cached = snapshotFromManifests(objects);
    }
    return cached;
  };

  const started = Promise.all(
    informers.map(({ informer, optional }) =>
      informer.start().catch((err: unknown) => {
        if (!(optional && notServed(err))) throw err;
      }),
    ),
  ).then(() => changed());
  return {
    snapshot,
    subscribe: (l) => listeners.add(l),
    ready: () => started,
    async stop() {
      stopped = true;
      await Promise.all(informers.map(({ informer }) => informer.stop()));
    },
  };
}
