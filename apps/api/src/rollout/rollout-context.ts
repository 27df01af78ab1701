import {
  canaryWeightOf,
  evaluateGates,
  ROLLOUT_ANNOTATION,
  stepWindow,
  type GateEvaluation,
  type MeshSnapshot,
  type RolloutState,
  type TrafficWindow,
  type VirtualService,
} from '@sluice/model';
import type { Logger } from 'pino';
import type { AuditLog } from '../audit/audit-log';
import type { MeshStore } from '../cluster/mesh-store';
import type { TrafficReader } from '../traffic/read-traffic';
import { routingOf } from '../writes/service-routing';
import type { RolloutSeries } from './rollout-series';
import { sideSelector } from './rollout-target';

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
  const sides = { stable: sideSelector(snapshot, ns, plan.stable), canary: sideSelector(snapshot, ns, plan.canary) };
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
