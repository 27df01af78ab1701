import type { VirtualService } from '../resources/istio';
import type { RouteRef } from '../resources/route-ref';
import { EditError } from './edit-error';
import type { WeightedDestination } from './edit-schema';
import { locateRouteOfKind, updateRoute } from './route-access';
import { weightedRoute } from './weighted-destinations';

/** Weighted destinations of a tcp (or tls: same shape) route, normalised like setWeights. */
export function setTcpWeights(
  vs: VirtualService,
  ref: RouteRef,
  weights: readonly WeightedDestination[],
): VirtualService {
  if (weights.length === 0)
    throw new EditError('invalid_edit', 'weights', 'setTcpWeights needs at least one destination');
  const at = locateRouteOfKind(vs, ref, ['tcp', 'tls'], 'setTcpWeights');
  return updateRoute(vs, at.kind, at.index, (route) => ({ ...route, route: weightedRoute(route.route, weights) }));
}
