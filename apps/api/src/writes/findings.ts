import { EditError, type Finding, type IstioObject, type MeshSnapshot } from '@sluice/model';
import { AppError } from '../errors/app-error';
import { describeObject } from '../cluster/mesh-store';

/** The snapshot as it would be after writing `object`: cross-object checks must see the new version, not the old. */
export function snapshotWith(snapshot: MeshSnapshot, object: IstioObject): MeshSnapshot {
  const same = (o: IstioObject) =>
    o.metadata.name === object.metadata.name && o.metadata.namespace === object.metadata.namespace;
  const swap = <T extends IstioObject>(list: readonly T[], kind: T['kind']): T[] =>
    object.kind === kind ? [...list.filter((o) => !same(o)), object as T] : [...list];
  return {
    ...snapshot,
    virtualServices: swap(snapshot.virtualServices, 'VirtualService'),
    destinationRules: swap(snapshot.destinationRules, 'DestinationRule'),
    gateways: swap(snapshot.gateways, 'Gateway'),
    // Gateway API routes too, so a validation or a preview sees the route as the write leaves it.
    ...(snapshot.httpRoutes || object.kind === 'HTTPRoute'
      ? { httpRoutes: swap(snapshot.httpRoutes ?? [], 'HTTPRoute') }
      : {}),
    ...(snapshot.grpcRoutes || object.kind === 'GRPCRoute'
      ? { grpcRoutes: swap(snapshot.grpcRoutes ?? [], 'GRPCRoute') }
      : {}),
    ...(snapshot.tcpRoutes || object.kind === 'TCPRoute'
      ? { tcpRoutes: swap(snapshot.tcpRoutes ?? [], 'TCPRoute') }
      : {}),
  };
}

/** 422 listing the error findings (path, code, severity, message); the message names the first. */
export function invalid(object: Pick<IstioObject, 'kind' | 'metadata'>, findings: readonly Finding[]): AppError {
  const errors = findings.filter((f) => f.severity === 'error');
  const first = errors[0];
  const summary = first ? `${first.path}: ${first.message}` : 'validation failed';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new AppError('invalid', `${describeObject(object)} is invalid: ${summary}${more}`, 422, errors);
}

/** An edit that cannot apply (no such route, wrong kind) is a 422 pointing at the route and the edit. */
export function editFailed(err: unknown): AppError | undefined {
  if (!(err instanceof EditError)) return undefined;
  const detail = {
    path: err.path,
    code: err.code,
    severity: 'error' as const,
    message: err.message,
    editIndex: err.editIndex,
  };
  return new AppError('invalid', err.message, 422, [detail]);
}
