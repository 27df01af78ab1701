import type { ChangeMarker } from '@sluice/model';
import type { AuditLog } from '../audit/audit-log';

/*
 * The change markers of a chart: Sluice's writes in the namespace, in the time range, to an object
 * that routes or configures one of the target's services (by short name, `name.ns` or the FQDN).
 */
export function markersFor(
  audit: AuditLog | undefined,
  ns: string,
  services: readonly string[],
  fromMs: number,
  toMs: number,
): ChangeMarker[] {
  if (!audit) return [];
  const names = new Set(services.flatMap((s) => [s, `${s}.${ns}`, `${s}.${ns}.svc`, `${s}.${ns}.svc.cluster.local`]));
  return audit
    .since(ns, fromMs)
    .filter((e) => e.at <= toMs && e.hosts.some((h) => names.has(h)))
    .map((e) => ({
      at: new Date(e.at).toISOString(),
      action: e.action,
      kind: e.kind,
      namespace: e.namespace,
      name: e.name,
      summary: e.summary,
      ...(e.actor ? { actor: e.actor } : {}),
    }));
}
