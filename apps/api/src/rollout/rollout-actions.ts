import {
  isTerminal,
  nextRolloutState,
  readRollout,
  routeWeights,
  rolloutPlanSchema,
  sameDestination,
  startRollout,
  type RolloutActionKind,
  type RolloutActionRequest,
  type RolloutView,
  type startRolloutRequestSchema,
} from '@sluice/model';
import type { z } from 'zod';
import { AppError, conflict, isAppError, notFound } from '../errors/app-error';
import { findService } from '../writes/service-routing';
import { assertNotManaged } from '../writes/controller-guard';
import { findRolloutVirtualService, readGates, type RolloutContext } from './rollout-context';
import { defaultRouteIndex, rolloutHttpRoute, rolloutHttpRoutes, rolloutVirtualService } from './rollout-target';
import { getRolloutView } from './rollout-view';
import { writeRollout } from './write-rollout';

/* The user's side of a rollout: start one, and next/pause/resume/promote/abort. */

type StartBody = z.output<typeof startRolloutRequestSchema>;

export async function startServiceRollout(
  ctx: RolloutContext,
  ns: string,
  service: string,
  body: StartBody,
  actor: string,
): Promise<RolloutView> {
  const snapshot = ctx.store.snapshot();
  const { httpRoute, ...planBody } = body;
  // An HTTPRoute when asked for (decision 72), else the VirtualService, else an HTTPRoute routing the service.
  const onHttpRoute = httpRoute !== undefined || body.kind === 'HTTPRoute';
  const vs = onHttpRoute
    ? httpRoute !== undefined
      ? rolloutHttpRoute(snapshot, ns, service, httpRoute)
      : rolloutHttpRoutes(snapshot, ns, service)[0]
    : (rolloutVirtualService(snapshot, ns, service, body.virtualService) ??
      (body.virtualService === undefined ? rolloutHttpRoutes(snapshot, ns, service)[0] : undefined));
  if (!vs)
    throw notFound(
      httpRoute !== undefined
        ? `HTTPRoute ${ns}/${httpRoute} routing Service ${ns}/${service}`
        : body.virtualService
          ? `VirtualService ${ns}/${body.virtualService}`
          : `a VirtualService or HTTPRoute routing Service ${ns}/${service} (set up routing first)`,
    );
  assertNotManaged(vs, 'a rollout');
  const { state: existing } = readRollout(vs);
  if (existing && !isTerminal(existing.phase)) {
    throw conflict(
      'state',
      `a rollout of ${ns}/${service} is already ${existing.phase} (canary at step ${existing.stepIndex + 1}); abort or finish it first`,
      { currentResourceVersion: vs.metadata.resourceVersion },
    );
  }
  const plan = rolloutPlanSchema.parse({
    ...planBody,
    kind: vs.kind,
    virtualService: vs.metadata.name,
    route: body.route ?? { kind: 'http', index: defaultRouteIndex(vs) },
  });
  if (sameDestination(plan.stable, plan.canary)) {
    throw new AppError('bad_request', 'stable and canary are the same destination', 400, [
      { path: 'canary', code: 'same_destination', message: 'canary must differ from stable' },
    ]);
  }
  if (vs.kind === 'HTTPRoute') {
    // setBackendWeights shifts existing backendRefs only: both sides must be backends of the rule.
    const index = 'index' in plan.route ? plan.route.index : -1;
    const names = (vs.spec.rules?.[index]?.backendRefs ?? []).map((b) => b.name);
    const missing = (['stable', 'canary'] as const).filter((side) => !names.includes(plan[side].host));
    if (missing.length > 0)
      throw new AppError(
        'bad_request',
        `HTTPRoute ${ns}/${vs.metadata.name} rule ${index} has no backendRef ${missing.map((m) => `"${plan[m].host}"`).join(' or ')} (has ${names.join(', ') || 'none'})`,
        400,
        missing.map((m) => ({
          path: `${m}.host`,
          code: 'backend_not_in_rule',
          message: `not a backendRef of rule ${index}`,
        })),
      );
  }
  await writeRollout(ctx.store, vs, startRollout(plan, ctx.now(), actor), ctx.logger, actor, ctx.audit);
  return getRolloutView(ctx, ns, service);
}

const ATTEMPTS = 3;

/**
 * An action is computed from the freshest stored state and written with its resourceVersion. When
 * the driver (or another replica) moved the rollout in between, the action is recomputed on what
 * is stored now: "abort" still means abort. `expectedStep` pins `next` to the step the user saw,
 * so a click never skips a step the driver already took.
 */
export async function actOnRollout(
  ctx: RolloutContext,
  ns: string,
  service: string,
  kind: RolloutActionKind,
  body: RolloutActionRequest,
  actor: string,
): Promise<RolloutView> {
  for (let attempt = 1; ; attempt++) {
    const snapshot = ctx.store.snapshot();
    if (!findService(snapshot, ns, service)) throw notFound(`Service ${ns}/${service}`);
    const vs = findRolloutVirtualService(snapshot, ns, service);
    const { state, error } = vs ? readRollout(vs) : { state: null };
    if (!vs || !state) throw notFound(`rollout of ${ns}/${service}${error ? ` (${error})` : ''}`);
    assertNotManaged(vs, `the rollout action "${kind}"`);
    if (body.expectedStep !== undefined && body.expectedStep !== state.stepIndex) {
      throw conflict(
        'state',
        `the rollout is at step ${state.stepIndex + 1} now, not ${body.expectedStep + 1}; review it and try again`,
        { currentResourceVersion: vs.metadata.resourceVersion },
      );
    }
    const { gates } = isTerminal(state.phase) ? {} : await readGates(ctx, snapshot, ns, state);
    const onRoute = routeWeights(vs, state.plan);
    const t = nextRolloutState(state, gates, ctx.now(), {
      kind,
      actor,
      ...(body.reason ? { reason: body.reason } : {}),
      // Recorded when the route carries something else than the state says (an override edit).
      ...(onRoute ? { routeWeights: onRoute } : {}),
    });
    if (t.refused) throw conflict('state', t.refused, { currentResourceVersion: vs.metadata.resourceVersion });
    try {
      await writeRollout(ctx.store, vs, t.state, ctx.logger, actor, ctx.audit);
      return getRolloutView(ctx, ns, service);
    } catch (err) {
      if (!(isAppError(err) && err.status === 409 && attempt < ATTEMPTS)) throw err;
    }
  }
}
