import { Router } from 'express';
import {
  API_ROUTES,
  routerPath,
  rolloutActionKindSchema,
  rolloutActionRequestSchema,
  startRolloutRequestSchema,
} from '@sluice/model';
import { notFound } from '../errors/app-error';
import { actorOf } from './actor';
import type { AppDeps } from './deps';
import { parseInput } from './parse-input';
import type { TrafficReader } from '../traffic/read-traffic';
import { storeFor } from './request-store';
import { actOnRollout, startServiceRollout } from '../rollout/rollout-actions';
import type { RolloutContext } from '../rollout/rollout-context';
import { createRolloutDriver, type RolloutDriver } from '../rollout/rollout-driver';
import { createRolloutSeries } from '../rollout/rollout-series';
import { getRolloutView } from '../rollout/rollout-view';

/*
 * GET/POST /api/namespaces/:ns/services/:name/rollout and POST .../rollout/{next,pause,resume,promote,abort}.
 * The router also starts this process's driver (on the server's own store: the driver acts for
 * Sluice, not for a user); its timer is unref'd, so it never keeps a process alive.
 */

export interface RolloutOptions {
  /** The clock of rollout decisions (tests: the simulator's). */
  now?: () => number;
  /** Driver period; 0 starts no timer (tests call `driver.tick()`). Default 5000 ms. */
  driveEveryMs?: number;
  /** Filled in by the router: the driver it started, for tests and shutdown. */
  driver?: RolloutDriver;
}
export type RolloutAppDeps = AppDeps & { rollout?: RolloutOptions };

const DEFAULT_DRIVE_MS = 5000;

export function rolloutRouter(deps: RolloutAppDeps, readTraffic: TrafficReader): Router {
  const series = createRolloutSeries();
  const now = deps.rollout?.now ?? deps.clock ?? Date.now;
  const context = (store: RolloutContext['store']): RolloutContext => ({
    store,
    readTraffic,
    series,
    logger: deps.logger,
    now,
    audit: deps.audit,
  });
  const driver = createRolloutDriver(context(deps.store));
  driver.start(deps.rollout?.driveEveryMs ?? DEFAULT_DRIVE_MS);
  if (deps.rollout) deps.rollout.driver = driver;

  const router = Router();
  const path = routerPath(API_ROUTES.rollout);
  router.get(path, async (req, res) => {
    res.json(await getRolloutView(context(storeFor(res, deps)), req.params.ns, req.params.name));
  });
  router.post(path, async (req, res) => {
    const body = parseInput(startRolloutRequestSchema, req.body ?? {}, 'body');
    res
      .status(201)
      .json(
        await startServiceRollout(context(storeFor(res, deps)), req.params.ns, req.params.name, body, actorOf(res)),
      );
  });
  router.post(routerPath(API_ROUTES.rolloutAction), async (req, res) => {
    const action = rolloutActionKindSchema.safeParse(req.params.action);
    if (!action.success)
      throw notFound(`rollout action "${req.params.action}" (use next, pause, resume, promote or abort)`);
    const body = parseInput(rolloutActionRequestSchema, req.body ?? {}, 'body');
    res.json(
      await actOnRollout(context(storeFor(res, deps)), req.params.ns, req.params.name, action.data, body, actorOf(res)),
    );
  });
  return router;
}
