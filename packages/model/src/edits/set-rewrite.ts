import type { HTTPRewrite, VirtualService } from '../resources/istio';
import type { RouteRef } from '../resources/route-ref';
import type { RewriteSpec } from './route-edit-schemas';
import { locateRouteOfKind, omit, updateRoute } from './route-access';

/*
 * The rewrite of an http route. The spec is the whole rewrite: a field it leaves out is removed, null
 * removes all three. Keys Sluice does not know next to them survive; a rewrite left empty is removed
 * (istiod refuses one that rewrites nothing). Conflicts (with a redirect, uri with uriRegexRewrite)
 * are validation's to report, with paths.
 */
export function setRewrite(vs: VirtualService, ref: RouteRef, spec: RewriteSpec | null): VirtualService {
  const at = locateRouteOfKind(vs, ref, ['http'], 'setRewrite');
  return updateRoute(vs, 'http', at.index, (route) => {
    const next: HTTPRewrite = omit(route.rewrite ?? {}, 'uri', 'uriRegexRewrite', 'authority');
    if (spec?.uri !== undefined) next.uri = spec.uri;
    if (spec?.uriRegexRewrite) next.uriRegexRewrite = { ...spec.uriRegexRewrite };
    if (spec?.authority !== undefined) next.authority = spec.authority;
    const rest = omit(route, 'rewrite');
    return Object.keys(next).length === 0 ? rest : { ...rest, rewrite: next };
  });
}
