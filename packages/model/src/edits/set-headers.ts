import type { HTTPRouteDestination, VirtualService } from '../resources/istio';
import type { RouteRef } from '../resources/route-ref';
import { EditError } from './edit-error';
import type { HeaderOperationsSpec, HeadersSpec } from './route-edit-schemas';
import { locateRouteOfKind, omit, updateRoute } from './route-access';

type Headers = { request?: Record<string, unknown>; response?: Record<string, unknown>; [key: string]: unknown };

function operations(previous: Record<string, unknown> | undefined, spec: HeaderOperationsSpec | undefined) {
  const next: Record<string, unknown> = omit(previous ?? {}, 'set', 'add', 'remove');
  if (spec?.set && Object.keys(spec.set).length > 0) next.set = { ...spec.set };
  if (spec?.add && Object.keys(spec.add).length > 0) next.add = { ...spec.add };
  if (spec?.remove && spec.remove.length > 0) next.remove = [...spec.remove];
  return Object.keys(next).length === 0 ? undefined : next;
}

/** The new `headers` value: request and response operations replaced, unknown keys kept, empty parts dropped. */
function nextHeaders(previous: Headers | undefined, spec: HeadersSpec | null): Headers | undefined {
  const next: Headers = omit(previous ?? {}, 'request', 'response');
  const request = operations(previous?.request, spec?.request);
  const response = operations(previous?.response, spec?.response);
  if (request) next.request = request;
  if (response) next.response = response;
  return Object.keys(next).length === 0 ? undefined : next;
}

/*
 * Header operations (set / add / remove on the request to the destination and on the response to the
 * caller) of an http route, or of one weighted destination of it (`destinationIndex`): Istio applies
 * route-level operations to every request of the route, destination-level ones only to requests that
 * destination receives. The spec is the whole `headers`; empty maps and lists are not written.
 */
export function setHeaders(
  vs: VirtualService,
  ref: RouteRef,
  spec: HeadersSpec | null,
  destinationIndex?: number,
): VirtualService {
  const at = locateRouteOfKind(vs, ref, ['http'], 'setHeaders');
  return updateRoute(vs, 'http', at.index, (route) => {
    if (destinationIndex === undefined) {
      const headers = nextHeaders(route.headers as Headers | undefined, spec);
      const rest = omit(route, 'headers');
      return headers ? { ...rest, headers } : rest;
    }
    const destinations = route.route ?? [];
    const target = destinations[destinationIndex];
    if (!target)
      throw new EditError(
        'destination_not_found',
        `${at.path}.route`,
        `${at.path} has no destination ${destinationIndex} (it has ${destinations.length})`,
      );
    const headers = nextHeaders(target.headers as Headers | undefined, spec);
    const rest = omit(target, 'headers') as HTTPRouteDestination;
    const next = destinations.slice();
    next[destinationIndex] = headers ? { ...rest, headers } : rest;
    return { ...route, route: next };
  });
}
