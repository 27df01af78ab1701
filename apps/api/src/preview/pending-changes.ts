import {
  EDIT_KINDS,
  hasErrors,
  type EditKind,
  type Finding,
  type IstioKind,
  type IstioObject,
  type IstioObjectOf,
  type MeshSnapshot,
} from '@sluice/model';
import type { Logger } from 'pino';
import type { MeshStore } from '../cluster/mesh-store';
import { AppError } from '../errors/app-error';
import { applyObjectEdits } from '../writes/apply-edits';
import { invalid, snapshotWith } from '../writes/findings';

/*
 * Pending changes applied the way a real write would apply them, written nowhere: each goes through
 * the edit pipeline's dry run (resourceVersion precondition, controller guard, the kind's input
 * checks and edit operations, istiod's validation) against the mesh as the earlier changes leave it.
 * A change a write would refuse is refused the same way (400 bad edits, 404, 409 stale, 422 invalid).
 */

/** The edit registry's entry for a change's kind; a kind without one is a 400 naming the change. */
export function entryForKind(kind: string, index: number): EditKind {
  const entry = Object.values(EDIT_KINDS).find((e) => e.kind === kind);
  if (!entry) {
    const kinds = Object.values(EDIT_KINDS).map((e) => e.kind);
    throw new AppError('bad_request', `changes[${index}].kind: no edit operations for "${kind}"`, 400, [
      { path: `changes[${index}].kind`, code: 'invalid_value', message: `expected one of ${kinds.join(', ')}` },
    ]);
  }
  return entry as unknown as EditKind;
}

/** The store as the earlier changes would leave it; writes are impossible through it. */
function overlay(base: MeshStore, snapshot: MeshSnapshot): MeshStore {
  const listOf = (kind: IstioKind): IstioObject[] =>
    kind === 'VirtualService'
      ? snapshot.virtualServices
      : kind === 'DestinationRule'
        ? snapshot.destinationRules
        : kind === 'Gateway'
          ? snapshot.gateways
          : kind === 'HTTPRoute' && snapshot.httpRoutes
            ? snapshot.httpRoutes
            : kind === 'GRPCRoute' && snapshot.grpcRoutes
              ? snapshot.grpcRoutes
              : kind === 'TCPRoute' && snapshot.tcpRoutes
                ? snapshot.tcpRoutes
                : base.list(kind);
  return {
    kind: base.kind,
    reachable: () => base.reachable(),
    readDenied: () => base.readDenied(),
    subscribe: (listener) => base.subscribe(listener),
    close: () => Promise.resolve(),
    snapshot: () => snapshot,
    get: <K extends IstioKind>(kind: K, namespace: string, name: string) =>
      listOf(kind).find((o) => o.metadata.name === name && (o.metadata.namespace ?? 'default') === namespace) as
        IstioObjectOf<K> | undefined,
    list: (kind, namespaces) =>
      listOf(kind).filter((o) => !namespaces || namespaces.includes(o.metadata.namespace ?? 'default')),
    replace: () => Promise.reject(new Error('a preview writes nothing')),
    create: () => Promise.reject(new Error('a preview writes nothing')),
  };
}

export interface AppliedChanges {
  candidate: MeshSnapshot;
  /** Warnings and infos of the changed objects, naming the object. */
  findings: (Finding & { object: string })[];
}

/** One change with its registry entry and its body parsed by that entry's request schema. */
export interface ParsedChange {
  entry: EditKind;
  namespace: string;
  name: string;
  body: { resourceVersion: string; edits: { op: string }[] };
}

export async function applyPendingChanges(
  store: MeshStore,
  changes: readonly ParsedChange[],
  logger: Logger,
): Promise<AppliedChanges> {
  let candidate = store.snapshot();
  const findings: AppliedChanges['findings'] = [];
  for (const change of changes) {
    const { entry, namespace, name } = change;
    const result = await applyObjectEdits(overlay(store, candidate), entry, { namespace, name }, change.body, {
      dryRun: true,
      logger,
    });
    if (hasErrors(result.findings)) throw invalid(result.object, result.findings);
    const object = `${entry.kind} ${namespace}/${name}`;
    findings.push(...result.findings.map((f) => ({ ...f, object })));
    candidate = snapshotWith(candidate, result.object);
  }
  return { candidate, findings };
}
