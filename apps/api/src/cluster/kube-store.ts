import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { createKubeWatcher, type WatchHooks } from './kube-watcher';
import { createKubeWriter } from './kube-writer';
import type { MeshStore } from './mesh-store';

/*
 * MeshStore over a real apiserver: a watcher (kube-watcher.ts: informers, caches, health, events) and
 * a writer (kube-writer.ts: preconditioned merge patches and both-or-neither creates) sharing one
 * cache of Istio objects. The writer folds each write's answer into that cache, so a write is visible
 * to reads at once and an older watch event never overwrites it.
 */
export async function createKubeStore(kc: KubeConfig, logger: Logger, hooks?: WatchHooks): Promise<MeshStore> {
  const watcher = await createKubeWatcher(kc, logger, hooks);
  const writer = createKubeWriter(kc, watcher, logger);
  return {
    kind: 'kubernetes',
    snapshot: watcher.snapshot,
    get: watcher.get,
    list: watcher.list,
    replace: writer.replace,
    create: writer.create,
    subscribe: watcher.subscribe,
    reachable: watcher.reachable,
    readDenied: watcher.readDenied,
    close: watcher.close,
  };
}
