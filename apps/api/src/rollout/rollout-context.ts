import {
  canaryWeightOf,
  evaluateGates,
  ROLLOUT_ANNOTATION,
  stepWindow,
  type GateEvaluation,
  type MeshSnapshot,
  type RolloutCarrier,
  type RolloutState,
  type TrafficWindow,
} from '@sluice/model';
import type { Logger } from 'pino';
import type { AuditLog } from '../audit/audit-log';
import type { MeshStore } from '../cluster/mesh-store';
import type { TrafficReader } from '../traffic/read-traffic';
import { routingOf } from '../writes/service-routing';
import type { RolloutSeries } from './rollout-series';
import { rolloutCallers, rolloutHttpRoutes, sideSelector } from './rollout-target';

/* What the rollout use cases share, and the reads they all need. */

export interface RolloutContext {
  store: MeshStore;
  readTraffic: TrafficReader;
  series: RolloutSeries;
  logger: Logger;
  now: () => number;
  /** Where rollout writes are recorded for the metrics charts' change markers. */
  audit?: AuditLog | undefined;
}

export const rolloutKey = (vs: RolloutCarrier) =>
  `${vs.kind === 'HTTPRoute' ? 'HTTPRoute/' : ''}${vs.metadata.namespace ?? 'default'}/${vs.metadata.name}`;

/**
 * The object carrying the service's rollout: a VirtualService or HTTPRoute with the annotation first,
 * else the first VirtualService routing the service, else the first HTTPRoute that does (decision 72).
 */
export function findRolloutVirtualService(
  snapshot: MeshSnapshot,
  ns: string,
  service: string,
): RolloutCarrier | undefined {
  const { hostVirtualServices } = routingOf(snapshot, ns, service);
  const httpRoutes = rolloutHttpRoutes(snapshot, ns, service);
  const annotated = (o: RolloutCarrier) => o.metadata.annotations?.[ROLLOUT_ANNOTATION] !== undefined;
  return hostVirtualServices.find(annotated) ?? httpRoutes.find(annotated) ?? hostVirtualServices[0] ?? httpRoutes[0];
}

export interface GateRead {
  gates?: GateEvaluation;
  /** Set when metrics could not be read; `gates` then come from the last good window and must not drive decisions. */
  metricsError?: string;
  /** The step started less than a second ago: nothing was read, every gate waits. */
  empty?: true;
}

/**
 * The gates of the rollout's current step, over the traffic since that step's weights took effect
 * (min(gates.window, now - stepStartedAt)); in the first second there is none, and every gate waits.
 */
export async function readGates(
  ctx: Pick<RolloutContext, 'readTraffic' | 'now'>,
  snapshot: MeshSnapshot,
  ns: string,
  state: Pick<RolloutState, 'plan' | 'phase' | 'stepIndex' | 'stepStartedAt'>,
): Promise<GateRead> {
  const { plan } = state;
  const now = ctx.now();
  const step = stepWindow(plan.gates, state.stepStartedAt, now);
  const callers = rolloutCallers(snapshot, ns, plan);
  const side = (d: RolloutState['plan']['stable']) => ({
    ...sideSelector(snapshot, ns, d),
    ...(callers ? { callers } : {}),
  });
  const sides = { stable: side(plan.stable), canary: side(plan.canary) };
  const judged = { canaryWeight: canaryWeightOf(state), since: step.since };
  if (step.seconds < 1) {
    const none: TrafficWindow = {
      timestamp: new Date(now).toISOString(),
      window: '0s',
      requests: [],
      latencies: [],
      tcp: [],
    };
    return { gates: evaluateGates(plan.gates, none, sides, judged), empty: true };
  }
  const { traffic, metricsError } = await ctx.readTraffic([ns], step.window);
  return {
    ...(traffic ? { gates: evaluateGates(plan.gates, traffic, sides, judged) } : {}),
    ...(metricsError !== undefined ? { metricsError } : {}),
  };
}
