import type { ConfigEvent, IstioKind, IstioObject, IstioObjectOf, MeshSnapshot } from '@sluice/model';

/*
 * The API's view of the cluster: cached reads, watched changes and preconditioned writes. Two
 * implementations share these semantics: memory-store.ts (the demo) and kube-store.ts (a real
 * apiserver). Structurally it is also mesh-sim's ConfigSource (snapshot + subscribe), so the
 * simulator routes by exactly what the API writes.
 */

export type ConfigListener = (event: ConfigEvent) => void;

export interface MeshStore {
  readonly kind: 'demo' | 'kubernetes';
  /** Everything known now. Objects are shared with other readers: never mutate them. */
  snapshot(): MeshSnapshot;
  get<K extends IstioKind>(kind: K, namespace: string, name: string): IstioObjectOf<K> | undefined;
  /** Istio objects of one kind, optionally only in the given namespaces. */
  list(kind: IstioKind, namespaces?: readonly string[]): IstioObject[];
  /**
   * Writes `object` over the stored one. `metadata.resourceVersion` is the precondition: a stale one
   * fails with a 409 AppError whose details carry `currentResourceVersion`. Only spec, labels and
   * annotations are taken from `object`; server-managed metadata is kept.
   */
  replace(object: IstioObject): Promise<IstioObject>;
  /** Creates all objects or none (a failure rolls back what was created). 409 when one exists. */
  create(objects: readonly IstioObject[]): Promise<IstioObject[]>;
  subscribe(listener: ConfigListener): () => void;
  /** False while the cluster cannot be reached (reads serve the last known state). */
  reachable(): boolean;
  /**
   * Why this store's credentials may not read the cluster (RBAC refused a list it needs), or undefined.
   * The API answers reads with 403 then, not with empty data or "unreachable".
   */
  readDenied(): string | undefined;
  close(): Promise<void>;
}

export function objectKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

export function describeObject(object: Pick<IstioObject, 'kind' | 'metadata'>): string {
  return `${object.kind} ${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

/** Tells every listener; one that throws cannot stop the others or fail the write that caused the event. */
export function notifyAll(listeners: ReadonlySet<ConfigListener>, event: ConfigEvent): void {
  for (const listener of [...listeners]) {
    try {
      listener(event);
    } catch {
      // A subscriber's bug is its own; the write already happened and the others must still hear of it.
    }
  }
}
