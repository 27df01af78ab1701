import {
  managedBy,
  canaryWeightOf,
  isTerminal,
  nextRolloutState,
  readRollout,
  ROLLOUT_ANNOTATION,
  routeWeights,
  type RolloutCarrier,
} from '@sluice/model';
import { isAppError } from '../errors/app-error';
import { readGates, rolloutKey, type RolloutContext } from './rollout-context';
import { writeRollout } from './write-rollout';

/*
 * Moves automatic rollouts along and records chart points for every rollout in progress. All it
 * knows comes from the cluster (the annotation), so a restarted API picks up where the last one
 * stopped. Several API replicas may run a driver each: every state write carries the
 * resourceVersion the decision was made on, so only one of two concurrent writes lands and the
 * other gets a 409, which here just means "someone else moved it" - the next tick reads the new state.
 */

export interface RolloutDriver {
  /** One pass over every rollout in progress; resolves when all writes are done. */
  tick(): Promise<void>;
  start(intervalMs: number): void;
  /** Stops the timer; resolves when a pass in progress has finished its writes (graceful shutdown). */
  stop(): Promise<void>;
}

export function createRolloutDriver(ctx: RolloutContext): RolloutDriver {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function drive(vs: RolloutCarrier): Promise<void> {
    const { state } = readRollout(vs);
    // Controllers own their VirtualServices; a rollout found on one is shown, never driven.
    if (!state || isTerminal(state.phase) || managedBy(vs)) return;
    const ns = vs.metadata.namespace ?? 'default';
    const { gates, metricsError, empty } = await readGates(ctx, ctx.store.snapshot(), ns, state);
    // No post-step traffic to read yet is no point on the charts (a false zero).
    if (gates && metricsError === undefined && !empty)
      ctx.series.record(rolloutKey(vs), state.startedAt, canaryWeightOf(state), gates);
    // A stale window (metrics down) shows on the page but decides nothing.
    const onRoute = routeWeights(vs, state.plan);
    const t = nextRolloutState(state, metricsError === undefined ? gates : undefined, ctx.now(), {
      kind: 'check',
      ...(onRoute ? { routeWeights: onRoute } : {}),
    });
    if (!t.changed) return;
    try {
      await writeRollout(ctx.store, vs, t.state, ctx.logger, 'sluice', ctx.audit);
    } catch (err) {
      if (isAppError(err) && err.status === 409) {
        ctx.logger.debug({ rollout: rolloutKey(vs) }, 'rollout moved by someone else; re-reading next tick');
        return;
      }
      throw err;
    }
  }

  async function pass(): Promise<void> {
    // Rollouts live on VirtualServices and (decision 72) on HTTPRoutes.
    const candidates = [...ctx.store.list('VirtualService'), ...ctx.store.list('HTTPRoute')].filter(
      (o): o is RolloutCarrier =>
        (o.kind === 'VirtualService' || o.kind === 'HTTPRoute') &&
        o.metadata.annotations?.[ROLLOUT_ANNOTATION] !== undefined,
    );
    for (const vs of candidates) {
      try {
        await drive(vs);
      } catch (err) {
        // One broken rollout (an invalid route, an unreachable apiserver) must not stop the others.
        ctx.logger.warn(
          { rollout: rolloutKey(vs), err: err instanceof Error ? err.message : String(err) },
          'rollout driver could not move a rollout',
        );
      }
    }
  }

  const driver: RolloutDriver = {
    tick() {
      // Never two passes at once in one process: a slow metrics backend must not make a tick overlap the next.
      running ??= pass().finally(() => (running = undefined));
      return running;
    },
    start(intervalMs) {
      if (timer || intervalMs <= 0) return;
      timer = setInterval(() => void driver.tick(), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
  return driver;
}
