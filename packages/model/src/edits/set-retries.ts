import type { VirtualService } from '../resources/istio';
import type { RouteRef } from '../resources/route-ref';
import type { RetriesSpec } from './edit-schema';
import { locateRouteOfKind, omit, updateRoute } from './route-access';

/*
 * The http route's retry policy. The spec owns attempts, perTryTimeout and retryOn (a field it
 * leaves out is removed, so istiod's defaults apply); other retry fields such as
 * retryRemoteLocalities survive. null removes `retries`, which leaves Istio's default policy
 * (2 attempts) in force: to switch retries off, write attempts 0.
 */
export function setRetries(vs: VirtualService, ref: RouteRef, retries: RetriesSpec | null): VirtualService {
  const at = locateRouteOfKind(vs, ref, ['http'], 'setRetries');
  return updateRoute(vs, 'http', at.index, (route) => {
    if (retries === null) return omit(route, 'retries');
    const kept = omit(route.retries ?? {}, 'attempts', 'perTryTimeout', 'retryOn');
    const next = { ...kept, attempts: retries.attempts, ...pick(retries) };
    return { ...route, retries: next };
  });
}

function pick(spec: RetriesSpec): { perTryTimeout?: string; retryOn?: string } {
  const out: { perTryTimeout?: string; retryOn?: string } = {};
  if (spec.perTryTimeout !== undefined) out.perTryTimeout = spec.perTryTimeout;
  if (spec.retryOn !== undefined) out.retryOn = spec.retryOn;
  return out;
}
