import {
  buildRoutingFor,
  hasErrors,
  validateObject,
  type CreateRoutingResponse,
  type DestinationRule,
  type MeshSnapshot,
  type Service,
  type VirtualService,
} from '@sluice/model';
import type { Logger } from 'pino';
import type { MeshStore } from '../cluster/mesh-store';
import { AppError, conflict, notFound } from '../errors/app-error';
import { invalid, snapshotWith } from './findings';
import { findService, routingOf, workloadsOf } from './service-routing';
import type { AuditLog } from '../audit/audit-log';
import { logWrite } from './write-log';

/**
 * POST .../services/:name/routing: a DestinationRule with one subset per version label value and a
 * VirtualService with one weighted route (weights follow replicas, so creating routing moves no
 * traffic; see the model's buildRoutingFor). Both are validated together and created both-or-neither.
 * With dryRun the two objects are returned unwritten: the web previews them before the user confirms.
 */
export async function createRoutingForService(
  store: MeshStore,
  namespace: string,
  name: string,
  request: { versionLabel: string },
  options: { logger: Logger; dryRun?: boolean; audit?: AuditLog | undefined },
): Promise<CreateRoutingResponse> {
  const snapshot = store.snapshot();
  const service = findService(snapshot, namespace, name);
  if (!service) throw notFound(`Service ${namespace}/${name}`);
  const blocker = routingSetupBlocker(snapshot, service);
  if (blocker) throw blocker;

  const { destinationRule, virtualService } = buildRoutingFor(service, snapshot.workloads, {
    versionLabel: request.versionLabel,
  });
  const planned = snapshotWith(snapshotWith(snapshot, destinationRule), virtualService);
  for (const object of [destinationRule, virtualService]) {
    const findings = validateObject(object, planned);
    if (hasErrors(findings)) throw invalid(object, findings);
  }
  if (options.dryRun) return { dryRun: true, destinationRule, virtualService };

  const [dr, vs] = await store.create([destinationRule, virtualService]);
  for (const object of [dr, vs]) if (object) logWrite(options.logger, 'create', undefined, object, {}, options.audit);
  return { destinationRule: dr as DestinationRule, virtualService: vs as VirtualService };
}

/**
 * Why routing cannot be set up for a Service (the error the create would answer), or undefined when
 * it can. The services list asks this too, so "Set up traffic management" is offered only where it
 * can work: not where routing exists, not where an object of the name it would create already exists
 * (demoapp's gateway VirtualService `proxy` routes fe.toptops.top to the proxy Service), not without workloads.
 */
export function routingSetupBlocker(snapshot: MeshSnapshot, service: Service): AppError | undefined {
  const namespace = service.metadata.namespace ?? 'default';
  const name = service.metadata.name;
  const existing = routingOf(snapshot, namespace, name);
  if (existing.hostVirtualServices.length > 0 || existing.destinationRules.length > 0) {
    const names = [...existing.hostVirtualServices, ...existing.destinationRules].map(
      (o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`,
    );
    return conflict('exists', `Service ${namespace}/${name} already has routing: ${names.join(', ')}`, {
      existing: names,
    });
  }
  const sameName = (o: { metadata: { name: string; namespace?: string } }) =>
    o.metadata.name === name && (o.metadata.namespace ?? 'default') === namespace;
  const taken: (VirtualService | DestinationRule)[] = [
    ...snapshot.virtualServices.filter(sameName),
    ...snapshot.destinationRules.filter(sameName),
  ];
  if (taken.length > 0) {
    const names = taken.map((o) => `${o.kind} ${namespace}/${name}`);
    const hosts = taken.flatMap((o) => ('hosts' in o.spec ? (o.spec.hosts ?? []) : [o.spec.host]));
    return conflict(
      'exists',
      `${names.join(' and ')} already exists (for ${hosts.join(', ') || 'another host'}); routing for Service ${namespace}/${name} would need that name. Edit ${names[0]} or create routing in YAML under another name`,
      { existing: names },
    );
  }
  if (workloadsOf(snapshot, service).length === 0) {
    return new AppError(
      'invalid',
      `Service ${namespace}/${name} selects no workloads; there is nothing to route to`,
      422,
      [{ path: 'spec.selector', code: 'no_workloads', severity: 'error', message: 'the selector matches no workload' }],
    );
  }
  return undefined;
}
