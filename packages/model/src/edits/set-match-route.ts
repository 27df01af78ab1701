import type { HTTPMatchRequest, HTTPRoute, StringMatch, VirtualService } from '../resources/istio';
import { EditError } from './edit-error';
import type { MatchCondition, WeightedDestination } from './edit-schema';
import { replaceRoutes } from './route-access';
import { assertRoutable } from './set-weights';
import { weightedRoute } from './weighted-destinations';

export interface MatchRouteEdit {
  name: string;
  match?: MatchCondition[];
  destinations?: WeightedDestination[];
  remove?: boolean;
}

/*
 * A named match route ("end-user: jason -> v2", "x-canary: true -> v11"). A new one goes right
 * before the first route without `match` (the default route), because Istio stops at the first
 * match and a route after the default is never reached; with no default route it is appended.
 * A route with the same name is replaced in place: its match and destinations are rewritten and
 * its other fields (headers, fault, unknown fields) kept. Removing a name that is not there is a
 * no-op, so the UI's toggle can be repeated safely.
 */
export function setMatchRoute(vs: VirtualService, edit: MatchRouteEdit): VirtualService {
  const routes = vs.spec.http ?? [];
  const existing = routes.findIndex((r) => r.name === edit.name);
  if (edit.remove) {
    if (existing < 0) return vs;
    return replaceRoutes(
      vs,
      'http',
      routes.filter((_, i) => i !== existing),
    );
  }
  if (!edit.match || edit.match.length === 0)
    throw new EditError('invalid_edit', 'match', `setMatchRoute "${edit.name}" needs match conditions`);
  if (!edit.destinations || edit.destinations.length === 0) {
    throw new EditError('invalid_edit', 'destinations', `setMatchRoute "${edit.name}" needs destinations`);
  }
  const match = edit.match.map(toMatchRequest);
  if (existing >= 0) {
    const current = routes[existing] as HTTPRoute;
    assertRoutable(current, `spec.http[${existing}]`, 'setMatchRoute');
    const next = routes.slice();
    next[existing] = { ...current, match, route: weightedRoute(current.route, edit.destinations) };
    return replaceRoutes(vs, 'http', next);
  }
  const created: HTTPRoute = { name: edit.name, match, route: weightedRoute(undefined, edit.destinations) };
  const defaultAt = routes.findIndex((r) => !r.match || r.match.length === 0);
  const at = defaultAt < 0 ? routes.length : defaultAt;
  return replaceRoutes(vs, 'http', [...routes.slice(0, at), created, ...routes.slice(at)]);
}

function toMatchRequest(condition: MatchCondition): HTTPMatchRequest {
  const out: HTTPMatchRequest = {};
  if (condition.uri) out.uri = { ...condition.uri } as StringMatch;
  if (condition.headers) {
    out.headers = Object.fromEntries(Object.entries(condition.headers).map(([k, v]) => [k, { ...v } as StringMatch]));
  }
  return out;
}
