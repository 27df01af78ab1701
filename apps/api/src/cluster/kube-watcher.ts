import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  makeInformer,
  type Informer,
  type KubeConfig,
  type KubernetesObject,
} from '@kubernetes/client-node';
import {
  GATEWAY_API_GROUP,
  ISTIO_PLURALS,
  KIND_API,
  type ConfigEvent,
  type IstioKind,
  type IstioObject,
  type MeshSnapshot,
} from '@sluice/model';
import type { Logger } from 'pino';
import { mapKubeError } from './kube-errors';
import { readyz, startLivenessProbe } from './kube-liveness';
import { buildKubeSnapshot, isNewer, toIstioObject, type KubeCaches } from './kube-snapshot';
import { notifyAll, objectKey, type ConfigListener, type MeshStore } from './mesh-store';
import type { IstioObjectOf } from '@sluice/model';

/*
 * The read side of the Kubernetes store: list+watch informers keep caches of the Istio objects (v1),
 * Services, Deployments, ReplicaSets, Pods and Namespaces. A broken watch marks the store unreachable and
 * restarts with backoff; client-node's ListWatch relists on 410 Gone, so the caches resync. A /readyz probe
 * (kube-liveness.ts) catches the outages the watches do not report, such as a silent network path.
 * Reads keep serving the last known state meanwhile, which is what the UI's "stale" banner reports.
 *
 * Recovery does not wait for the backoff: while any watch is down, /readyz is polled every 500 ms, and
 * the moment the apiserver answers, every waiting watch relists at once. With backoff alone, a
 * change made right after a 20 s apiserver restart showed 9.4 s later (28.8 s in the issue's run);
 * with the poll, about a second (decision 0064). A list RBAC refused (403) is not an outage: it is
 * logged once per source and retried every 5 minutes, not every few seconds with a warning each time.
 */

const MAX_BACKOFF_MS = 30_000;
/** While a watch is down, /readyz is asked this often; its first 200 restarts every waiting watch at once. */
const RECOVERY_POLL_MS = 500;
/** A list RBAC refused is retried this often (permissions change rarely; each retry was a warning). */
const DENIED_BACKOFF_MS = 5 * 60_000;

type Source = IstioKind | 'KubeGateway' | 'Service' | 'Deployment' | 'ReplicaSet' | 'Pod' | 'Namespace';

/**
 * Gateway API kinds are optional: a cluster without their CRDs (the list answers 404) is a cluster
 * without Gateway API routes, not an outage, so they never mark the store unreachable.
 */
