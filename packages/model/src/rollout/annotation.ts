import type { KubeHTTPRoute } from '../resources/gateway-api';
import type { HTTPRoute, VirtualService } from '../resources/istio';
import type { ObjectMeta } from '../resources/object-meta';
import { resolveHost } from '../routing/host';
import type { RolloutPlan } from './plan';
import {
  canaryWeightOf,
  ROLLOUT_ANNOTATION,
  rolloutStateSchema,
  TERMINAL_PHASES,
  type ActiveRollout,
  type RolloutState,
  type SplitWeights,
} from './state';

/*
 * The rollout's state lives on its VirtualService as one JSON annotation, so it is written in the
 * same preconditioned write as the weights it explains: the state and the route can never disagree
 * after a crash, and a restarted API (or another replica) reads exactly where the rollout is.
 * Pure, so the rollout use cases and the routing writes (drift) read it the same way.
 */

export interface StoredRollout {
  state: RolloutState | null;
  /** The annotation exists but cannot be read: shown to the user, never silently replaced. */
  error?: string;
}

/** The objects a rollout can live on (decision 72): a VirtualService route, or an HTTPRoute rule. */
export type RolloutCarrier = VirtualService | KubeHTTPRoute;

export function readRollout(vs: { metadata: ObjectMeta }): StoredRollout {
  const raw = vs.metadata.annotations?.[ROLLOUT_ANNOTATION];
  if (raw === undefined) return { state: null };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { state: null, error: `annotation ${ROLLOUT_ANNOTATION} is not JSON` };
  }
  const parsed = rolloutStateSchema.safeParse(json);
  if (!parsed.success)
    return {
      state: null,
      error: `annotation ${ROLLOUT_ANNOTATION} is not a rollout state: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    };
  return { state: parsed.data };
}

export function withRollout<T extends { metadata: ObjectMeta }>(vs: T, state: RolloutState): T {
  const annotations = { ...(vs.metadata.annotations ?? {}), [ROLLOUT_ANNOTATION]: JSON.stringify(state) };
  return { ...vs, metadata: { ...vs.metadata, annotations } };
}

/** A Sluice rollout that is still moving (progressing or paused). */
export function rolloutInProgress(vs: { metadata: ObjectMeta }): boolean {
  const { state } = readRollout(vs);
  return state !== null && !TERMINAL_PHASES.includes(state.phase);
}

/** The rollout in progress on this VirtualService, summed up for its view; undefined when there is none. */
export function activeRolloutOf(vs: RolloutCarrier): ActiveRollout | undefined {
  const { state } = readRollout(vs);
  if (!state || (state.phase !== 'progressing' && state.phase !== 'paused')) return undefined;
  const index =
    vs.kind === 'HTTPRoute'
      ? rolloutRule(vs, state.plan)
        ? (state.plan.route as { index: number }).index
        : -1
      : (() => {
          const route = rolloutRoute(vs, state.plan);
          return route ? (vs.spec.http ?? []).indexOf(route) : -1;
        })();
  return {
    phase: state.phase,
    stepIndex: state.stepIndex,
    canaryWeight: canaryWeightOf(state),
    httpRouteIndex: index >= 0 ? index : null,
    mode: state.plan.mode,
  };
}

/** The plan's http route in this VirtualService, or undefined when it is gone. */
export function rolloutRoute(vs: VirtualService, plan: Pick<RolloutPlan, 'route'>): HTTPRoute | undefined {
  const http = vs.spec.http ?? [];
  const ref = plan.route;
  return 'name' in ref ? http.find((r) => r.name === ref.name) : http[ref.index];
}

/** The plan's rule in an HTTPRoute (addressed by index), or undefined when it is gone. */
export function rolloutRule(route: KubeHTTPRoute, plan: Pick<RolloutPlan, 'route'>) {
  const ref = plan.route;
  return 'index' in ref ? route.spec.rules?.[ref.index] : undefined;
}

/**
 * An HTTPRoute rule's weighted backends as [host, weight in percent of the rule]: Gateway API
 * weights are relative (default 1), a rollout reads them as shares like a VirtualService's.
 */
export function ruleShares(route: KubeHTTPRoute, plan: Pick<RolloutPlan, 'route'>): [string, number][] | null {
  const rule = rolloutRule(route, plan);
  if (!rule) return null;
  const ns = route.metadata.namespace ?? 'default';
  const refs = rule.backendRefs ?? [];
  const total = refs.reduce((a, b) => a + Math.max(0, b.weight ?? 1), 0);
  return refs.map((b) => [
    resolveHost(b.name, b.namespace ?? ns),
    total > 0 ? Math.round((Math.max(0, b.weight ?? 1) * 10000) / total) / 100 : 0,
  ]);
}

/** The route's current weights for the plan's two destinations (percent), or null when the route is gone. */
export function routeWeights(
  vs: RolloutCarrier,
  plan: Pick<RolloutPlan, 'route' | 'stable' | 'canary'>,
): SplitWeights | null {
  if (vs.kind === 'HTTPRoute') {
    const shares = ruleShares(vs, plan);
    if (!shares) return null;
    const ns = vs.metadata.namespace ?? 'default';
    const share = (d: RolloutPlan['stable']) => shares.find(([h]) => h === resolveHost(d.host, ns))?.[1] ?? 0;
    return { stable: share(plan.stable), canary: share(plan.canary) };
  }
  const route = rolloutRoute(vs, plan);
  if (!route) return null;
  const entries = route.route ?? [];
  const weightOf = (d: RolloutPlan['stable']) => {
    const hit = entries.find((e) => e.destination.host === d.host && e.destination.subset === d.subset);
    if (!hit) return 0;
    return hit.weight ?? (entries.length === 1 ? 100 : 0);
  };
  return { stable: weightOf(plan.stable), canary: weightOf(plan.canary) };
}
