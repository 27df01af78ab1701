import type { MeshSnapshot } from '@sluice/model';

/*
 * Where the simulator reads the mesh config from. The API's in-memory demo store, the static
 * manifests and the Kubernetes watcher all implement it, so the simulator never knows which.
 * `subscribe` fires after any change; the simulator re-reads `snapshot()` on its next tick.
 */
export interface ConfigSource {
  snapshot(): MeshSnapshot;
  /** Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** A listener set that one failing listener cannot break. */
export function createListeners(): { add(l: () => void): () => void; emit(): void } {
  const listeners = new Set<() => void>();
  return {
    add(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emit() {
      for (const l of [...listeners]) {
        try {
          l();
        } catch {
          // A listener's bug must not stop the others from hearing about the change.
        }
      }
    },
  };
}

export interface StaticConfigSource extends ConfigSource {
  /** Replace the snapshot (or derive it from the current one) and notify subscribers. */
  update(next: MeshSnapshot | ((current: MeshSnapshot) => MeshSnapshot)): void;
}

export function createStaticConfigSource(initial: MeshSnapshot): StaticConfigSource {
  let current = initial;
  const listeners = createListeners();
  return {
    snapshot: () => current,
    subscribe: (l) => listeners.add(l),
    update(next) {
      current = typeof next === 'function' ? next(current) : next;
      listeners.emit();
    },
  };
}
