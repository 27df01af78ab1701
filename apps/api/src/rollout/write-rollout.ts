import { applyRolloutState, hasErrors, validateObject, type RolloutCarrier, type RolloutState } from '@sluice/model';
import type { Logger } from 'pino';
import type { AuditLog } from '../audit/audit-log';
import type { MeshStore } from '../cluster/mesh-store';
import { editFailed, invalid, snapshotWith } from '../writes/findings';

/*
 * One rollout write: the weights (and, on rollback, the mirror) through the model's edit operations,
 * the state in the annotation, validated like any edit, and stored with the resourceVersion the
 * transition was computed from as the precondition. That precondition is the lease between API
 * replicas: a 409 means someone else moved the rollout first, and nothing of ours was written.
 */
export async function writeRollout(
  store: MeshStore,
  current: RolloutCarrier,
  state: RolloutState,
  logger: Logger,
  actor: string,
  audit?: AuditLog,
): Promise<RolloutCarrier> {
  let next: RolloutCarrier;
  try {
    next = applyRolloutState(current, state);
  } catch (err) {
    throw editFailed(err) ?? err;
  }
  const findings = validateObject(next, snapshotWith(store.snapshot(), next));
  if (hasErrors(findings)) throw invalid(next, findings);
  const stored = (await store.replace(next)) as RolloutCarrier;
  const last = state.timeline.at(-1);
  logger.info(
    {
      audit: true,
      action: `rollout.${last?.action ?? 'write'}`,
      kind: stored.kind,
      namespace: stored.metadata.namespace,
      name: stored.metadata.name,
      fromResourceVersion: current.metadata.resourceVersion,
      resourceVersion: stored.metadata.resourceVersion,
      actor,
      from: last?.from,
      to: last?.to,
      reason: last?.reason,
    },
    `rollout ${last?.action ?? 'write'} ${stored.metadata.namespace ?? ''}/${stored.metadata.name}`,
  );
  audit?.record(
    `rollout.${last?.action ?? 'write'}`,
    stored,
    last
      ? `rollout ${last.action}: canary ${last.from?.canaryWeight ?? 0}% -> ${last.to.canaryWeight}%`
      : 'rollout write',
    actor,
  );
  return stored;
}
