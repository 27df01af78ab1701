import { applyEdits } from '../edits/apply-edit';
import type { Edit } from '../edits/edit-schema';
import { EditError } from '../edits/edit-error';
import { setBackendWeights, setRouteFilters } from '../edits/gateway-route-edits';
import type { KubeHTTPRoute } from '../resources/gateway-api';
import { resolveHost } from '../routing/host';
import { rolloutRule, withRollout, type RolloutCarrier } from './annotation';
import { canaryWeightOf, type RolloutState } from './state';

/*
 * The VirtualService edits that make a route match a rollout state, with the model's own edit
 * operations (setWeights, setMirror). Both destinations stay in the route, at 0 when idle, so the
 * split reads "100/0" and the next rollout finds the same route shape. Rollback and abort also
 * switch mirroring off: a mirror to a bad canary still loads it.
 */
export function rolloutEdits(state: Pick<RolloutState, 'phase' | 'stepIndex' | 'plan'>): Edit[] {
  const { plan } = state;
  const canary = canaryWeightOf(state);
  const edits: Edit[] = [
    {
      op: 'setWeights',
      route: plan.route,
      weights: [
        { destination: plan.stable, weight: 100 - canary },
        { destination: plan.canary, weight: canary },
      ],
    },
  ];
  if (state.phase === 'rolledBack' || state.phase === 'aborted')
    edits.push({ op: 'setMirror', route: plan.route, mirror: null });
  return edits;
}

/**
 * The same on an HTTPRoute rule (decision 72): setBackendWeights with stable at 100 - canary, the
 * canary at its weight and any other backendRef at 0 (the op names every backendRef); rollback and
 * abort remove the rule's RequestMirror filters, as the VirtualService form clears its mirror.
 */
export function applyRolloutToHttpRoute(
  route: KubeHTTPRoute,
  state: Pick<RolloutState, 'phase' | 'stepIndex' | 'plan'>,
): KubeHTTPRoute {
  const { plan } = state;
  const rule = rolloutRule(route, plan);
  const index = 'index' in plan.route ? plan.route.index : -1;
  if (!rule)
    throw new EditError('route_not_found', 'spec.rules', `rule ${index} of HTTPRoute ${route.metadata.name} is gone`);
  const ns = route.metadata.namespace ?? 'default';
  const canary = canaryWeightOf(state);
  const side = (name: string, namespace: string | undefined) => {
    const host = resolveHost(name, namespace ?? ns);
    return host === resolveHost(plan.canary.host, ns)
      ? canary
      : host === resolveHost(plan.stable.host, ns)
        ? 100 - canary
        : 0;
  };
  let next = setBackendWeights(
    route,
    index,
    (rule.backendRefs ?? []).map((b) => ({ name: b.name, weight: side(b.name, b.namespace) })),
  );
  if (state.phase === 'rolledBack' || state.phase === 'aborted') {
    const owned = (rule.filters ?? []).filter((f) =>
      ['RequestHeaderModifier', 'RequestRedirect', 'URLRewrite'].includes(f.type),
    );
    next = setRouteFilters(next, index, owned);
  }
  return next;
}

/** The carrier with the state's weights (and mirror) applied and the state in its annotation. */
export function applyRolloutState<T extends RolloutCarrier>(carrier: T, state: RolloutState): T {
  const routed =
    carrier.kind === 'HTTPRoute' ? applyRolloutToHttpRoute(carrier, state) : applyEdits(carrier, rolloutEdits(state));
  return withRollout(routed, state) as T;
}
