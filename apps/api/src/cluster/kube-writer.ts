import {
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
  type KubeConfig,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { ISTIO_PLURALS, KIND_API, type IstioKind, type IstioObject } from '@sluice/model';
import type { Logger } from 'pino';
import { AppError, conflict } from '../errors/app-error';
import { mapKubeError } from './kube-errors';
import { buildMergePatch } from './kube-patch';
import { toIstioObject } from './kube-snapshot';
import type { KubeWatcher } from './kube-watcher';
import { describeObject, type MeshStore } from './mesh-store';
import { alreadyExists, missingObject, missingPrecondition, staleResourceVersion } from './store-errors';

/*
 * The write side of the Kubernetes store: merge patches with a resourceVersion precondition (see
 * kube-patch.ts) and both-or-neither creates. It checks preconditions against the watcher's cache
 * first (a fast 409), lets the apiserver check them again, and folds every answer back into the cache
 * so a write is visible at once, before its watch event arrives.
 */

const FIELD_MANAGER = 'sluice';
// Refuse fields the CRD does not know (422 naming them) instead of the default: pruned with a warning
// header nobody reads, the write answered 200 and the user's typo silently gone.
const FIELD_VALIDATION = 'Strict';

export type KubeWriter = Pick<MeshStore, 'replace' | 'create'>;

export function createKubeWriter(
  kc: KubeConfig,
  cache: Pick<KubeWatcher, 'get' | 'remember'>,
  logger: Logger,
): KubeWriter {
  const custom = kc.makeApiClient(CustomObjectsApi);
  const cachedVersionOf = (object: IstioObject) =>
    cache.get(object.kind, object.metadata.namespace ?? '', object.metadata.name);

  const objectApi = (object: IstioObject) => ({
    group: KIND_API[object.kind].group,
    version: KIND_API[object.kind].version,
    namespace: object.metadata.namespace ?? '',
    plural: ISTIO_PLURALS[object.kind],
    name: object.metadata.name,
  });
  const mergePatchOptions = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

  function rememberWritten(kind: IstioKind, written: unknown, type: 'ADDED' | 'MODIFIED'): IstioObject {
    const object = toIstioObject(kind, written as KubernetesObject, logger);
    if (!object) throw new AppError('internal', `apiserver returned an unreadable ${kind}`);
    cache.remember(object, type);
    return object;
  }

  /** The object as the apiserver has it now, remembered in the cache; undefined if it cannot be read. */
  async function readCurrent(object: IstioObject): Promise<IstioObject | undefined> {
    try {
      return rememberWritten(object.kind, await custom.getNamespacedCustomObject(objectApi(object)), 'MODIFIED');
    } catch {
      return undefined;
    }
  }

  /** Both-or-neither: delete what this request created. A failed rollback is logged loudly, not hidden. */
  async function rollBack(created: IstioObject[]) {
    for (const object of created) {
      try {
        await custom.deleteNamespacedCustomObject({ ...objectApi(object) });
        cache.remember(object, 'DELETED');
      } catch (err) {
        logger.error(
          { object: describeObject(object), err: err instanceof Error ? err.message : String(err) },
          'rollback failed: object left behind',
        );
      }
    }
  }

  return {
    async replace(object) {
      const current = cachedVersionOf(object);
      if (!current) throw missingObject(object);
      const precondition = object.metadata.resourceVersion;
      if (!precondition) throw missingPrecondition(object);
      if (precondition !== current.metadata.resourceVersion)
        throw staleResourceVersion(object, current.metadata.resourceVersion);
      const body = buildMergePatch(current, object, precondition);
      const written = await custom
        .patchNamespacedCustomObject(
          { ...objectApi(object), body, fieldManager: FIELD_MANAGER, fieldValidation: FIELD_VALIDATION },
          mergePatchOptions,
        )
        .catch(async (err: unknown) => {
          const mapped = mapKubeError(err, `patching ${describeObject(object)}`, current.metadata.resourceVersion);
          if (mapped.status !== 409) throw mapped;
          // The apiserver saw a write our watch has not delivered yet, so the cached version is the
          // stale one. Read the current object: the 409 then names the version to reload, and a reload
          // through this store (which reads its cache) gets it without waiting for the watch.
          const fresh = await readCurrent(object);
          const details = {
            ...(mapped.details as object | undefined),
            currentResourceVersion: fresh?.metadata.resourceVersion ?? current.metadata.resourceVersion,
          };
          throw conflict('stale', mapped.message, details);
        });
      return rememberWritten(object.kind, written, 'MODIFIED');
    },
    async create(objects) {
      for (const object of objects) {
        if (cachedVersionOf(object)) throw alreadyExists(object);
      }
      const created: IstioObject[] = [];
      for (const object of objects) {
        try {
          const body = { ...object, metadata: { ...object.metadata, resourceVersion: undefined } };
          created.push(
            rememberWritten(
              object.kind,
              await custom.createNamespacedCustomObject({
                ...objectApi(object),
                body,
                fieldManager: FIELD_MANAGER,
                fieldValidation: FIELD_VALIDATION,
              }),
              'ADDED',
            ),
          );
        } catch (err) {
          await rollBack(created);
          throw mapKubeError(err, `creating ${describeObject(object)}`);
        }
      }
      return created;
    },
  };
}
