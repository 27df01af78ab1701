import type { IstioObject } from '@sluice/model';
import type { Logger } from 'pino';
import type { AuditLog } from '../audit/audit-log';
import { diffValue } from '../cluster/kube-patch';

/**
 * Every write is logged once, after it succeeded, with what changed (the merge-patch fragment of the
 * spec, which names exactly the fields touched) and the new resourceVersion: enough to audit or undo.
 */
export function logWrite(
  logger: Logger,
  action: string,
  before: IstioObject | undefined,
  after: IstioObject,
  extra: Record<string, unknown> = {},
  audit?: AuditLog,
): void {
  const ops = Array.isArray(extra.edits) ? `: ${(extra.edits as string[]).join(', ')}` : '';
  audit?.record(action, after, `${action}${ops}`, typeof extra.actor === 'string' ? extra.actor : undefined);
  logger.info(
    {
      audit: true,
      action,
      kind: after.kind,
      namespace: after.metadata.namespace,
      name: after.metadata.name,
      fromResourceVersion: before?.metadata.resourceVersion,
      resourceVersion: after.metadata.resourceVersion,
      changes: before ? (diffValue(before.spec, after.spec) ?? {}) : after.spec,
      ...extra,
    },
    `${action} ${after.kind} ${after.metadata.namespace ?? ''}/${after.metadata.name}`,
  );
}
