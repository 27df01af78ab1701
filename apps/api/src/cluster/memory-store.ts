import type { ConfigEvent, IstioKind, IstioObject, MeshSnapshot } from '@sluice/model';
import { deepFreeze } from './deep-freeze';
import { mergeForReplace } from './merge-metadata';
import { notifyAll, objectKey, type ConfigListener, type MeshStore } from './mesh-store';
import type { IstioObjectOf } from '@sluice/model';
import { alreadyExists, missingObject, missingPrecondition, staleResourceVersion } from './store-errors';

/*
 * The demo's cluster: Istio objects in a map, with the apiserver's write semantics (one integer
 * resourceVersion counter for the whole store, 409 on a stale precondition, creations all-or-none)
 * so the demo behaves like production and the API tests prove the same contract. Stored objects
 * are frozen: readers share them, and a mutation anywhere would be a silent write.
 */

export interface MemoryStoreOptions {
  /** Test hook: fail the creation of this object key (`Kind/ns/name`) to prove rollback. */
  failCreate?: (object: IstioObject) => Error | undefined;
}

export function createMemoryStore(initial: MeshSnapshot, options: MemoryStoreOptions = {}): MeshStore {
  let revision = 0;
  const objects = new Map<string, IstioObject>();
  const listeners = new Set<ConfigListener>();
  let cached: MeshSnapshot | undefined;

  const put = (object: IstioObject): IstioObject => {
    const stored = deepFreeze(structuredClone(object));
    objects.set(keyOf(stored), stored);
    cached = undefined;
    return stored;
  };
  const nextRevision = (): string => String(++revision);
  const emit = (type: ConfigEvent['type'], object: IstioObject): void => {
    const event: ConfigEvent = {
      type,
      kind: object.kind,
      namespace: object.metadata.namespace ?? '',
      name: object.metadata.name,
      resourceVersion: object.metadata.resourceVersion,
    };
    notifyAll(listeners, event);
  };

  for (const object of [
    ...initial.virtualServices,
    ...initial.destinationRules,
    ...initial.gateways,
    ...(initial.httpRoutes ?? []),
    ...(initial.grpcRoutes ?? []),
    ...(initial.tcpRoutes ?? []),
  ]) {
    put(withMetadata(object, nextRevision()));
  }
  const services = deepFreeze(structuredClone(initial.services));
  const workloads = deepFreeze(structuredClone(initial.workloads));
  const pods = initial.pods ? deepFreeze(structuredClone(initial.pods)) : undefined;
  const namespaces = deepFreeze([...initial.namespaces]);
  // Gateway API Gateways are read, never written, by Sluice (decision 0070): kept like Services.
  const kubeGateways = deepFreeze(structuredClone(initial.kubeGateways ?? []));

  const store: MeshStore = {
    kind: 'demo',
    snapshot() {
      cached ??= buildSnapshot(objects, namespaces, services, workloads, kubeGateways, pods);
      return cached;
    },
    get<K extends IstioKind>(kind: K, namespace: string, name: string) {
      return objects.get(objectKey(kind, namespace, name)) as IstioObjectOf<K> | undefined;
    },
    list(kind, inNamespaces) {
      return [...objects.values()].filter(
        (o) => o.kind === kind && (!inNamespaces || inNamespaces.includes(o.metadata.namespace ?? '')),
      );
    },
    async replace(object) {
      const current = objects.get(keyOf(object));
      if (!current) throw missingObject(object);
      const precondition = object.metadata.resourceVersion;
      if (!precondition) throw missingPrecondition(object);
      if (precondition !== current.metadata.resourceVersion)
        throw staleResourceVersion(object, current.metadata.resourceVersion);
      const stored = put(mergeForReplace(current, object, nextRevision()));
      emit('MODIFIED', stored);
      return stored;
    },
    async create(toCreate) {
      // Check everything before writing anything: in one process that is what makes it all-or-none.
      for (const object of toCreate) if (objects.has(keyOf(object))) throw alreadyExists(object);
      const created: IstioObject[] = [];
      for (const object of toCreate) {
        const failure = options.failCreate?.(object);
        if (failure) {
          for (const done of created) objects.delete(keyOf(done));
          cached = undefined;
          throw failure;
        }
        created.push(put(withMetadata(object, nextRevision())));
      }
      for (const object of created) emit('ADDED', object);
      return created;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reachable: () => true,
    readDenied: () => undefined,
    async close() {
      listeners.clear();
    },
  };
  return store;
}

function keyOf(object: IstioObject): string {
  return objectKey(object.kind, object.metadata.namespace ?? '', object.metadata.name);
}

function withMetadata(object: IstioObject, resourceVersion: string): IstioObject {
  return {
    ...object,
    metadata: {
      ...object.metadata,
      resourceVersion,
      uid: object.metadata.uid ?? crypto.randomUUID(),
      generation: 1,
      creationTimestamp: object.metadata.creationTimestamp ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    },
  } as IstioObject;
}

function buildSnapshot(
  objects: Map<string, IstioObject>,
  namespaces: string[],
  services: MeshSnapshot['services'],
  workloads: MeshSnapshot['workloads'],
  kubeGateways: NonNullable<MeshSnapshot['kubeGateways']>,
  pods: MeshSnapshot['pods'],
): MeshSnapshot {
  const all = [...objects.values()];
  const ofKind = <K extends IstioKind>(kind: K) => all.filter((o): o is IstioObjectOf<K> => o.kind === kind);
  return deepFreeze({
    namespaces,
    services,
    workloads,
    ...(pods ? { pods } : {}),
    virtualServices: ofKind('VirtualService'),
    destinationRules: ofKind('DestinationRule'),
    gateways: ofKind('Gateway'),
    httpRoutes: ofKind('HTTPRoute'),
    grpcRoutes: ofKind('GRPCRoute'),
    tcpRoutes: ofKind('TCPRoute'),
    kubeGateways,
  });
}
