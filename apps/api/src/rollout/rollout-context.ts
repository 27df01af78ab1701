import {
  evaluateGates,
  ROLLOUT_ANNOTATION,
  type GateEvaluation,
  type HTTPRoute,
  type MeshSnapshot,
  type RolloutPlan,
  type VirtualService,
} from '@sluice/model';
import type { Logger } from 'pino';
import type { MeshStore } from '../cluster/mesh-store';
import type { TrafficReader } from '../http/read-traffic';
import { routingOf } from '../routing/service-routing';
import type { RolloutSeries } from './rollout-series';
import { sideSelector } from './rollout-target';

/* What the rollout use cases share, and the reads they all need. */

export interface RolloutContext {
  store: MeshStore;
  readTraffic: TrafficReader;
  series: RolloutSeries;
  logger: Logger;
  now: () => number;
}

export const rolloutKey = (vs: VirtualService) => `${vs.metadata.namespace ?? 'default'}/${vs.metadata.name}`;

/** The VirtualService carrying the service's rollout: one with the annotation first, else the first routing the service. */
export function findRolloutVirtualService(
  snapshot: MeshSnapshot,
  ns: string,
  service: string,
): VirtualService | undefined {
  const { hostVirtualServices } = routingOf(snapshot, ns, service);
  return (
    hostVirtualServices.find((vs) => vs.metadata.annotations?.[ROLLOUT_ANNOTATION] !== undefined) ??
    hostVirtualServices[0]
  );
}

export interface GateRead {
  gates?: GateEvaluation;
  /** Set when metrics could not be read; `gates` then come from the last good window and must not drive decisions. */
  metricsError?: string;
}

export async function readGates(
  ctx: Pick<RolloutContext, 'readTraffic'>,
  snapshot: MeshSnapshot,
  ns: string,
  plan: RolloutPlan,
): Promise<GateRead> {
  const { traffic, metricsError } = await ctx.readTraffic([ns], plan.gates.window);
  const sides = { stable: sideSelector(snapshot, ns, plan.stable), canary: sideSelector(snapshot, ns, plan.canary) };
  return {
    ...(traffic ? { gates: evaluateGates(plan.gates, traffic, sides) } : {}),
    ...(metricsError !== undefined ? { metricsError } : {}),
  };
}

/** The route's current weights for the plan's two destinations (percent), or null when the route is gone. */
export function routeWeights(vs: VirtualService, plan: RolloutPlan): { stable: number; canary: number } | null {
  const http = vs.spec.http ?? [];
  const route: HTTPRoute | undefined =
    'name' in plan.route ? http.find((r) => r.name === (plan.route as { name: string }).name) : http[plan.route.index];
  if (!route) return null;
  const entries = route.route ?? [];
  const weightOf = (d: RolloutPlan['stable']) => {
    const hit = entries.find((e) => e.destination.host === d.host && e.destination.subset === d.subset);
    if (!hit) return 0;
    return hit.weight ?? (entries.length === 1 ? 100 : 0);
  };
  return { stable: weightOf(plan.stable), canary: weightOf(plan.canary) };
}
