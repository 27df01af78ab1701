import {
  EDITABLE_PLURALS,
  editKindFor,
  hasErrors,
  unifiedDiff,
  type EditKind,
  type Finding,
  type IstioObject,
  type RolloutCarrier,
} from '@sluice/model';
import type { Logger } from 'pino';
import { stringify } from 'yaml';
import type { MeshStore } from '../cluster/mesh-store';
import { staleResourceVersion } from '../cluster/store-errors';
import { AppError, notFound } from '../errors/app-error';
import { assertNotManaged } from './controller-guard';
import { checkEditInputs } from './edit-inputs';
import { editFailed, invalid, snapshotWith } from './findings';
import { guardRolloutDrift } from './rollout-drift';
import type { AuditLog } from '../audit/audit-log';
import { logWrite } from './write-log';

interface EditsBody {
  resourceVersion: string;
  edits: { op: string }[];
  overrideRollout?: boolean | undefined;
}

/**
 * The registry entry for a URL's plural; anything without edit operations is a 404 naming the
 * plurals that have them (a Gateway exists, but has nothing to edit this way yet).
 */
export function editKindOf(plural: string): EditKind {
  const entry = editKindFor(plural);
  if (!entry)
    throw new AppError('not_found', `no edit operations for "${plural}" (editable: ${EDITABLE_PLURALS.join(', ')})`);
  return entry;
}

/**
 * POST .../:plural/:name/edits, for every kind in the model's edit registry: the edits apply in order
 * to the version the user saw (resourceVersion precondition), an object a controller owns is refused,
 * a routed kind's active rollout is guarded, the result is validated against the mesh as it would be,
 * and only then written. A dry run stops before the write and also returns findings that are errors.
 */
export async function applyObjectEdits(
  store: MeshStore,
  entry: EditKind,
  target: { namespace: string; name: string },
  request: EditsBody,
  options: { dryRun: boolean; logger: Logger; actor?: string; now?: () => number; audit?: AuditLog | undefined },
): Promise<{ dryRun: boolean; object: IstioObject; diff: string; findings: Finding[] }> {
  const { namespace, name } = target;
  const current = store.get(entry.kind, namespace, name);
  if (!current) throw notFound(`${entry.kind} ${namespace}/${name}`);
  if (request.resourceVersion !== current.metadata.resourceVersion) {
    throw staleResourceVersion(
      { kind: current.kind, metadata: { ...current.metadata, resourceVersion: request.resourceVersion } },
      current.metadata.resourceVersion,
    );
  }

  assertNotManaged(current, 'these edits');
  checkEditInputs(entry.inputProblems(request.edits));
  const edited = applyOrExplain(entry, current, request.edits);
  const driftFindings: Finding[] = [];
  const next =
    entry.routeAddressing && isCarrier(current) && isCarrier(edited) && current.kind === edited.kind
      ? guardRolloutDrift(current, edited, {
          overrideRollout: request.overrideRollout,
          actor: options.actor ?? 'anonymous',
          now: (options.now ?? Date.now)(),
          ...(options.dryRun ? { findings: driftFindings } : {}),
        })
      : edited;
  const findings = [...driftFindings, ...entry.validate(next, snapshotWith(store.snapshot(), next))];
  const diff = unifiedDiff(
    stringify(current),
    stringify(next),
    `a/${namespace}/${name}.yaml`,
    `b/${namespace}/${name}.yaml`,
  );
  if (options.dryRun) return { dryRun: true, object: next, diff, findings };
  if (hasErrors(findings)) throw invalid(next, findings);

  const stored = await store.replace(next);
  logWrite(
    options.logger,
    'edit',
    current,
    stored,
    { edits: request.edits.map((e) => e.op), ...(options.actor ? { actor: options.actor } : {}) },
    options.audit,
  );
  return { dryRun: false, object: stored, diff, findings };
}

/** The kinds a rollout can live on (decision 72): their edits are checked for rollout drift. */
const isCarrier = (o: IstioObject): o is RolloutCarrier => o.kind === 'VirtualService' || o.kind === 'HTTPRoute';

function applyOrExplain(entry: EditKind, current: IstioObject, edits: readonly { op: string }[]): IstioObject {
  try {
    return entry.apply(current, edits);
  } catch (err) {
    throw editFailed(err) ?? err;
  }
}
