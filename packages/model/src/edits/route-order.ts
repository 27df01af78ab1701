import type { HTTPRoute, VirtualService } from '../resources/istio';
import type { RouteRef } from '../resources/route-ref';
import { EditError } from './edit-error';
import { locateRoute, replaceRoutes, type RouteByKind } from './route-access';

/*
 * The route lists themselves. Istio tries http routes in order and the first that matches wins, so
 * where a route sits is part of what it does: a route after a catch-all (no `match`) is never reached,
 * which validation reports (route_unreachable).
 */

/** A new http route `{ name }` at `at`, by default just before the first catch-all route (or last). */
export function addRoute(vs: VirtualService, name?: string, at?: number): VirtualService {
  const routes = vs.spec.http ?? [];
  if (name !== undefined && routes.some((r) => r.name === name))
    throw new EditError('invalid_edit', 'spec.http', `an http route named "${name}" already exists`);
  if (at !== undefined && at > routes.length)
    throw new EditError('invalid_edit', 'spec.http', `position ${at} is past the end (${routes.length} http routes)`);
  const catchAll = routes.findIndex((r) => !r.match || r.match.length === 0);
  const index = at ?? (catchAll < 0 ? routes.length : catchAll);
  const created: HTTPRoute = name === undefined ? {} : { name };
  return replaceRoutes(vs, 'http', [...routes.slice(0, index), created, ...routes.slice(index)]);
}

export function removeRoute(vs: VirtualService, ref: RouteRef): VirtualService {
  const at = locateRoute(vs, ref);
  const routes = (vs.spec[at.kind] ?? []) as RouteByKind[typeof at.kind][];
  const next = routes.filter((_, i) => i !== at.index);
  if (next.length > 0) return replaceRoutes(vs, at.kind, next);
  const spec = { ...vs.spec };
  delete spec[at.kind];
  return { ...vs, spec };
}

/** The route moves to position `to` of its list; the others keep their relative order. */
export function moveRoute(vs: VirtualService, ref: RouteRef, to: number): VirtualService {
  const at = locateRoute(vs, ref);
  const routes = (vs.spec[at.kind] ?? []) as RouteByKind[typeof at.kind][];
  if (to >= routes.length)
    throw new EditError(
      'invalid_edit',
      `spec.${at.kind}`,
      `position ${to} is past the end (${routes.length} ${at.kind} routes)`,
    );
  const next = routes.slice();
  const [moved] = next.splice(at.index, 1);
  next.splice(to, 0, moved as RouteByKind[typeof at.kind]);
  return replaceRoutes(vs, at.kind, next);
}
