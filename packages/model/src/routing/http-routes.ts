import type { IstioConfig, VirtualService } from '../resources/istio';
import { httpDecision, type MatchedRoute } from './decision';
import { httpRouteMatch } from './match';
import type { MatchContext } from './request-context';
import type { RouteDecision } from './types';

/*
 * First matching http route of a VirtualService, following delegates. Istio flattens a delegate
 * into the root: each child route runs only when the root route's match also held, and when no
 * child route matches the request goes on to the root's next route. Child destinations resolve in
 * the child's namespace; the decision names the child VirtualService (where an edit would apply)
 * and records the root route in `delegatedFrom`.
 */

function findDelegate(
  config: Pick<IstioConfig, 'virtualServices'>,
  name: string,
  namespace: string,
): VirtualService | undefined {
  return config.virtualServices.find(
    (v) => v.metadata.name === name && (v.metadata.namespace ?? 'default') === namespace,
  );
}

export function firstHttpRoute(
  config: Pick<IstioConfig, 'virtualServices'>,
  vs: VirtualService,
  namespace: string,
  ctx: MatchContext,
  resolvedHost: string,
  depth = 0,
): RouteDecision | undefined {
  for (const [index, route] of (vs.spec.http ?? []).entries()) {
    const hit = httpRouteMatch(route.match, ctx, namespace);
    if (!hit) continue;
    if (route.delegate) {
      // Istio allows one level of delegation; deeper chains are ignored as istiod ignores them.
      const childNamespace = route.delegate.namespace ?? namespace;
      const child = depth === 0 ? findDelegate(config, route.delegate.name, childNamespace) : undefined;
      const decision = child && firstHttpRoute(config, child, childNamespace, ctx, resolvedHost, depth + 1);
      if (decision) {
        return { ...decision, delegatedFrom: { namespace, name: vs.metadata.name, routeIndex: index } };
      }
      continue;
    }
    const matched: MatchedRoute = {
      vsNamespace: namespace,
      vsName: vs.metadata.name,
      kind: 'http',
      index,
      matchIndex: hit.matchIndex,
      resolvedHost,
    };
    return httpDecision(route, matched, ctx);
  }
  return undefined;
}
