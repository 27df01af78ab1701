import type { HTTPRoute, VirtualService } from '../resources/istio';
import type { RouteRef } from '../resources/route-ref';
import { EditError } from './edit-error';
import type { WeightedDestination } from './edit-schema';
import { locateRouteOfKind, updateRoute } from './route-access';
import { weightedRoute } from './weighted-destinations';

/** Actions that exclude a weighted `route` list: writing weights there would make two actions. */
const OTHER_ACTIONS = ['redirect', 'directResponse', 'delegate'] as const;

export function assertRoutable(route: HTTPRoute, path: string, op: string): void {
  const action = OTHER_ACTIONS.find((a) => route[a] !== undefined);
  if (action)
    throw new EditError(
      'incompatible_route',
      `${path}.${action}`,
      `${op}: the route has a ${action}, not weighted destinations`,
    );
}

/** Weighted destinations of an http route: integers summing to 100, order kept, one destination gets 100. */
export function setWeights(vs: VirtualService, ref: RouteRef, weights: readonly WeightedDestination[]): VirtualService {
  if (weights.length === 0) throw new EditError('invalid_edit', 'weights', 'setWeights needs at least one destination');
  const at = locateRouteOfKind(vs, ref, ['http'], 'setWeights');
  return updateRoute(vs, 'http', at.index, (route) => {
    assertRoutable(route, at.path, 'setWeights');
    return { ...route, route: weightedRoute(route.route, weights) };
  });
}
