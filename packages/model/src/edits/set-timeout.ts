import type { VirtualService } from '../resources/istio';
import type { RouteRef } from '../resources/route-ref';
import { locateRouteOfKind, omit, updateRoute } from './route-access';

/**
 * The http route's request timeout (Go-style duration); null removes it, restoring Istio's default
 * (none). Named setRouteTimeout, not setTimeout, so importing it never shadows the global timer.
 */
export function setRouteTimeout(vs: VirtualService, ref: RouteRef, timeout: string | null): VirtualService {
  const at = locateRouteOfKind(vs, ref, ['http'], 'setTimeout');
  return updateRoute(vs, 'http', at.index, (route) =>
    timeout === null ? omit(route, 'timeout') : { ...route, timeout },
  );
}
