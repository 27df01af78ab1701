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
  path: string;
  list: () => Promise<AnyList>;
}

const ISTIO_GROUP = 'networking.istio.io';
const ISTIO_VERSION = 'v1';

function watchedResources(kc: KubeConfig): Watched[] {
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const istio = (plural: string): Watched => ({
    path: `/apis/${ISTIO_GROUP}/${ISTIO_VERSION}/${plural}`,
    list: async () =>
      (await custom.listClusterCustomObject({ group: ISTIO_GROUP, version: ISTIO_VERSION, plural })) as AnyList,
  });
  return [
    istio('virtualservices'),
    istio('destinationrules'),
    istio('gateways'),
    { path: '/api/v1/services', list: async () => (await core.listServiceForAllNamespaces()) as AnyList },
    { path: '/apis/apps/v1/deployments', list: async () => (await apps.listDeploymentForAllNamespaces()) as AnyList },
    { path: '/api/v1/pods', list: async () => (await core.listPodForAllNamespaces()) as AnyList },
  ];
}

function kindOf(path: string): string {
  if (path.endsWith('virtualservices')) return 'VirtualService';
  if (path.endsWith('destinationrules')) return 'DestinationRule';
  if (path.endsWith('gateways')) return 'Gateway';
  if (path.endsWith('services')) return 'Service';
  if (path.endsWith('deployments')) return 'Deployment';
  return 'Pod';
}

export function createKubeConfigSource(opts: KubeConfigSourceOptions = {}): KubeConfigSource {
  const kc = new KubeConfig();
  if (opts.kubeconfig) kc.loadFromFile(opts.kubeconfig);
  else kc.loadFromDefault();
  const listeners = createListeners();
  const informers: { kind: string; informer: Informer<KubernetesObject> & ObjectCache<KubernetesObject> }[] = [];
  let cached: MeshSnapshot | undefined;
  let stopped = false;

  const changed = (): void => {
    cached = undefined;
    listeners.emit();
  };

  for (const w of watchedResources(kc)) {
    const informer = makeInformer(kc, w.path, w.list);
    const kind = kindOf(w.path);
    for (const verb of ['add', 'update', 'delete'] as const) informer.on(verb, changed);
    informer.on('error', (err: unknown) => {
      opts.onError?.(kind, err);
      if (!stopped)
        setTimeout(
          () => void informer.start().catch((e: unknown) => opts.onError?.(kind, e)),
          opts.restartDelayMs ?? 2000,
        ).unref();
    });
    informers.push({ kind, informer });
  }

  const snapshot = (): MeshSnapshot => {
    if (!cached) {
      const objects: KubeManifest[] = [];
      for (const { kind, informer } of informers) {
        for (const o of informer.list()) {
          if (kind === 'Pod' && (o.metadata?.ownerReferences?.length ?? 0) > 0) continue;
          // Typed list answers carry Date objects (creationTimestamp) where the schemas expect the
          // wire's strings, and items omit kind: back to plain JSON, kind put back.
          objects.push({ ...(JSON.parse(JSON.stringify(o)) as KubeManifest), kind });
        }
      }
      cached = snapshotFromManifests(objects);
    }
    return cached;
  };

  const started = Promise.all(informers.map(({ informer }) => informer.start())).then(() => changed());
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
