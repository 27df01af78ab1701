import { Router } from 'express';
import { API_ROUTES, routerPath, createRoutingRequestSchema, replaceObjectRequestSchema } from '@sluice/model';
import { AppError } from '../errors/app-error';
import { applyObjectEdits, editKindOf } from '../writes/apply-edits';
import { createRoutingForService } from '../writes/create-routing';
import { replaceObject } from '../writes/replace-object';
import { actorOf } from './actor';
import type { AppDeps } from './deps';
import { storeFor } from './request-store';
import { kindOfPlural } from './mesh-router';
import { parseInput } from './parse-input';

/** The three writes: edits to an object of an editable kind, routing for a service, replacing an object. */
export function writeRouter(deps: AppDeps): Router {
  const { logger } = deps;
  const router = Router();

  router.post(routerPath(API_ROUTES.edits), async (req, res) => {
    const { ns, plural, name } = req.params;
    const entry = editKindOf(plural);
    const body = parseInput(entry.requestSchema, req.body, 'body');
    const dryRun = parseDryRun(req.query.dryRun);
    res.json(
      await applyObjectEdits(storeFor(res, deps), entry, { namespace: ns, name }, body, {
        dryRun,
        logger,
        audit: deps.audit,
        actor: actorOf(res),
        ...(deps.clock ? { now: deps.clock } : {}),
      }),
    );
  });

  router.post(routerPath(API_ROUTES.routing), async (req, res) => {
    const body = parseInput(createRoutingRequestSchema, req.body ?? {}, 'body');
    const dryRun = parseDryRun(req.query.dryRun);
    const result = await createRoutingForService(storeFor(res, deps), req.params.ns, req.params.name, body, {
      logger,
      dryRun,
      audit: deps.audit,
    });
    res.status(dryRun ? 200 : 201).json(result);
  });

  router.put(routerPath(API_ROUTES.object), async (req, res) => {
    const { ns, plural, name } = req.params;
    if (!kindOfPlural(plural))
      throw new AppError('not_found', `no Istio kind "${plural}" (use virtualservices, destinationrules or gateways)`);
    const raw: unknown = typeof req.body === 'string' ? { yaml: req.body } : req.body;
    const body = parseInput(replaceObjectRequestSchema, raw, 'body');
    res.json(
      await replaceObject(storeFor(res, deps), { namespace: ns, plural, name }, body, {
        logger,
        audit: deps.audit,
        actor: actorOf(res),
        ...(deps.clock ? { now: deps.clock } : {}),
      }),
    );
  });

  return router;
}

function parseDryRun(value: unknown): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true' || value === '') return true;
  throw new AppError('bad_request', 'dryRun must be true or false', 400, [
    { path: 'query.dryRun', code: 'invalid_value', message: 'expected true or false' },
  ]);
}
