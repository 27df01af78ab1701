import { Router } from 'express';
import { API_ROUTES, routerPath, ISTIO_KINDS, ISTIO_PLURALS, type IstioKind } from '@sluice/model';
import { AppError, notFound } from '../errors/app-error';
import { listIstioObjects, listNamespaces, listServices } from '../writes/mesh-views';
import type { AppDeps } from './deps';
import { storeFor } from './request-store';

/** Read-only views of the mesh config: namespaces, services, Istio objects. */
export function meshRouter(deps: AppDeps): Router {
  const router = Router();

  router.get(routerPath(API_ROUTES.namespaces), (_req, res) => {
    res.json(listNamespaces(storeFor(res, deps).snapshot()));
  });

  router.get(routerPath(API_ROUTES.services), (req, res) => {
    res.json(listServices(storeFor(res, deps).snapshot(), req.params.ns));
  });

  router.get(routerPath(API_ROUTES.istioObjects), (req, res) => {
    res.json(listIstioObjects(storeFor(res, deps), namespacesParam(req.query.namespaces)));
  });

  router.get(routerPath(API_ROUTES.object), (req, res, next) => {
    const kind = kindOfPlural(req.params.plural);
    if (!kind) return next();
    const object = storeFor(res, deps).get(kind, req.params.ns, req.params.name);
    if (!object) throw notFound(`${kind} ${req.params.ns}/${req.params.name}`);
    res.json(object);
  });

  return router;
}

/** `?namespaces=a,b` (optional here: absent means every namespace). */
function namespacesParam(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new AppError('bad_request', 'namespaces must be one comma-separated list', 400, [
      { path: 'query.namespaces', code: 'invalid_type', message: 'expected a single comma-separated string' },
    ]);
  }
  return value
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
}

export function kindOfPlural(plural: string): IstioKind | undefined {
  return ISTIO_KINDS.find((kind) => ISTIO_PLURALS[kind] === plural);
}