const OPTIONAL_SOURCES: ReadonlySet<Source> = new Set(['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'KubeGateway']);
const isConfigKind = (source: Source): source is IstioKind => source in ISTIO_PLURALS;

/** The watched caches: every read of MeshStore, plus `remember` for the writer to fold in its own writes. */
export interface KubeWatcher extends Pick<
  MeshStore,
  'snapshot' | 'get' | 'list' | 'subscribe' | 'reachable' | 'readDenied' | 'close'
> {
  /**
   * Takes an Istio object into the cache and tells the listeners, unless the cache already holds a
   * newer version (an older watch event never overwrites a write's own response).
   */
  remember(object: IstioObject, type: ConfigEvent['type']): void;
}

/** Observers of the watches (the server counts restarts in sluice_watch_restarts_total). */
export interface WatchHooks {
  onWatchRestart?(resource: string): void;
}

export async function createKubeWatcher(kc: KubeConfig, logger: Logger, hooks: WatchHooks = {}): Promise<KubeWatcher> {
  const custom = kc.makeApiClient(CustomObjectsApi);
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const istioPath = (kind: IstioKind) =>
    `/apis/${KIND_API[kind].group}/${KIND_API[kind].version}/${ISTIO_PLURALS[kind]}`;
  const listIstio = (kind: IstioKind) => () =>
    custom.listCustomObjectForAllNamespaces({
      group: KIND_API[kind].group,
      version: KIND_API[kind].version,
      resourcePlural: ISTIO_PLURALS[kind],
    });
  const kubeGatewayPath = `/apis/${GATEWAY_API_GROUP}/v1/gateways`;

  const informers: Record<Source, Informer<KubernetesObject> & { list(): ReadonlyArray<KubernetesObject> }> = {
    VirtualService: makeInformer(kc, istioPath('VirtualService'), listIstio('VirtualService')),
    DestinationRule: makeInformer(kc, istioPath('DestinationRule'), listIstio('DestinationRule')),
    Gateway: makeInformer(kc, istioPath('Gateway'), listIstio('Gateway')),
    HTTPRoute: makeInformer(kc, istioPath('HTTPRoute'), listIstio('HTTPRoute')),
    GRPCRoute: makeInformer(kc, istioPath('GRPCRoute'), listIstio('GRPCRoute')),
    TCPRoute: makeInformer(kc, istioPath('TCPRoute'), listIstio('TCPRoute')),
    KubeGateway: makeInformer(kc, kubeGatewayPath, () =>
      custom.listCustomObjectForAllNamespaces({ group: GATEWAY_API_GROUP, version: 'v1', resourcePlural: 'gateways' }),
    ),
    Service: makeInformer(kc, '/api/v1/services', () => core.listServiceForAllNamespaces()),
    Deployment: makeInformer(kc, '/apis/apps/v1/deployments', () => apps.listDeploymentForAllNamespaces()),
    // ReplicaSets only say which Deployment owns a pod's ReplicaSet (decision 0087).
    ReplicaSet: makeInformer(kc, '/apis/apps/v1/replicasets', () => apps.listReplicaSetForAllNamespaces()),
    Pod: makeInformer(kc, '/api/v1/pods', () => core.listPodForAllNamespaces()),
    Namespace: makeInformer(kc, '/api/v1/namespaces', () => core.listNamespace()),
  };

  // Istio objects are kept here rather than read from the informers so that a write's own response
  // is visible at once (the watch event may arrive later) and an older event never overwrites it.
  const istio = new Map<string, IstioObject>();
  const listeners = new Set<ConfigListener>();
  const healthy = new Map<Source, boolean>();
  // Lists RBAC refused (403), by source: these credentials cannot see the cluster, which is not an outage.
  const denied = new Map<Source, string>();
  let closed = false;
  const liveness = startLivenessProbe(kc);
  let cached: MeshSnapshot | undefined;

  const emit = (event: ConfigEvent) => {
    cached = undefined;
    notifyAll(listeners, event);
  };
  const remember = (object: IstioObject, type: ConfigEvent['type']) => {
    const key = objectKey(object.kind, object.metadata.namespace ?? '', object.metadata.name);
    const known = istio.get(key);
    if (type === 'DELETED') istio.delete(key);
    else if (known && !isNewer(object.metadata.resourceVersion, known.metadata.resourceVersion)) return;
    else istio.set(key, object);
    const { namespace = '', name, resourceVersion } = object.metadata;
    emit({ type, kind: object.kind, namespace, name, resourceVersion });
  };

  /** Watches waiting out a backoff, by source: how to retry them now. */
  const waiting = new Map<Source, () => void>();
  let recoveryPoll: NodeJS.Timeout | undefined;
  const pollForRecovery = () => {
    if (recoveryPoll || closed) return;
    let asking = false;
    recoveryPoll = setInterval(() => {
      if (asking) return;
      if (closed || waiting.size === 0) {
        clearInterval(recoveryPoll);
        recoveryPoll = undefined;
        return;
      }
      asking = true;
      void readyz(kc, RECOVERY_POLL_MS * 2)
        .then((up) => {
          if (!up || closed) return;
          const retries = [...waiting.values()];
          waiting.clear();
          for (const retry of retries) retry();
        })
        .finally(() => (asking = false));
    }, RECOVERY_POLL_MS);
    recoveryPoll.unref();
  };

  const starts = (Object.entries(informers) as [Source, (typeof informers)[Source]][]).map(([source, informer]) => ({
    source,
    start: wireInformer(source, informer),
  }));

  function noteDenied(source: Source, err: unknown) {
    if ((err as { code?: unknown } | null)?.code !== 403) return;
    denied.set(source, mapKubeError(err, `listing ${source}`).message);
  }

  /** Wires the events; returns how to start (and restart) this informer. */
  function wireInformer(source: Source, informer: (typeof informers)[Source]): () => Promise<void> {
    let backoff = 1000;
    let errors = 0;
    const onChange = (type: ConfigEvent['type']) => (raw: KubernetesObject) => {
      if (isConfigKind(source)) {
        const object = toIstioObject(source, raw, logger);
        if (object) remember(object, type);
        return;
      }
      if (source === 'Namespace' || source === 'KubeGateway' || source === 'ReplicaSet')
        return void (cached = undefined);
      const kind = source === 'Service' ? 'Service' : 'Workload';
      emit({
        type,
        kind,
        namespace: raw.metadata?.namespace ?? '',
        name: raw.metadata?.name ?? '',
        resourceVersion: raw.metadata?.resourceVersion,
      });
    };
    informer.on('add', onChange('ADDED'));
    informer.on('update', onChange('MODIFIED'));
    informer.on('delete', onChange('DELETED'));
    // client-node fires 'connect' before its list and watch requests go out, so a retry hanging on a
    // dead network looked healthy. Healthy is decided here instead: start() came back (list in, watch
    // answered) and no error was reported meanwhile.
    const start = async () => {
      const before = errors;
      await informer.start();
      if (errors === before && !closed) {
        healthy.set(source, true);
        denied.delete(source);
        backoff = 1000;
      }
    };
    informer.on('error', (err: unknown) => {
      // stop() aborts the watch, which client-node reports as an error: not a reason to reconnect.
      if (closed) return;
      if (OPTIONAL_SOURCES.has(source) && (err as { code?: unknown } | null)?.code === 404) {
        logger.info({ source }, 'the cluster does not serve this Gateway API kind (no CRD); not watching it');
        healthy.delete(source);
        return;
      }
      errors += 1;
      healthy.set(source, false);
      const refused = (err as { code?: unknown } | null)?.code === 403;
      const firstRefusal = refused && !denied.has(source);
      noteDenied(source, err);
      const delay = refused ? DENIED_BACKOFF_MS : backoff;
      const message = err instanceof Error ? err.message : String(err);
      if (!refused) logger.warn({ source, err: message, retryInMs: delay }, 'watch failed; will relist');
      else if (firstRefusal)
        logger.warn(
          { source, err: message, retryInMs: delay },
          'list refused by RBAC; these credentials cannot watch it',
        );
      const retry = () => {
        clearTimeout(timer);
        waiting.delete(source);
        if (closed) return;
        hooks.onWatchRestart?.(source);
        void start().catch(() => undefined);
      };
      const timer = setTimeout(retry, delay);
      timer.unref();
      if (!refused) {
        waiting.set(source, retry);
        pollForRecovery();
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    });
    return start;
  }

  // Start every watch; one failing (no CRDs, RBAC) leaves the store up and degraded, not down.
  await Promise.all(
    starts.map(({ source, start }) =>
      start().catch((err: unknown) => {
        if (OPTIONAL_SOURCES.has(source) && (err as { code?: unknown } | null)?.code === 404) return;
        healthy.set(source, false);
        noteDenied(source, err);
        logger.warn({ source, err: err instanceof Error ? err.message : String(err) }, 'initial list failed');
      }),
    ),
  );

  const caches = (): KubeCaches => ({
    istio: [...istio.values()],
    services: informers.Service.list(),
    deployments: informers.Deployment.list(),
    replicaSets: informers.ReplicaSet.list(),
    pods: informers.Pod.list(),
    namespaces: informers.Namespace.list(),
    kubeGateways: informers.KubeGateway.list(),
  });

  return {
    snapshot() {
      cached ??= buildKubeSnapshot(caches());
      return cached;
    },
    get<K extends IstioKind>(kind: K, namespace: string, name: string) {
      return istio.get(objectKey(kind, namespace, name)) as IstioObjectOf<K> | undefined;
    },
    list(kind, namespaces) {
      return [...istio.values()].filter(
        (o) => o.kind === kind && (!namespaces || namespaces.includes(o.metadata.namespace ?? '')),
      );
    },
    remember,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reachable: () =>
      liveness.ok() &&
      [...healthy.entries()].every(([source, ok]) => ok || OPTIONAL_SOURCES.has(source)) &&
      healthy.size > 0,
    readDenied() {
      const [first] = denied.values();
      if (first === undefined) return undefined;
      return `${first}${denied.size > 1 ? ` (and ${denied.size - 1} more lists refused)` : ''}`;
    },
    async close() {
      closed = true;
      liveness.stop();
      if (recoveryPoll) clearInterval(recoveryPoll);
      waiting.clear();
      listeners.clear();
      await Promise.all(Object.values(informers).map((informer) => informer.stop()));
    },
  };
}
