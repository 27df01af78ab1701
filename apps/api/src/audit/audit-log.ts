import type { IstioObject } from '@sluice/model';

/*
 * The writes Sluice made, in memory, newest last: what the metrics charts mark as vertical lines
 * ("did the error rate rise when I shifted weight?"). The structured log (../writes/write-log) stays
 * the durable record; this one is bounded and starts empty after a restart, which the charts say.
 */

export interface AuditEntry {
  /** Epoch ms, on the API's clock (the simulator's in tests), the clock the metrics use too. */
  at: number;
  action: string;
  kind: string;
  namespace: string;
  name: string;
  resourceVersion: string | undefined;
  summary: string;
  actor?: string;
  /** Hosts the object routes or configures (VirtualService hosts and destinations, a DestinationRule's host). */
  hosts: string[];
}

export interface AuditLog {
  record(action: string, object: IstioObject, summary: string, actor?: string): void;
  /** Entries at or after `sinceMs` in `namespace`, oldest first. */
  since(namespace: string, sinceMs: number): AuditEntry[];
}

const MAX_ENTRIES = 2000;

export function createAuditLog(clock: () => number = Date.now): AuditLog {
  const entries: AuditEntry[] = [];
  return {
    record(action, object, summary, actor) {
      entries.push({
        at: clock(),
        action,
        kind: object.kind,
        namespace: object.metadata.namespace ?? 'default',
        name: object.metadata.name,
        resourceVersion: object.metadata.resourceVersion,
        summary,
        ...(actor ? { actor } : {}),
        hosts: hostsOf(object),
      });
      if (entries.length > MAX_ENTRIES) entries.splice(0, entries.length - MAX_ENTRIES);
    },
    since(namespace, sinceMs) {
      return entries.filter((e) => e.namespace === namespace && e.at >= sinceMs);
    },
  };
}

type Spec = {
  hosts?: unknown;
  host?: unknown;
  http?: { route?: { destination?: { host?: unknown } }[] }[];
  tcp?: { route?: { destination?: { host?: unknown } }[] }[];
  tls?: { route?: { destination?: { host?: unknown } }[] }[];
};

function hostsOf(object: IstioObject): string[] {
  const spec = (object as { spec?: Spec }).spec ?? {};
  const hosts = new Set<string>();
  const add = (h: unknown) => typeof h === 'string' && hosts.add(h);
  if (Array.isArray(spec.hosts)) spec.hosts.forEach(add);
  add(spec.host);
  for (const routes of [spec.http, spec.tcp, spec.tls])
    for (const r of routes ?? []) for (const d of r.route ?? []) add(d.destination?.host);
  return [...hosts];
}
