import {
  applyEdits,
  hasErrors,
  unifiedDiff,
  validateVirtualService,
  type EditsRequest,
  type EditsResponse,
  type Finding,
  type VirtualService,
} from '@sluice/model';
import type { Logger } from 'pino';
import { stringify } from 'yaml';
import type { MeshStore } from '../cluster/mesh-store';
import { staleResourceVersion } from '../cluster/store-errors';
import { notFound } from '../errors/app-error';
import { assertNotManaged } from '../rollout/controller-guard';
import { checkEditInputs } from './edit-inputs';
import { editFailed, invalid, snapshotWith } from './findings';
import { guardRolloutDrift } from './rollout-drift';
import { logWrite } from './write-log';

/**
 * POST .../virtualservices/:name/edits: the edits apply in order to the version the user saw, the
 * result is validated against the mesh as it would be, and only then written, with that version as
 * the precondition. A dry run stops before the write and also returns findings that are errors.
 */
export async function applyVirtualServiceEdits(
  store: MeshStore,
  namespace: string,
  name: string,
  request: EditsRequest,
  options: { dryRun: boolean; logger: Logger; actor?: string; now?: () => number },
): Promise<EditsResponse> {
  const current = store.get('VirtualService', namespace, name);
  if (!current) throw notFound(`VirtualService ${namespace}/${name}`);
  if (request.resourceVersion !== current.metadata.resourceVersion) {
    throw staleResourceVersion(
      { kind: current.kind, metadata: { ...current.metadata, resourceVersion: request.resourceVersion } },
      current.metadata.resourceVersion,
    );
  }

  assertNotManaged(current, 'these edits');
  checkEditInputs(request.edits);
  const driftFindings: Finding[] = [];
  const next = guardRolloutDrift(current, applyOrExplain(current, request), {
    overrideRollout: request.overrideRollout,
    actor: options.actor ?? 'anonymous',
    now: (options.now ?? Date.now)(),
    ...(options.dryRun ? { findings: driftFindings } : {}),
  });
  const findings = [...driftFindings, ...validateVirtualService(next, snapshotWith(store.snapshot(), next))];
  const diff = unifiedDiff(
    stringify(current),
    stringify(next),
    `a/${namespace}/${name}.yaml`,
    `b/${namespace}/${name}.yaml`,
  );
  if (options.dryRun) return { dryRun: true, object: next, diff, findings };
  if (hasErrors(findings)) throw invalid(next, findings);

  const stored = (await store.replace(next)) as VirtualService;
  logWrite(options.logger, 'edit', current, stored, { edits: request.edits.map((e) => e.op) });
  return { dryRun: false, object: stored, diff, findings };
}

function applyOrExplain(current: VirtualService, request: EditsRequest): VirtualService {
  try {
    return applyEdits(current, request.edits);
  } catch (err) {
    throw editFailed(err) ?? err;
  }
}
