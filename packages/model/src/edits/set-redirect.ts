import type { HTTPRedirect, VirtualService } from '../resources/istio';
import type { RouteRef } from '../resources/route-ref';
import type { RedirectSpec } from './route-edit-schemas';
import { locateRouteOfKind, omit, updateRoute } from './route-access';

const OWNED = ['uri', 'authority', 'port', 'derivePort', 'scheme', 'redirectCode'] as const;

/*
 * The redirect of an http route: the source proxy answers it (301 by default) instead of forwarding.
 * The spec is the whole redirect; null removes it. Unknown keys next to the owned ones survive. The
 * route's destinations, rewrite and fault are left as they are: istiod refuses a redirect next to any
 * of them, and validation says so at their paths (422). Turning a forwarding route into a redirect is
 * removeRoute + addRoute + setMatch + setRedirect in one request; the web offers redirects on new
 * routes ("Add a route") and edits them on redirect routes.
 */
export function setRedirect(vs: VirtualService, ref: RouteRef, spec: RedirectSpec | null): VirtualService {
  const at = locateRouteOfKind(vs, ref, ['http'], 'setRedirect');
  return updateRoute(vs, 'http', at.index, (route) => {
    const next: HTTPRedirect = omit(route.redirect ?? {}, ...OWNED);
    for (const key of OWNED) {
      const value = spec?.[key];
      if (value !== undefined) (next as Record<string, unknown>)[key] = value;
    }
    const rest = omit(route, 'redirect');
    return Object.keys(next).length === 0 ? rest : { ...rest, redirect: next };
  });
}
