import type { HTTPFaultInjection, VirtualService } from '../resources/istio';
import type { RouteRef } from '../resources/route-ref';
import type { FaultSpec } from './edit-schema';
import { locateRouteOfKind, omit, updateRoute } from './route-access';

/*
 * Fault injection on an http route. The spec given is the whole fault: a kind it leaves out is
 * switched off, null clears both. `percentage: {value}` is always written (a fault without it
 * applies to every request, which is never what a slider at 0 means), and the deprecated integer
 * `percent` is dropped once a percentage is written. Unknown keys next to delay/abort survive;
 * a fault left with no keys is removed, since istiod refuses an empty one.
 */
export function setFault(vs: VirtualService, ref: RouteRef, fault: FaultSpec | null): VirtualService {
  const at = locateRouteOfKind(vs, ref, ['http'], 'setFault');
  return updateRoute(vs, 'http', at.index, (route) => {
    const next: HTTPFaultInjection = omit(route.fault ?? {}, 'delay', 'abort');
    if (fault?.delay) {
      const previous = omit(route.fault?.delay ?? {}, 'percent', 'fixedDelay', 'percentage');
      next.delay = { ...previous, fixedDelay: fault.delay.fixedDelay, percentage: { value: fault.delay.percent } };
    }
    if (fault?.abort) {
      // httpStatus and grpcStatus are one choice in Istio: writing one replaces the other.
      const previous = omit(route.fault?.abort ?? {}, 'httpStatus', 'grpcStatus', 'percentage');
      next.abort = { ...previous, httpStatus: fault.abort.httpStatus, percentage: { value: fault.abort.percent } };
    }
    const rest = omit(route, 'fault');
    return Object.keys(next).length === 0 ? rest : { ...rest, fault: next };
  });
}
