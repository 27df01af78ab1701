import type { HTTPRoute, TCPRoute, TLSRoute, VirtualService } from '../resources/istio';
import type { RouteKind, RouteRef } from '../resources/route-ref';
import { formatRouteRef } from '../resources/route-ref';
import { EditError } from './edit-error';

/*
 * Finding a route by RouteRef and writing it back without touching anything else: every update
 * copies only the path from the root to the changed route, so the input object is never mutated
 * and every field the edit does not own (known or unknown) is carried over as-is.
 */

export interface RouteByKind {
  http: HTTPRoute;
  tcp: TCPRoute;
  tls: TLSRoute;
}

export interface LocatedRoute {
  kind: RouteKind;
  index: number;
  path: string;
}

export function locateRoute(vs: VirtualService, ref: RouteRef): LocatedRoute {
  const routes = vs.spec[ref.kind] ?? [];
  const index = 'name' in ref ? routes.findIndex((r) => 'name' in r && r.name === ref.name) : ref.index;
  if (index < 0 || index >= routes.length) {
    throw new EditError(
      'route_not_found',
      `spec.${ref.kind}`,
      `${formatRouteRef(ref)} does not exist in VirtualService ${vs.metadata.name}`,
    );
  }
  return { kind: ref.kind, index, path: `spec.${ref.kind}[${index}]` };
}

/** Locate `ref` and insist on one of `kinds`; the op does not fit routes of other kinds. */
export function locateRouteOfKind<K extends RouteKind>(
  vs: VirtualService,
  ref: RouteRef,
  kinds: readonly K[],
  op: string,
): LocatedRoute & { kind: K } {
  if (!(kinds as readonly RouteKind[]).includes(ref.kind)) {
    throw new EditError(
      'route_kind_mismatch',
      `spec.${ref.kind}`,
      `${op} applies to ${kinds.join('/')} routes, not ${ref.kind}`,
    );
  }
  return locateRoute(vs, ref) as LocatedRoute & { kind: K };
}

export function replaceRoutes<K extends RouteKind>(
  vs: VirtualService,
  kind: K,
  routes: RouteByKind[K][],
): VirtualService {
  return { ...vs, spec: { ...vs.spec, [kind]: routes } };
}

/** Apply `update` to the route at `kind`/`index`, returning a new VirtualService. */
export function updateRoute<K extends RouteKind>(
  vs: VirtualService,
  kind: K,
  index: number,
  update: (route: RouteByKind[K]) => RouteByKind[K],
): VirtualService {
  const routes = (vs.spec[kind] ?? []) as RouteByKind[K][];
  const current = routes[index];
  if (current === undefined)
    throw new EditError('route_not_found', `spec.${kind}[${index}]`, `${kind}[${index}] does not exist`);
  const next = routes.slice();
  next[index] = update(current);
  return replaceRoutes(vs, kind, next);
}

/** A copy of `obj` without `keys`: how an edit removes the fields it owns. */
export function omit<T extends object, K extends string>(obj: T, ...keys: K[]): Omit<T, K> {
  const copy: { [key: string]: unknown } = { ...(obj as { [key: string]: unknown }) };
  for (const key of keys) delete copy[key];
  return copy as Omit<T, K>;
}
