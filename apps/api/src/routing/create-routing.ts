import {
  buildRoutingFor,
  hasErrors,
  validateObject,
  type CreateRoutingResponse,
  type DestinationRule,
  type VirtualService,
} from '@sluice/model';
import type { Logger } from 'pino';
import type { MeshStore } from '../cluster/mesh-store';
import { AppError, conflict, notFound } from '../errors/app-error';
import { invalid, snapshotWith } from './findings';
import { findService, routingOf, workloadsOf } from './service-routing';
import { logWrite } from './write-log';

/**
 * POST .../services/:name/routing: a DestinationRule with one subset per version label value and a
 * VirtualService with one weighted route (weights follow replicas, so creating routing moves no
 * traffic; see the model's buildRoutingFor). Both are validated together and created both-or-neither.
 */
export async function createRoutingForService(
  store: MeshStore,
  namespace: string,
  name: string,
  request: { versionLabel: string },
  options: { logger: Logger },
): Promise<CreateRoutingResponse> {
  const snapshot = store.snapshot();
  const service = findService(snapshot, namespace, name);
  if (!service) throw notFound(`Service ${namespace}/${name}`);
  const existing = routingOf(snapshot, namespace, name);
  if (existing.hostVirtualServices.length > 0 || existing.destinationRules.length > 0) {
    const names = [...existing.hostVirtualServices, ...existing.destinationRules].map(
      (o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`,
    );
    throw conflict('exists', `Service ${namespace}/${name} already has routing: ${names.join(', ')}`, {
      existing: names,
    });
  }
  if (workloadsOf(snapshot, service).length === 0) {
    throw new AppError(
      'invalid',
      `Service ${namespace}/${name} selects no workloads; there is nothing to route to`,
      422,
      [{ path: 'spec.selector', code: 'no_workloads', severity: 'error', message: 'the selector matches no workload' }],
    );
  }

  const { destinationRule, virtualService } = buildRoutingFor(service, snapshot.workloads, {
    versionLabel: request.versionLabel,
  });
  const planned = snapshotWith(snapshotWith(snapshot, destinationRule), virtualService);
  for (const object of [destinationRule, virtualService]) {
    const findings = validateObject(object, planned);
    if (hasErrors(findings)) throw invalid(object, findings);
  }

  const [dr, vs] = await store.create([destinationRule, virtualService]);
  for (const object of [dr, vs]) if (object) logWrite(options.logger, 'create', undefined, object);
  return { destinationRule: dr as DestinationRule, virtualService: vs as VirtualService };
}
